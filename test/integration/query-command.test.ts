import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsOf, type CliDeps } from '../../client/common/cli-deps.js';
import { buildProgram } from '../../client/program.js';
import { envSchema } from '../../config/env.js';
import { CLI_JS } from '../helpers/build-cli.js';
import { writeSmallLake } from '../helpers/small-lake.js';

let lakeDir: string;
beforeAll(async () => {
  lakeDir = await mkdtemp(join(tmpdir(), 'query-command-'));
  await writeSmallLake(lakeDir);
});
afterAll(() => rm(lakeDir, { recursive: true, force: true }));

/** `ksql-etl query …` through the real program, in this process; returns the printed lines. */
async function query(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  const deps: CliDeps = { settings: settingsOf(envSchema.parse({ LAKE_DIR: lakeDir })), processEnv: {}, out: (l) => lines.push(l), note: () => {} };
  await buildProgram(deps).exitOverride().parseAsync(['query', ...args], { from: 'user' });
  return lines;
}

/** The built executable as a subprocess, with LAKE_DIR pointing at the test lake. */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_JS, ...args], { env: { ...process.env, LAKE_DIR: lakeDir } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const PER_DAY = `SELECT date::VARCHAR AS day, count(*) AS n, string_agg(id, ',' ORDER BY id) AS ids FROM payments GROUP BY ALL ORDER BY day`;

describe('ksql-etl query', () => {
  it('prints an aligned table by default', async () => {
    expect(await query(PER_DAY)).toEqual([
      'day         n  ids',
      '----------  -  ---',
      '2026-11-24  2  a,b',
      '2026-11-25  2  c,d',
    ]);
  });

  it('prints RFC 4180 CSV: quoted when a field holds a comma, quote or line break; NULL empty, empty string ""', async () => {
    expect(await query(PER_DAY, '--format', 'csv')).toEqual(['day,n,ids', '2026-11-24,2,"a,b"', '2026-11-25,2,"c,d"']);
    expect(await query(`SELECT 'say "hi"' AS q, NULL AS nothing, '' AS empty, 'two\nlines' AS multi`, '--format', 'csv'))
      .toEqual(['q,nothing,empty,multi', '"say ""hi""",,"","two\nlines"']);
  });

  it('prints JSON objects, BIGINT as an exact string', async () => {
    const [text] = await query(`SELECT k, n, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS d FROM table_at('totals', 2)`, '--format', 'json');
    expect(JSON.parse(text!)).toEqual([{ k: 'k', n: '20', big: '9007199254740993', d: 1.5 }]);
  });

  it('table_at reads a kept version while the plain view shows the current one', async () => {
    expect(await query(`SELECT 'now' AS seen, n FROM totals UNION ALL SELECT 'v2', n FROM table_at('totals', 2) ORDER BY seen`, '--format', 'csv'))
      .toEqual(['seen,n', 'now,30', 'v2,20']);
  });

  it('the built CLI: rows on stdout; bad SQL exits 2 with DuckDB’s message and no stack trace', async () => {
    const ok = await cli('query', `SELECT count(*) AS n FROM payments WHERE date = '2026-11-25'`, '--format', 'json');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(ok.stdout)).toEqual([{ n: '2' }]);
    const bad = await cli('query', 'SELEC id FROM payments');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^Parser Error: syntax error at or near "SELEC"/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const unknown = await cli('query', `SELECT * FROM table_at('nope', 1)`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('table_at: the lake has no table feed "nope" with kept versions (table feeds in the lake: totals)');
  });
});
