import { describe, expect, it } from 'vitest';
import { readEnv, readSettings } from '../../../config/env.js';
import { SettingsError } from '../../../config/settings-error.js';

function problems(source: NodeJS.ProcessEnv): string[] {
  try {
    readEnv(source);
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
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
      WORKER_MAX_CACHED_WORKFLOWS: 100,
      WORKER_TASKS: 'all',
    });
    expect(readEnv({}).METRICS_PORT).toBeUndefined();
  });

  it('poll for workflows, activities or both, and cache a bounded number of workflows', () => {
    expect(readEnv({ WORKER_TASKS: 'activities', WORKER_MAX_CACHED_WORKFLOWS: '0' })).toMatchObject({ WORKER_TASKS: 'activities', WORKER_MAX_CACHED_WORKFLOWS: 0 });
    expect(problems({ WORKER_TASKS: 'both' })[0]).toMatch(/^WORKER_TASKS: "both" /);
    expect(problems({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })[0]).toMatch(/^WORKER_MAX_CACHED_WORKFLOWS: /);
  });

  it('read durations in ms, s or m and numbers from strings', () => {
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '500ms' }).WORKER_SHUTDOWN_GRACE).toBe(500);
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '45s' }).WORKER_SHUTDOWN_GRACE).toBe(45_000);
    expect(readEnv({ WORKER_SHUTDOWN_GRACE: '2m' }).WORKER_SHUTDOWN_GRACE).toBe(120_000);
    expect(readEnv({ METRICS_PORT: '9464', WORKER_MAX_CONCURRENT_ACTIVITIES: '2' })).toMatchObject({ METRICS_PORT: 9464, WORKER_MAX_CONCURRENT_ACTIVITIES: 2 });
  });

  it('name the variable when a value is wrong', () => {
    expect(problems({ WORKER_SHUTDOWN_GRACE: '30' })).toEqual(['WORKER_SHUTDOWN_GRACE: "30" expected a duration like 30s, 500ms or 2m']);
    expect(problems({ WORKER_MAX_CONCURRENT_ACTIVITIES: '0' })[0]).toMatch(/^WORKER_MAX_CONCURRENT_ACTIVITIES: /);
    expect(problems({ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: 'many' })[0]).toMatch(/^WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: /);
    expect(problems({ METRICS_PORT: '70000' })[0]).toMatch(/^METRICS_PORT: /);
    expect(problems({ TEMPORAL_TASK_QUEUE: '' })[0]).toMatch(/^TEMPORAL_TASK_QUEUE: /);
  });
});

describe('settings by piece', () => {
  it('read only the pieces asked for: a bad KSQLDB_URL does not stop a reader of FEEDS_DIR', () => {
    expect(readSettings({ KSQLDB_URL: 'notaurl', FEEDS_DIR: '.' }, ['feeds'])).toEqual({ FEEDS_DIR: '.' });
    expect(() => readSettings({ KSQLDB_URL: 'notaurl' }, ['ksqldb'])).toThrow(/^KSQLDB_URL: "notaurl" expected an http/);
  });

  it('never show a password, in the user part or as a query parameter', () => {
    const [problem] = problems({ MYSQL_URL: 'mysql://root:hunter2@db:3306/dw?password=secret' });
    expect(problem).toMatch(/^MYSQL_URL: "mysql:\/\/root:\*\*\*@db:3306\/dw\?password=\*\*\*" query parameters are not read/);
    expect(problems({ KSQLDB_PASSWORD: '' })).toEqual([]);
  });
});
