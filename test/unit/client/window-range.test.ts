import { describe, expect, it } from 'vitest';
import { streamFeedSchema } from '../../../config/feed-schema.js';
import { windowRange } from '../../../client/run/window-range.js';
import { instantOption } from '../../../client/common/instant-option.js';
import { UsageError } from '../../../client/common/usage-error.js';

const HOUR = 3_600_000;
const feed = streamFeedSchema.parse({ id: 'clicks', kind: 'stream', source: 'CLICKS', slot: '1h' });
const quarterFeed = streamFeedSchema.parse({ id: 'taps', kind: 'stream', source: 'TAPS', slot: '15m' });
const now = new Date('2026-11-24T10:20:00Z');
const ms = (text: string) => Date.parse(text);
const iso = (text: string) => new Date(text).toISOString();

describe('instantOption', () => {
  it('reads an ISO instant with a zone, Z or an offset', () => {
    expect(instantOption('--from', '2026-11-24T10:00:00Z')).toBe(ms('2026-11-24T10:00:00Z'));
    expect(instantOption('--from', '2026-11-24T11:00:00+01:00')).toBe(ms('2026-11-24T10:00:00Z'));
    expect(instantOption('--to', '2026-11-24T10:00Z')).toBe(ms('2026-11-24T10:00:00Z'));
  });

  it.each(['2026-11-24T10:00:00', '2026-11-24', 'yesterday', ''])('refuses %j with a UsageError naming the option and the form', (text) => {
    expect(() => instantOption('--to', text)).toThrow(UsageError);
    expect(() => instantOption('--to', text)).toThrow(`--to ${text}: expected an ISO-8601 instant with a zone, like 2026-11-24T10:00:00Z or 2026-11-24T11:00:00+01:00`);
  });
});

describe('windowRange', () => {
  it('defaults to the last complete slot before now', () => {
    expect(windowRange(feed, {}, now)).toEqual({ feed: 'clicks', start: iso('2026-11-24T09:00:00Z'), end: iso('2026-11-24T10:00:00Z'), slotMs: HOUR });
  });

  it('takes --from alone as one slot, and --from/--to as a range of whole slots', () => {
    expect(windowRange(feed, { from: '2026-11-24T05:00:00Z' }, now)).toEqual({ feed: 'clicks', start: iso('2026-11-24T05:00:00Z'), end: iso('2026-11-24T06:00:00Z'), slotMs: HOUR });
    expect(windowRange(feed, { from: '2026-11-23T02:00:00+02:00', to: '2026-11-24T00:00:00Z' }, now))
      .toEqual({ feed: 'clicks', start: iso('2026-11-23T00:00:00Z'), end: iso('2026-11-24T00:00:00Z'), slotMs: HOUR });
    expect(windowRange(quarterFeed, { from: '2026-11-24T09:45:00Z' }, now)).toEqual({ feed: 'taps', start: iso('2026-11-24T09:45:00Z'), end: iso('2026-11-24T10:00:00Z'), slotMs: HOUR / 4 });
  });

  it('may end at the end of the current slot, not later', () => {
    expect(windowRange(feed, { from: '2026-11-24T10:00:00Z' }, now).end).toBe(iso('2026-11-24T11:00:00Z'));
    expect(() => windowRange(feed, { from: '2026-11-24T11:00:00Z' }, now))
      .toThrow('--from 2026-11-24T11:00:00Z is in the future: the range may end at 2026-11-24T11:00:00.000Z at the latest (the end of the current 1h slot)');
    expect(() => windowRange(feed, { from: '2026-11-24T09:00:00Z', to: '2026-11-24T12:00:00Z' }, now))
      .toThrow('--to 2026-11-24T12:00:00Z is in the future: the range may end at 2026-11-24T11:00:00.000Z at the latest (the end of the current 1h slot)');
  });

  it.each([
    [{ to: '2026-11-24T10:00:00Z' }, '--to 2026-11-24T10:00:00Z needs --from'],
    [{ from: '2026-11-24T09:30:00Z' }, "--from 2026-11-24T09:30:00Z is not on a boundary of clicks's 1h slots (e.g. 2026-11-24T09:00:00.000Z)"],
    [{ from: '2026-11-24T08:00:00Z', to: '2026-11-24T09:10:00Z' }, "--to 2026-11-24T09:10:00Z is not on a boundary of clicks's 1h slots (e.g. 2026-11-24T09:00:00.000Z)"],
    [{ from: '2026-11-24T09:00:00Z', to: '2026-11-24T09:00:00Z' }, '--to 2026-11-24T09:00:00Z must come after --from 2026-11-24T09:00:00Z'],
    [{ from: '2026-11-24T09:00:00Z', to: '2026-11-24T08:00:00Z' }, '--to 2026-11-24T08:00:00Z must come after --from 2026-11-24T09:00:00Z'],
    [{ from: '2026-11-24 09:00' }, '--from 2026-11-24 09:00: expected an ISO-8601 instant with a zone'],
  ])('refuses %j with a UsageError: %s', (window, message) => {
    expect(() => windowRange(feed, window, now)).toThrow(UsageError);
    expect(() => windowRange(feed, window, now)).toThrow(message);
  });
});
