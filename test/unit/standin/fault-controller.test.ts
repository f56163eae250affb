import { describe, expect, it } from 'vitest';
import { FaultController } from '../../../standin/faults/fault-controller.js';
import { REQUEST_FAULTS, STREAM_FAULTS, rowsBeforeFault, faultRuleSchema } from '../../../standin/faults/fault-rule.js';

const qs = { path: '/query-stream', sql: 'SELECT * FROM transaction_stream;' };

describe('FaultController', () => {
  it('fires a rule once by default, then forgets it', () => {
    const faults = new FaultController();
    faults.add({ fault: 'http503' });
    expect(faults.take(qs, REQUEST_FAULTS)?.fault).toBe('http503');
    expect(faults.take(qs, REQUEST_FAULTS)).toBeUndefined();
  });

  it('counts times, and 0 means until cleared', () => {
    const faults = new FaultController();
    faults.add({ fault: 'cut', times: 2 });
    faults.add({ fault: 'http500', times: 0 });
    expect(faults.take(qs, STREAM_FAULTS)?.fault).toBe('cut');
    expect(faults.take(qs, STREAM_FAULTS)?.fault).toBe('cut');
    expect(faults.take(qs, STREAM_FAULTS)).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(faults.take(qs, REQUEST_FAULTS)?.fault).toBe('http500');
    expect(faults.clear()).toBe(1);
    expect(faults.take(qs, REQUEST_FAULTS)).toBeUndefined();
  });

  it('matches on path and on SQL, case-insensitively', () => {
    const faults = new FaultController();
    faults.add({ fault: 'http429', match: { path: '/ksql' } });
    faults.add({ fault: 'http500', match: { sqlContains: 'PAYMENT_METHOD_TOTALS' } });
    expect(faults.take(qs, REQUEST_FAULTS)).toBeUndefined();
    expect(faults.take({ path: '/query-stream', sql: 'select * from payment_method_totals;' }, REQUEST_FAULTS)?.fault).toBe('http500');
    expect(faults.take({ path: '/ksql', sql: null }, REQUEST_FAULTS)?.fault).toBe('http429');
  });

  it('leaves a rule alone when the route cannot apply its kind', () => {
    const faults = new FaultController();
    faults.add({ fault: 'malformedRow' });
    expect(faults.take(qs, REQUEST_FAULTS)).toBeUndefined();
    expect(faults.list()).toHaveLength(1);
  });

  it('validates rules and defaults afterRows per kind', () => {
    const faults = new FaultController();
    expect(() => faults.add({ fault: 'nope' } as never)).toThrow();
    expect(() => faults.add({ fault: 'cut', times: -1 })).toThrow();
    expect(rowsBeforeFault(faultRuleSchema.parse({ fault: 'cut' }))).toBe(1);
    expect(rowsBeforeFault(faultRuleSchema.parse({ fault: 'stall' }))).toBe(0);
    expect(rowsBeforeFault(faultRuleSchema.parse({ fault: 'cut', afterRows: 7 }))).toBe(7);
  });
});
