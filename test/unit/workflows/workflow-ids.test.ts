import { describe, expect, it } from 'vitest';
import { streamWindowWorkflowId, tableSnapshotWorkflowId } from '../../../workflows/workflow-ids.js';

const HOUR = 3_600_000;

describe('workflow ids', () => {
  it('name a one-slot window by its start, readable in the Web UI', () => {
    expect(streamWindowWorkflowId({ feed: 'transaction_stream', start: '2026-11-24T10:00:00.000Z', end: '2026-11-24T11:00:00.000Z', slotMs: HOUR }))
      .toBe('export:transaction_stream:2026-11-24T10:00:00Z');
  });

  it('name a range by start and end, so it never joins the one-slot run that starts with it', () => {
    expect(streamWindowWorkflowId({ feed: 'transaction_stream', start: '2026-11-24T00:00:00.000Z', end: '2026-11-25T00:00:00.000Z', slotMs: HOUR }))
      .toBe('export:transaction_stream:2026-11-24T00:00:00Z..2026-11-25T00:00:00Z');
  });

  it('name a table snapshot by the time it was asked for', () => {
    expect(tableSnapshotWorkflowId('user_transaction_summary', '2026-11-25T08:00:00.250Z')).toBe('export:user_transaction_summary:2026-11-25T08:00:00Z');
  });
});
