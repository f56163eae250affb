import { REQUEST_FAULTS, type ParsedFaultRule } from '../faults/fault-rule.js';
import { RATE_LIMITED, SERVER_ERROR_MESSAGE, SERVER_INITIALIZING, genericError } from '../wire/error-bodies.js';
import { checkAuth } from './check-auth.js';
import { closeQueryRoute } from './close-query-route.js';
import type { Exchange } from './exchange.js';
import { faultsRoute } from './faults-route.js';
import { healthcheckRoute, infoRoute, rootRoute, statusRoute } from './info-routes.js';
import { ksqlRoute } from './ksql-route.js';
import { queryStreamRoute } from './query-stream-route.js';
import { sqlOf } from './request-body.js';
import { sendEmpty, sendFailure } from './respond.js';
import type { StandinContext } from './standin-context.js';

/**
 * Dispatches one request: the stand-in's own /_standin routes first, then auth (all ksqlDB
 * routes but /healthcheck), then request-level faults, then the ksqlDB endpoints (docs/ksqldb-wire.md, Endpoints).
 */
export async function route(ex: Exchange, ctx: StandinContext): Promise<void> {
  if (ex.path.startsWith('/_standin/')) return faultsRoute(ex, ctx);
  if (ctx.auth && ex.path !== '/healthcheck' && !checkAuth(ex, ctx.auth)) return;

  const fault = ctx.faults.take({ path: ex.path, sql: sqlOf(ex.body) }, REQUEST_FAULTS);
  if (fault) return failWith(ex, fault);

  const key = `${ex.method} ${ex.path}`;
  switch (key) {
    case 'GET /': return rootRoute(ex);
    case 'GET /info': return infoRoute(ex, ctx);
    case 'GET /healthcheck': return healthcheckRoute(ex, ctx);
    case 'POST /ksql': return ksqlRoute(ex, ctx);
    case 'POST /query-stream': return queryStreamRoute(ex, ctx, false);
    case 'POST /query': return queryStreamRoute(ex, ctx, true);
    case 'POST /close-query': return closeQueryRoute(ex, ctx);
    default:
      if (ex.method === 'GET' && /^\/status\/[^/]+\/[^/]+\/[^/]+$/.test(ex.path)) return statusRoute(ex);
      if (['/', '/info', '/healthcheck', '/ksql', '/query-stream', '/query', '/close-query'].includes(ex.path)) {
        return sendEmpty(ex, 405);
      }
      return sendFailure(ex, 404, genericError(40400, `Resource not found: ${ex.path}`));
  }
}

function failWith(ex: Exchange, fault: ParsedFaultRule): void {
  switch (fault.fault) {
    case 'reset': return ex.abort();
    case 'http500': return sendFailure(ex, 500, genericError(50000, SERVER_ERROR_MESSAGE));
    case 'http503': return sendFailure(ex, 503, SERVER_INITIALIZING);
    case 'http429': return sendFailure(ex, 429, RATE_LIMITED);
    default: throw new Error(`not a request fault: ${fault.fault}`);
  }
}
