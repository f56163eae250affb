import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/services.js';

/**
 * Workflow code runs in Temporal's deterministic sandbox and is replayed: it may import activity
 * code only as types, and nothing that does I/O (Node built-ins, drivers, our I/O libraries).
 * The bundler catches some of this at worker start; this catches all of it at test time.
 */
const FORBIDDEN = [/^node:/, /^(fs|path|crypto|http|http2|net|os|child_process)$/, /^mysql2/, /^@duckdb\//, /^pino$/, /\/(lake|warehouse|ksqldb|dev|worker|client|standin)\//];

describe('workflow imports', () => {
  it('workflows import activities as types only, and nothing that does I/O', async () => {
    const dir = join(REPO_ROOT, 'workflows');
    const problems: string[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const text = await readFile(join(dir, file), 'utf8');
      for (const match of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
        const [, typeOnly, source] = match as unknown as [string, string | undefined, string];
        if (source.includes('/activities') && !typeOnly) problems.push(`${file}: value import of ${source}`);
        if (!typeOnly && FORBIDDEN.some((pattern) => pattern.test(source))) problems.push(`${file}: imports ${source}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
