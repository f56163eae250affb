import type { Exchange } from './exchange.js';
import { sendEmpty, sendJson } from './respond.js';
import type { StandinContext } from './standin-context.js';

/** GET /info: the server's identity, wrapped in `KsqlServerInfo`. */
export function infoRoute(ex: Exchange, ctx: StandinContext): void {
  sendJson(ex, 200, {
    KsqlServerInfo: {
      version: ctx.profile.version,
      kafkaClusterId: ctx.kafkaClusterId,
      ksqlServiceId: 'default_',
      serverStatus: 'RUNNING',
    },
  });
}

/** GET /healthcheck: never behind auth; `serverState` only from 0.29 / CP 7.4. */
export function healthcheckRoute(ex: Exchange, ctx: StandinContext): void {
  sendJson(ex, 200, {
    isHealthy: true,
    details: { metastore: { isHealthy: true }, kafka: { isHealthy: true }, commandRunner: { isHealthy: true } },
    ...(ctx.profile.healthServerState ? { serverState: 'READY' } : {}),
  });
}

/** GET / redirects to /info. */
export function rootRoute(ex: Exchange): void {
  sendEmpty(ex, 307, { location: '/info' });
}

/** GET /status/<type>/<entity>/<action>: every DDL command of the stand-in has succeeded. */
export function statusRoute(ex: Exchange): void {
  const type = ex.path.split('/')[2];
  sendJson(ex, 200, { status: 'SUCCESS', message: type === 'table' ? 'Table created' : 'Stream created', queryId: null });
}
