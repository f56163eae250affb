import { parseStatements } from '../sql/parse-statements.js';
import { planQuery } from '../sql/plan-query.js';
import { KsqlStatementError } from '../sql/ksql-statement-error.js';
import { genericError, statementError } from '../wire/error-bodies.js';
import { negotiate } from '../wire/media-types.js';
import type { Exchange } from './exchange.js';
import { parseBody } from './request-body.js';
import { sendEmpty, sendFailure } from './respond.js';
import type { StandinContext } from './standin-context.js';
import { streamQuery } from './stream-query.js';

/**
 * POST /query-stream, and POST /query in its ≥ 0.24 "migrated" form (same handler, `ksql` and
 * `streamsProperties` fields, StreamedRow when no Accept is sent).
 */
export async function queryStreamRoute(ex: Exchange, ctx: StandinContext, legacyQueryPath: boolean): Promise<void> {
  const format = negotiate(ex.headers.accept, {
    defaultFormat: legacyQueryPath ? 'streamed-row' : 'delimited',
    streamedRowAvailable: legacyQueryPath || ctx.profile.streamedRowOnQueryStream,
    jsonMeansStreamedRow: legacyQueryPath,
  });
  if (format === null) return sendEmpty(ex, 406);
  if (!ex.http2 && !legacyQueryPath && !ctx.profile.http1QueryStream) {
    return sendFailure(ex, 400, genericError(40004, 'This endpoint is only available when using HTTP2'));
  }

  const sqlField = legacyQueryPath ? 'ksql' : 'sql';
  const parsed = parseBody(ex.body, legacyQueryPath ? 'KsqlRequest' : 'QueryStreamArgs', sqlField);
  if (!parsed.ok) return sendFailure(ex, 400, parsed.error);
  const sql = String(parsed.value[sqlField]);
  const properties = asRecord(parsed.value[legacyQueryPath ? 'streamsProperties' : 'properties']);

  try {
    const statements = parseStatements(sql);
    if (statements.length !== 1) {
      throw new KsqlStatementError(`Expected exactly one KSQL statement; found ${statements.length} instead`);
    }
    const statement = statements[0]!;
    if (statement.kind === 'print') throw new KsqlStatementError('The ksqlDB stand-in does not implement PRINT.');
    if (statement.kind !== 'select') throw new KsqlStatementError('Neither a query nor a print statement');
    const plan = planQuery(statement.query, ctx.store, properties);
    await streamQuery(ex, ctx, plan, format, sql);
  } catch (error) {
    if (!(error instanceof KsqlStatementError) || ex.res.headersSent) throw error;
    // Errors before the header carry the statement, as KsqlStatementException.getUnloggedMessage does.
    const message = `${error.message}\nStatement: ${sql}`;
    sendFailure(ex, 400, ctx.profile.statementErrorEnvelope
      ? statementError(error.errorCode, message, sql)
      : genericError(error.errorCode, message));
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
