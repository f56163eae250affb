import { describe, expect, it } from 'vitest';
import { FeedConfigError } from '../../../config/errors.js';
import { feedSchedule } from '../../../config/feed-schedule.js';
import { parseFeed } from '../../../config/load-feeds.js';

const FILE = 'feeds/my_feed.json';
const stream = (schedule?: unknown, slot = '1h') => ({ id: 'my_feed', kind: 'stream', source: 'S', slot, ...(schedule ? { schedule } : {}) });
const table = (schedule?: unknown) => ({ id: 'my_feed', kind: 'table', source: 'T', ...(schedule ? { schedule } : {}) });

describe('feed schedule', () => {
  it('defaults: a stream every slot, 5 minutes late; a table every hour; both UTC', () => {
    expect(feedSchedule(parseFeed(FILE, stream(undefined, '15m')))).toMatchObject({ cadence: 'every', every: '15m', everyMs: 900_000, delayMs: 300_000, timezone: 'UTC', text: 'every 15m, 5m late (UTC)' });
    expect(feedSchedule(parseFeed(FILE, table()))).toMatchObject({ cadence: 'every', every: '1h', delayMs: 0, text: 'every 1h (UTC)' });
  });

  it('takes every, delay, cron and timezone from the file', () => {
    expect(feedSchedule(parseFeed(FILE, stream({ every: '6h', delay: '0' })))).toMatchObject({ every: '6h', delayMs: 0 });
    expect(feedSchedule(parseFeed(FILE, table({ cron: '0 6 * * 1-5', timezone: 'Europe/Paris' }))))
      .toMatchObject({ cadence: 'cron', cron: '0 6 * * 1-5', timezone: 'Europe/Paris', text: 'cron "0 6 * * 1-5" (Europe/Paris)' });
  });

  it.each([
    [stream({ every: '1h', cron: '0 * * * *' }), 'schedule.cron: give either every or cron, not both'],
    [stream({ every: '90m' }), 'schedule.every: must be a whole number of the feed\'s slots'],
    [stream({ every: 'hourly' }), 'schedule.every: must be a duration'],
    [stream({ delay: '-5m' }), 'schedule.delay: must be 0 or a duration'],
    [stream({ timezone: 'Mars/Olympus' }), 'schedule.timezone: is not a known IANA time zone'],
    [stream({ timezone: '+01:00' }), 'schedule.timezone: must be an IANA time zone'],
    [table({ cron: '0 6 * *' }), 'schedule.cron: must be a cron expression of 5 fields'],
    [table({ cron: 'CRON_TZ=Europe/Paris 0 6 * * *' }), 'schedule.cron:'],
    [table({ delay: '5m' }), 'Unrecognized key'],
  ])('names the file and the field: %j', (raw, message) => {
    const error = (() => {
      try {
        parseFeed(FILE, raw);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(FeedConfigError);
    expect((error as Error).message).toContain(FILE);
    expect((error as Error).message).toContain(message);
  });
});
