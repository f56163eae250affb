import type { Env } from '../../config/env.js';
import type { Feed } from '../../config/feed-schema.js';
import type { FeedRegistry } from '../../config/load-feeds.js';
import { maskCredentials } from '../../config/mask-credentials.js';
import type { KsqlDbClient } from '../../ksqldb/ksqldb-client.js';
import { KsqlAuthError } from '../../ksqldb/errors.js';
import { queryStreamProtocol } from '../../ksqldb/server-version.js';
import { describeDrift, driftAllowed, type Lake } from '../../lake/index.js';
import { createKsqlClient } from '../../wiring/create-ksql-client.js';
import { failed, messageOf, ok, warning, withinMs, type CheckResult } from './check-result.js';
import { columnDriftSinceExport } from './column-drift.js';

/** ksqlDB: reachable, its version and protocol, the credentials, and every feed's source as exported. */
export async function checkKsqlDb(env: Env, feeds: FeedRegistry, lake: Lake | null, stepMs: number): Promise<CheckResult[]> {
  const url = maskCredentials(env.KSQLDB_URL);
  const ksql = createKsqlClient(env, { connectTimeoutMs: stepMs, idleTimeoutMs: stepMs });
  try {
    let info;
    try {
      info = await withinMs(stepMs, `GET ${url}/info`, ksql.info());
    } catch (err) {
      const check = err instanceof KsqlAuthError ? 'ksqldb: auth' : 'ksqldb: reachable';
      return [failed(check, `${url}: ${messageOf(err)}`, hintFor(err))];
    }
    const status = info.serverStatus ?? 'status not reported';
    const results = [
      info.serverStatus && info.serverStatus !== 'RUNNING'
        ? warning('ksqldb: reachable', `${url}: ksqlDB ${info.version}, ${status}`, 'the server reports a problem; see its log')
        : ok('ksqldb: reachable', `${url}: ksqlDB ${info.version}, ${status}`),
      ok('ksqldb: protocol', `queries go over ${queryStreamProtocol(info.version) === 'http1' ? 'HTTP/1.1' : 'HTTP/2'} for this version`),
    ];
    let names: Map<string, 'STREAM' | 'TABLE'>;
    try {
      const [streams, tables] = await withinMs(stepMs, 'SHOW STREAMS / SHOW TABLES', Promise.all([ksql.listStreams(), ksql.listTables()]));
      names = new Map([...streams, ...tables].map((s) => [s.name.toUpperCase(), s.type]));
    } catch (err) {
      return [...results, failed('ksqldb: auth', messageOf(err), hintFor(err))];
    }
    results.push(ok('ksqldb: auth', env.KSQLDB_USERNAME ? `statements accepted for user ${env.KSQLDB_USERNAME}` : 'statements accepted without credentials'));
    const perFeed = await Promise.all([...feeds.values()].map((feed) => checkSource(ksql, feed, names, lake, stepMs)));
    return [...results, ...perFeed];
  } finally {
    await ksql.close().catch(() => undefined);
  }
}

async function checkSource(ksql: KsqlDbClient, feed: Feed, names: Map<string, string>, lake: Lake | null, stepMs: number): Promise<CheckResult> {
  const check = `ksqldb: source of ${feed.id}`;
  const type = names.get(feed.source.toUpperCase());
  const expected = feed.kind === 'stream' ? 'STREAM' : 'TABLE';
  if (!type) return failed(check, `no ${expected} ${feed.source} on the server`, `create it (\`ksql-etl ksql apply\`) or fix "source" in feeds/${feed.id}.json`);
  if (type !== expected) return failed(check, `${feed.source} is a ${type}, the feed says ${feed.kind}`, `fix "kind" in feeds/${feed.id}.json`);
  try {
    const description = await withinMs(stepMs, `DESCRIBE ${feed.source}`, ksql.describe(feed.source));
    const metadata = lake ? await lake.describeFeed(feed.id) : null;
    if (!metadata) return ok(check, `${type} ${feed.source}, ${description.columns.length} columns; not exported yet`);
    const drift = columnDriftSinceExport(metadata, description.columns);
    if (!drift) return ok(check, `${type} ${feed.source}, ${description.columns.length} columns, as at the last export`);
    const detail = `${feed.source}'s columns changed since the last export (${describeDrift(drift)})`;
    if (driftAllowed(drift, feed.schemaChange)) return warning(check, detail, 'the next run records the added columns (schemaChange: evolve)');
    return feed.schemaChange === 'freeze' && driftAllowed(drift, 'evolve')
      ? failed(check, detail, `runs fail until the source is restored or feeds/${feed.id}.json says "schemaChange": "evolve"`)
      : failed(check, detail, 'runs fail until the column is restored: a removed or retyped column is refused under either schemaChange');
  } catch (err) {
    return failed(check, messageOf(err), hintFor(err));
  }
}

function hintFor(err: unknown): string {
  if (err instanceof KsqlAuthError) return 'check KSQLDB_USERNAME / KSQLDB_PASSWORD and the TLS files (KSQLDB_CA_FILE, …)';
  return 'check KSQLDB_URL and that ksqlDB runs (`ksql-etl dev up` starts the local stand-in)';
}
