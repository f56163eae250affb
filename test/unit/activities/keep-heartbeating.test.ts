import { setTimeout as sleep } from 'node:timers/promises';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { keepHeartbeating } from '../../../activities/keep-heartbeating.js';

describe('keepHeartbeating', () => {
  it('heartbeats on a timer while no rows flow, with the latest progress, and stops when done', async () => {
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    await env.run(() =>
      keepHeartbeating(async (progress) => {
        progress({ rowsSeen: 5 });
        await sleep(120); // a long COPY: no rows, only the timer
      }, 20),
    );
    const afterDone = beats.length;
    await sleep(60);
    expect(beats[0]).toEqual({ rowsSeen: 5 });
    expect(beats.length).toBeGreaterThanOrEqual(4);
    expect(beats.every((b) => JSON.stringify(b) === '{"rowsSeen":5}')).toBe(true);
    expect(beats.length).toBe(afterDone);
  });
});
