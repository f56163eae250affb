import { genericError } from '../wire/error-bodies.js';
import type { Exchange } from './exchange.js';
import { parseBody } from './request-body.js';
import { sendEmpty, sendFailure } from './respond.js';
import type { StandinContext } from './standin-context.js';

/** POST /close-query: ends a running push / stream-pull query normally; 200 with an empty body. */
export function closeQueryRoute(ex: Exchange, ctx: StandinContext): void {
  const parsed = parseBody(ex.body, 'CloseQueryArgs', 'queryId');
  if (!parsed.ok) return sendFailure(ex, 400, parsed.error);
  const id = String(parsed.value.queryId);
  if (!ctx.queries.close(id)) return sendFailure(ex, 400, genericError(40000, `No query with id ${id}`));
  sendEmpty(ex, 200);
}
