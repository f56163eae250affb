import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { formatKsqlType } from '../../ksqldb/ksql-type.js';
import { DEFAULT_STALL_MS, SCHEMA_FAULTS, STREAM_FAULTS, rowsBeforeFault, type ParsedFaultRule } from '../faults/fault-rule.js';
import type { QueryPlan } from '../sql/plan-query.js';
import { encodeRow } from '../wire/encode-value.js';
import { genericError } from '../wire/error-bodies.js';
import { CONTENT_TYPES, type OutputFormat } from '../wire/media-types.js';
import { createQueryWriter, type QueryHeader } from '../wire/query-writer.js';
import type { Exchange } from './exchange.js';
import { ClientGoneError, writeChunk } from './respond.js';
import { applySchemaFault, withWrongType } from './row-faults.js';
import { transientQueryId } from './running-queries.js';
import type { StandinContext } from './standin-context.js';

// Yield to the event loop now and then, so /close-query, other requests and stalls get a turn
// even when the client reads as fast as rows are produced.
const ROWS_PER_TURN = 256;

/**
 * Streams a planned query: header, then rows one write at a time (waiting for 'drain' when the
 * socket is full), then the format's ending. Mid-stream faults fire after `afterRows` rows, or
 * at the end of a shorter result.
 */
export async function streamQuery(ex: Exchange, ctx: StandinContext, plan: QueryPlan, format: OutputFormat, sql: string): Promise<void> {
  const fault = ctx.faults.take({ path: ex.path, sql }, STREAM_FAULTS);
  const { columns, reshape } = applySchemaFault(plan.columns, fault);
  const types = columns.map((c) => c.type);
  const isTablePull = plan.kind === 'pull-table';
  const queryId = isTablePull
    ? (ctx.profile.modernQueryIds ? `query_${Date.now()}` : null)
    : transientQueryId(plan.source.name, ctx.profile.modernQueryIds);
  const running = queryId !== null && !isTablePull ? ctx.queries.register(queryId) : null;

  const header: QueryHeader = {
    queryId,
    columnNames: columns.map((c) => c.name),
    columnTypes: types.map(formatKsqlType),
    // Only table pull queries mark key columns in the StreamedRow schema.
    schema: columns.map((c) => `\`${c.name}\` ${formatKsqlType(c.type)}${isTablePull && c.key ? ' KEY' : ''}`).join(', '),
  };
  ex.res.writeHead(200, { 'content-type': CONTENT_TYPES[format] });
  const writer = createQueryWriter(format, isTablePull ? 'buffered' : 'streaming', (chunk) => writeChunk(ex, chunk));
  const faultAt = fault ? rowsBeforeFault(fault) : -1;
  let pending = fault && !SCHEMA_FAULTS.has(fault.fault) ? fault : undefined;

  try {
    await writer.header(header);
    let count = 0;
    let limitHit = plan.limit !== null && plan.limit <= 0;
    for (const projected of limitHit ? [] : plan.rows()) {
      if (running?.closeRequested || ctx.shutdown.aborted) break;
      let row = reshape(projected);
      if (pending && count === faultAt) {
        const fired = pending;
        pending = undefined;
        const outcome = await fire(fired, ex, ctx, writer, encodeRow(row, types), running?.closed);
        if (outcome === 'stopped') return;
        if (running?.closeRequested) break;
        if (outcome === 'replaced') { count++; continue; }
        if (fired.fault === 'wrongTypes') row = withWrongType(row, columns);
      }
      await writer.row(encodeRow(row, types));
      count++;
      if (plan.limit !== null && count >= plan.limit) { limitHit = true; break; }
      if (count % ROWS_PER_TURN === 0) await yieldToLoop();
    }
    if (pending && (await fire(pending, ex, ctx, writer, null, running?.closed)) === 'stopped') return;
    await writer.end(limitHit ? 'limit' : 'complete');
    ex.res.end();
  } catch (error) {
    if (!(error instanceof ClientGoneError)) throw error;
  } finally {
    if (queryId !== null) ctx.queries.unregister(queryId);
  }
}

type Outcome = 'stopped' | 'replaced' | 'continue';

async function fire(fault: ParsedFaultRule, ex: Exchange, ctx: StandinContext,
  writer: ReturnType<typeof createQueryWriter>, rowJson: string | null, closed: AbortSignal | undefined): Promise<Outcome> {
  switch (fault.fault) {
    case 'cut':
      ex.abort();
      return 'stopped';
    case 'midStreamError': {
      const message = ctx.profile.throwableMidStreamMessage
        ? 'java.lang.RuntimeException: Failure in processing'
        : 'Error in processing query. Check server logs for details.';
      await writer.error(genericError(50000, message));
      ex.res.end();
      return 'stopped';
    }
    case 'stall':
      // Header (and afterRows rows) sent, then silence: what a client's idle timeout must catch.
      // /close-query, the client leaving and the stand-in closing all cut the stall short.
      await sleep(fault.stallMs ?? DEFAULT_STALL_MS, undefined,
        { signal: AbortSignal.any([ctx.shutdown, closedSignal(ex), ...(closed ? [closed] : [])]) })
        .catch(() => undefined);
      if (ex.isClosed() || ctx.shutdown.aborted) { if (!ex.isClosed()) ex.abort(); return 'stopped'; }
      return 'continue';
    case 'malformedRow':
      if (rowJson === null) return 'continue';
      await writer.brokenRow(rowJson);
      return 'replaced';
    default:
      return 'continue';
  }
}

function closedSignal(ex: Exchange): AbortSignal {
  const controller = new AbortController();
  void ex.closed.then(() => controller.abort());
  return controller.signal;
}
