import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTail } from '../../../dev/processes.js';

const dir = await mkdtemp(join(tmpdir(), 'ksql-etl-tail-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readTail', () => {
  it("keeps a Go panic's message when its stack trace is longer than the tail", async () => {
    const trace = Array.from({ length: 40 }, (_, i) => `\tframe ${i}`);
    const file = join(dir, 'panic.log');
    await writeFile(file, ['=== started 2026-11-30T00:00:00Z: temporal server start-dev', 'starting', 'panic: listen tcp 127.0.0.1:7233: bind: address already in use', '', 'goroutine 1 [running]:', ...trace, ''].join('\n'));
    const tail = readTail(file, 10).split('\n');
    expect(tail[0]).toBe('panic: listen tcp 127.0.0.1:7233: bind: address already in use');
    expect(tail.slice(2)).toEqual(trace.slice(-10));
  });

  it('shows only the lines since the last start, and no panic line when there is none', async () => {
    const file = join(dir, 'plain.log');
    await writeFile(file, ['=== started 1', 'old run', '=== started 2', 'line a', 'line b'].join('\n'));
    expect(readTail(file, 10)).toBe('line a\nline b');
  });
});
