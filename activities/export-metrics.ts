import { log, metricMeter } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

/**
 * The project's own metrics, emitted through the activity context's meter: they come out of the
 * worker's Prometheus endpoint next to the SDK's, tagged with `namespace`, `taskQueue`,
 * `activityType` (the SDK's activity tags) and `feed` (worker/activity-interceptors.ts adds the feed). Every metric is
 * documented in the README ("Running the worker"); change both together.
 */
export const METRICS = {
  rowsExported: 'ksql_etl_rows_exported',
  bytesWritten: 'ksql_etl_bytes_written',
  rowsQuarantined: 'ksql_etl_rows_quarantined',
  warehouseRowsLoaded: 'ksql_etl_warehouse_rows_loaded',
  activityFailures: 'ksql_etl_activity_failures',
  activityDuration: 'ksql_etl_activity_duration',
} as const;

/** Buckets of the duration histogram, in ms: a slot export takes a second, a year-long range or a big load an hour. */
export const DURATION_BUCKETS_MS = [100, 500, 1_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000];

/** What one export wrote to the lake: the one call an export activity makes. */
export function recordLakeWrite(written: { rows: number; bytes: number; quarantined: number }): void {
  metricMeter.createCounter(METRICS.rowsExported, 'rows', 'rows written to the lake').add(written.rows);
  metricMeter.createCounter(METRICS.bytesWritten, 'bytes', 'Parquet bytes written to the lake').add(written.bytes);
  metricMeter.createCounter(METRICS.rowsQuarantined, 'rows', 'rows set aside in the quarantine').add(written.quarantined);
  log.info('wrote to the lake', { rows: written.rows, bytes: written.bytes, quarantined: written.quarantined });
}

/** What one warehouse load put into MySQL (0 rows when the version was already loaded). */
export function recordWarehouseLoad(loaded: { rows: number; alreadyLoaded: boolean }): void {
  metricMeter.createCounter(METRICS.warehouseRowsLoaded, 'rows', 'rows loaded into warehouse fact tables').add(loaded.alreadyLoaded ? 0 : loaded.rows);
  log.info('loaded into the warehouse', { rows: loaded.rows, alreadyLoaded: loaded.alreadyLoaded });
}

/** How an activity attempt ended; called for every activity by the worker's interceptor. */
export function recordActivityOutcome(durationMs: number, error?: unknown): void {
  metricMeter.createHistogram(METRICS.activityDuration, 'int', 'ms', 'activity attempt duration, failed or not').record(durationMs);
  if (error !== undefined) {
    metricMeter.createCounter(METRICS.activityFailures, 'attempts', 'failed activity attempts by error type').add(1, { errorType: failureType(error) });
  }
}

/** The `type` of an ApplicationFailure (what activities throw, see to-activity-failure.ts), else the class name. */
export function failureType(error: unknown): string {
  if (error instanceof ApplicationFailure) return error.type ?? 'ApplicationFailure';
  return error instanceof Error ? error.name : 'unknown';
}
