import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { generateBlacklist, generateTransactions } from '../../../generator/index.js';
import { SourceStore } from '../../../standin/data/source-store.js';
import { FaultController } from '../../../standin/faults/fault-controller.js';
import type { Exchange, ResponseLike } from '../../../standin/http/exchange.js';
import { RunningQueries } from '../../../standin/http/running-queries.js';
import type { StandinContext } from '../../../standin/http/standin-context.js';
import { streamQuery } from '../../../standin/http/stream-query.js';
import { parseStatements } from '../../../standin/sql/parse-statements.js';
import { planQuery } from '../../../standin/sql/plan-query.js';
import { versionProfile } from '../../../standin/version-profile.js';

/** A response whose socket buffer is always "full": every write asks the producer to wait. */
class SlowResponse extends EventEmitter implements ResponseLike {
  headersSent = false;
  writableEnded = false;
  chunks: string[] = [];
  writeHead(): unknown { this.headersSent = true; return this; }
  write(chunk: string): boolean { this.chunks.push(chunk); return false; }
  end(): unknown { this.writableEnded = true; this.emit('close'); return this; }
}

function setup() {
  const dataset = { seed: 1, start: '2026-11-24T00:00:00Z', days: 1, rowsPerDay: 40 };
  const store = new SourceStore(generateTransactions(dataset), generateBlacklist(1));
  const ctx: StandinContext = {
    store, faults: new FaultController(), profile: versionProfile('7.5.0'), auth: undefined,
    queries: new RunningQueries(), shutdown: new AbortController().signal, kafkaClusterId: 'x',
  };
  const res = new SlowResponse();
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const ex: Exchange = {
    method: 'POST', path: '/query-stream', headers: {}, http2: false, body: Buffer.alloc(0), res,
    isClosed: () => res.writableEnded, closed, abort: () => res.end(),
  };
  const [statement] = parseStatements('SELECT * FROM transaction_stream;');
  if (statement?.kind !== 'select') throw new Error('not a select');
  return { ctx, res, ex, plan: planQuery(statement.query, store, {}) };
}

describe('streamQuery backpressure', () => {
  it('writes one chunk, then waits for drain before the next', async () => {
    const { ctx, res, ex, plan } = setup();
    const done = streamQuery(ex, ctx, plan, 'delimited', 'SELECT * FROM transaction_stream;');
    await new Promise((r) => setTimeout(r, 20));
    expect(res.chunks).toHaveLength(1); // the header, and nothing more until 'drain'
    res.emit('drain');
    await new Promise((r) => setTimeout(r, 5));
    expect(res.chunks).toHaveLength(2);
    while (!res.writableEnded) {
      res.emit('drain');
      await new Promise((r) => setImmediate(r));
    }
    await done;
    expect(res.chunks).toHaveLength(41);
  });

  it('stops producing when the client goes away mid-wait', async () => {
    const { ctx, res, ex, plan } = setup();
    const done = streamQuery(ex, ctx, plan, 'delimited', 'SELECT * FROM transaction_stream;');
    await new Promise((r) => setTimeout(r, 10));
    res.end();
    await done;
    expect(res.chunks).toHaveLength(1);
    expect(ctx.queries.ids()).toEqual([]);
  });
});
