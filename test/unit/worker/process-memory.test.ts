import { describe, expect, it } from 'vitest';
import { missingMemorySettings, WORKER_MALLOC_ARENA_MAX, WORKER_NODE_OPTION, withWorkerMemorySettings } from '../../../worker/process-memory.js';

describe("the worker's memory settings", () => {
  it('are added to an environment that lacks them, keeping its other Node options and variables', () => {
    const env = withWorkerMemorySettings({ PATH: '/bin', NODE_OPTIONS: '--enable-source-maps', UNSET: undefined });
    expect(env).toEqual({ PATH: '/bin', NODE_OPTIONS: `--enable-source-maps ${WORKER_NODE_OPTION}`, MALLOC_ARENA_MAX: WORKER_MALLOC_ARENA_MAX });
  });

  it('leave what the environment already says about either alone', () => {
    const env = withWorkerMemorySettings({ NODE_OPTIONS: '--max-semi-space-size=8', MALLOC_ARENA_MAX: '4' });
    expect(env).toEqual({ NODE_OPTIONS: '--max-semi-space-size=8', MALLOC_ARENA_MAX: '4' });
  });

  it('name what a worker started without them lacks, and nothing once it has both', () => {
    expect(missingMemorySettings({}, [])).toMatch(/without NODE_OPTIONS=--max-semi-space-size=2 and MALLOC_ARENA_MAX=2/);
    expect(missingMemorySettings({ MALLOC_ARENA_MAX: '2' }, ['--max-semi-space-size=2'])).toBeNull();
    expect(missingMemorySettings(withWorkerMemorySettings({}), [])).toBeNull();
  });
});
