import type { Client } from '@temporalio/client';
import { temporalUiUrl, type TemporalSettings } from '../../config/env.js';
import type { Feed } from '../../config/feed-schema.js';
import type { SlotRange } from '../../config/slot-range.js';
import { slotFileNames } from '../../lake/index.js';
import { runUrl } from '../common/run-url.js';
import { startExport, type ExportHandle, type ExportRequest } from './start-export.js';

export interface ExportOutcome {
  feed: string;
  workflowId: string;
  runId: string;
  url: string;
  seconds: number;
  rows: number;
  quarantined: number;
  files: string[];
  version: number | null;
  warehouseRows: number | null;
  /** the stream slots exported; null for a table */
  range: SlotRange | null;
  /** where the rows set aside went, named within the lake (for people to read) */
  quarantineFile: string | null;
}

/** Starts one feed's export, waits for it, and says what it did. */
export async function runExport(client: Client, env: TemporalSettings, feed: Feed, request: ExportRequest = {}): Promise<ExportOutcome> {
  const began = Date.now();
  const started = await startExport(client, feed, { ...request, taskQueue: request.taskQueue ?? env.TEMPORAL_TASK_QUEUE });
  return exportOutcome(started, env, began);
}

/** The Web UI link of a started export. */
export function exportUrl(started: ExportHandle, env: TemporalSettings): string {
  return runUrl(temporalUiUrl(env), env.TEMPORAL_NAMESPACE, started.handle.workflowId, started.handle.firstExecutionRunId);
}

/** Waits for a started export and says what it did (`began`: when the caller started it, for the duration). */
export async function exportOutcome(started: ExportHandle, env: TemporalSettings, began: number): Promise<ExportOutcome> {
  const { workflowId, firstExecutionRunId: runId } = started.handle;
  const common = { feed: started.feed, workflowId, runId, url: exportUrl(started, env) };
  const what = started.kind === 'stream'
    ? await started.handle.result().then((r) => ({
        rows: r.rows, quarantined: r.quarantined, files: slotFileNames(started.range, r.slotRows),
        version: null, warehouseRows: null, quarantineFile: r.quarantineFile, range: started.range,
      }))
    : await started.handle.result().then((r) => ({
        rows: r.rows, quarantined: r.quarantined, files: [`version=${r.version}`], version: r.version,
        warehouseRows: r.warehouseRows, range: null, quarantineFile: r.quarantineFile,
      }));
  return { ...common, seconds: (Date.now() - began) / 1000, ...what };
}

export function describeOutcome(o: ExportOutcome): string[] {
  const what = o.range ? `[${o.range.start}, ${o.range.end})` : `version ${o.version}`;
  const warehouse = o.warehouseRows === null ? '' : `, ${o.warehouseRows} rows in the warehouse`;
  return [
    `${o.feed} ${what}: ${o.rows} rows (${o.quarantined} quarantined), ${o.files.length} file(s)${warehouse} in ${o.seconds.toFixed(1)} s`,
    ...o.files.map((f) => `  ${f}`),
    ...(o.quarantineFile ? [`  ${o.quarantined} row(s) set aside with their reasons in ${o.quarantineFile}`] : []),
    `  Web UI: ${o.url}`,
  ];
}
