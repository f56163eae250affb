import { describe, expect, it } from 'vitest';
import { streamFeedSchema, tableFeedSchema } from '../../../config/feed-schema.js';
import { exportRequestFor } from '../../../client/run/export-request.js';
import { UsageError } from '../../../client/common/usage-error.js';

const stream = streamFeedSchema.parse({ id: 'clicks', kind: 'stream', source: 'CLICKS', slot: '1h' });
const table = tableFeedSchema.parse({ id: 'totals', kind: 'table', source: 'TOTALS' });
const now = new Date('2026-11-24T10:20:00Z');
const HOUR = 3_600_000;

describe('exportRequestFor', () => {
  it('gives a table a whole snapshot at now', () => {
    expect(exportRequestFor(table, {}, now, '1d')).toEqual({ now });
  });

  it.each([
    [{ from: '2026-11-24T09:00:00Z' }, '--from'],
    [{ to: '2026-11-24T09:00:00Z' }, '--to'],
    [{ from: '2026-11-24T08:00:00Z', to: '2026-11-24T09:00:00Z' }, '--from'],
  ])('refuses a window %j for a table, naming %s', (window, option) => {
    expect(() => exportRequestFor(table, window, now, '1d')).toThrow(UsageError);
    expect(() => exportRequestFor(table, window, now, '1d'))
      .toThrow(`${option} applies to stream feeds only: totals is a table feed, each run takes a whole snapshot`);
  });

  it("gives a stream its slots, by default the last complete one", () => {
    expect(exportRequestFor(stream, {}, now, '1d')).toEqual({ range: { feed: 'clicks', start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T10:00:00.000Z', slotMs: HOUR } });
    expect(exportRequestFor(stream, { from: '2026-11-23T11:00:00+01:00', to: '2026-11-24T10:00:00Z' }, now, '1d'))
      .toEqual({ range: { feed: 'clicks', start: '2026-11-23T10:00:00.000Z', end: '2026-11-24T10:00:00.000Z', slotMs: HOUR } });
  });

  it('checks the window as the command line does', () => {
    expect(() => exportRequestFor(stream, { from: '2026-11-24T09:30:00Z' }, now, '1d')).toThrow(UsageError);
    expect(() => exportRequestFor(stream, { to: '2026-11-24T09:00:00Z' }, now, '1d')).toThrow('--to 2026-11-24T09:00:00Z needs --from');
  });

  it('refuses a range longer than RUN_MAX_RANGE and points at backfill', () => {
    expect(exportRequestFor(stream, { from: '2026-11-23T09:00:00Z', to: '2026-11-24T09:00:00Z' }, now, '1d').range?.start).toBe('2026-11-23T09:00:00.000Z');
    const long = () => exportRequestFor(stream, { from: '2026-11-23T08:00:00Z', to: '2026-11-24T09:00:00Z' }, now, '1d');
    expect(long).toThrow(UsageError);
    expect(long).toThrow('--from 2026-11-23T08:00:00.000Z --to 2026-11-24T09:00:00.000Z spans 25h, more than RUN_MAX_RANGE (1d): ' +
      'export it in chunks with `ksql-etl backfill clicks --from 2026-11-23T08:00:00.000Z --to 2026-11-24T09:00:00.000Z`, or raise RUN_MAX_RANGE');
  });
});
