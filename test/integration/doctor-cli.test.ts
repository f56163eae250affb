import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../client/doctor/check-result.js';
import { startHarness, type Harness } from '../helpers/etl-harness.js';
import { CLI_JS } from '../helpers/build-cli.js';
import { freePort } from '../helpers/services.js';

const SECRET = 'Cli-doctor-S3cret';
let h: Harness;

/** `ksql-etl doctor` as an operator runs it: the built CLI, its own process, only the variables given. */
async function cli(vars: Record<string, string>, ...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', ...vars };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI_JS, 'doctor', ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failure = err as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  h = await startHarness({ name: 'doctorcli', dataset: { seed: 6, start: '2026-03-01T00:00:00Z', days: 1, rowsPerDay: 100 } });
});
afterAll(async () => {
  await h?.stop();
});

const setup = () => ({
  TEMPORAL_ADDRESS: h.env.TEMPORAL_ADDRESS,
  TEMPORAL_TASK_QUEUE: h.taskQueue,
  KSQLDB_URL: h.env.KSQLDB_URL,
  MYSQL_URL: h.env.MYSQL_URL,
  LAKE_DIR: h.env.LAKE_DIR,
  FEEDS_DIR: h.env.FEEDS_DIR,
});

describe('ksql-etl doctor (built CLI)', () => {
  it('exits 0 on a working setup, warnings included', async () => {
    const { code, stdout, stderr } = await cli(setup());
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/^ok\s+ksqldb: reachable/m);
    expect(stdout).not.toMatch(/^FAILED/m);
  });

  it('exits 1 with a JSON list naming the failed check, and never prints the password', async () => {
    const began = Date.now();
    const { code, stdout, stderr } = await cli({ ...setup(), MYSQL_URL: `mysql://etl:${SECRET}@127.0.0.1:${await freePort()}/dw`, KSQLDB_USERNAME: 'ops', KSQLDB_PASSWORD: SECRET }, '--json');
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(code, stderr).toBe(1);
    const results = JSON.parse(stdout) as CheckResult[];
    expect(results.find((r) => r.check === 'mysql: reachable')).toMatchObject({ status: 'failed', hint: expect.stringContaining('MYSQL_URL') });
    expect(Object.keys(results[0]!).sort()).toEqual(['check', 'detail', 'hint', 'status']);
    expect(stderr).toContain('mysql: reachable');
    expect(stdout + stderr).not.toContain(SECRET);
  });
});
