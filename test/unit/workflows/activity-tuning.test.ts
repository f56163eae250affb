import { describe, expect, it } from 'vitest';
import { lakeExport, tuned } from '../../../workflows/activity-options.js';

describe('tuned activity options', () => {
  it('are the policy itself without tuning, and change only what the tuning names', () => {
    expect(tuned(lakeExport, undefined)).toBe(lakeExport);
    const t = tuned(lakeExport, { heartbeatTimeout: '3s', retryMaximumInterval: '1s' });
    expect(t).toEqual({ ...lakeExport, heartbeatTimeout: '3s', retry: { ...lakeExport.retry, maximumInterval: '1s' } });
    expect(t.retry?.nonRetryableErrorTypes).toEqual(lakeExport.retry?.nonRetryableErrorTypes);
    expect(lakeExport.heartbeatTimeout).toBe('1m'); // the shared policy is not mutated
  });
});
