import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { readEnv } from '../../../config/env.js';

function problems(source: NodeJS.ProcessEnv): string[] {
  try {
    readEnv(source);
  } catch (err) {
    if (err instanceof ZodError) return err.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw err;
  }
  return [];
}

describe("the worker's settings", () => {
  it('default to one queue, 4 activities, a 30 s grace and no metrics endpoint', () => {
    expect(readEnv({})).toMatchObject({
      TEMPORAL_TASK_QUEUE: 'ksql-etl',
      WORKER_MAX_CONCURRENT_ACTIVITIES: 4,
      WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 40,
      WORKER_SHUTDOWN_GRACE: 30_000,
    });
    expect(readEnv({}).METRICS_PORT).toBeUndefined();
  });

  it('read durations in ms, s or m and numbers from strings', () => {
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '500ms' }).WORKER_SHUTDOWN_GRACE).toBe(500);
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '45s' }).WORKER_SHUTDOWN_GRACE).toBe(45_000);
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '2m' }).WORKER_SHUTDOWN_GRACE).toBe(120_000);
    expect(readEnv({ METRICS_PORT: '9464', WORKER_MAX_CONCURRENT_ACTIVITIES: '2' })).toMatchObject({ METRICS_PORT: 9464, WORKER_MAX_CONCURRENT_ACTIVITIES: 2 });
  });

  it('name the variable when a value is wrong', () => {
    expect(problems({ WORKER_SHUTDOWN_GRACE: '30' })).toEqual(['WORKER_SHUTDOWN_GRACE: expected a duration like 30s, 500ms or 2m']);
    expect(problems({ WORKER_MAX_CONCURRENT_ACTIVITIES: '0' })[0]).toMatch(/^WORKER_MAX_CONCURRENT_ACTIVITIES: /);
    expect(problems({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 'many' })[0]).toMatch(/^WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: /);
    expect(problems({ METRICS_PORT: '70000' })[0]).toMatch(/^METRICS_PORT: /);
    expect(problems({ TEMPORAL_TASK_QUEUE: '' })[0]).toMatch(/^TEMPORAL_TASK_QUEUE: /);
  });
});
