import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DEFAULT_DATASET } from '../generator/dataset-options.js';
import { generateBlacklist } from '../generator/generate-blacklist.js';
import { GeneratedDays } from '../generator/generated-days.js';
import { LiveTransactions } from '../generator/live-transactions.js';
import { GeneratedTopic } from './data/generated-topic.js';
import { SourceStore, type StandinDataset } from './data/source-store.js';
import { FaultController } from './faults/fault-controller.js';
import type { AuthConfig } from './http/check-auth.js';
import { createDualProtocolServer } from './http/dual-protocol-server.js';
import { createExchange } from './http/exchange.js';
import { route } from './http/router.js';
import { RunningQueries } from './http/running-queries.js';
import type { StandinContext } from './http/standin-context.js';
import { resolveStart } from './resolve-start.js';
import { versionProfile } from './version-profile.js';

/** Transactions per second in live mode unless told otherwise. */
export const DEFAULT_LIVE_RATE = 3;

export interface StandinOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  seed?: number;
  /** first day: an ISO-8601 instant, or `today`, `today-1d`, `today+2d` (UTC midnight, from `now`) */
  start?: string;
  days?: number;
  rowsPerDay?: number;
  /**
   * live mode: after the fixed days, transactions keep coming at `liveRate` per second, and
   * only rows whose ROWTIME has passed (≤ now) exist, in streams and tables alike
   */
  live?: boolean;
  /** transactions per second in live mode; default 3 */
  liveRate?: number;
  /** the wall clock (epoch millis) live mode and relative starts read; default Date.now */
  now?: () => number;
  /** the ksqlDB / CP version to emulate; default '7.5.0'. '0.23.1' refuses HTTP/1.1 on /query-stream */
  version?: string;
  /** turn on HTTP Basic auth on every route but /healthcheck */
  auth?: AuthConfig;
}

export interface Standin {
  /** `http://host:port`, no trailing slash */
  url: string;
  port: number;
  faults: FaultController;
  /** the live input topics: generated rows plus anything INSERTed since */
  dataset: StandinDataset;
  close(): Promise<void>;
}

/** Starts a ksqlDB-compatible dev server over a generated dataset (HTTP/1.1 and h2c on one port). */
export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const now = opts.now ?? Date.now;
  const dataset = {
    seed: opts.seed ?? DEFAULT_DATASET.seed,
    start: resolveStart(opts.start ?? DEFAULT_DATASET.start, now()),
    days: opts.days ?? DEFAULT_DATASET.days,
    rowsPerDay: opts.rowsPerDay ?? DEFAULT_DATASET.rowsPerDay,
  };
  const days = new GeneratedDays(dataset);
  const live = opts.live ? new LiveTransactions(dataset.seed, days.endMs, opts.liveRate ?? DEFAULT_LIVE_RATE, days.count) : null;
  const store = new SourceStore(new GeneratedTopic(days, live), generateBlacklist(dataset.seed, dataset.start), now);
  const shutdown = new AbortController();
  const ctx: StandinContext = {
    store,
    faults: new FaultController(),
    profile: versionProfile(opts.version ?? '7.5.0'),
    auth: opts.auth,
    queries: new RunningQueries(),
    shutdown: shutdown.signal,
    kafkaClusterId: randomBytes(16).toString('base64url').slice(0, 22),
  };

  const { server, close } = createDualProtocolServer((req, res) => {
    createExchange(req, res)
      .then((ex) => route(ex, ctx))
      .catch((error: unknown) => {
        // A bug in the stand-in: answer like ksqlDB's catch-all if the status line is still ours.
        if (!res.headersSent) {
          // (statusCode, not writeHead: the HTTP/1 and HTTP/2 overloads of writeHead form a union no call fits)
          res.statusCode = 500;
          res.end(JSON.stringify({ '@type': 'generic_error', error_code: 50000, message: String(error) }));
        } else {
          res.destroy?.();
        }
      });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    faults: ctx.faults,
    dataset: store.dataset,
    close: async () => {
      shutdown.abort();
      await close();
    },
  };
}
