/**
 * The ksqlDB REST client: /info, statements on /ksql, and queries on /query-stream whose rows
 * are pulled one at a time. Every error it throws is one of ./errors.ts, names the endpoint and
 * statement, and has been scrubbed of the password.
 */
import type { z } from 'zod';
import { type KsqlDbClientOptions, type KsqlProtocol, resolveClientOptions, type ResolvedClientOptions } from './client-options.js';
import { classifyKsqlError } from './classify-ksql-error.js';
import { ConnectionPool } from './connection-pool.js';
import { type KsqlErrorContext, KsqlProtocolError, KsqlUnsupportedError } from './errors.js';
import {
  type ServerInfo,
  serverInfoSchema,
  type SourceDescription,
  sourceDescriptionEntitySchema,
  type SourceInfo,
  streamsEntitySchema,
  tablesEntitySchema,
  toSourceDescription,
} from './ksql-entities.js';
import type { BodySplitter } from './body-splitter.js';
import { DelimitedSplitter } from './delimited-splitter.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { type QueryResult, type RawQueryResult, readQueryResult, readRawQueryResult } from './read-query-result.js';
import { redactSecrets } from './redact-secrets.js';
import { queryStreamProtocol } from './server-version.js';
import type { TransportResponse } from './transport.js';

export type { KsqlDbClientOptions } from './client-options.js';

const ACCEPT = { delimited: 'application/vnd.ksqlapi.delimited.v1', json: 'application/json' } as const;
const STATEMENT_ACCEPT = 'application/vnd.ksql.v1+json';
// /ksql and /info answers are small; error bodies only need enough text to quote.
const MAX_STATEMENT_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`)$/;

type ResultReader<R> = (body: TransportResponse['body'], splitter: BodySplitter, context: KsqlErrorContext, guard: (error: unknown) => unknown) => Promise<R>;

export interface QueryOptions {
  /** Query-level property overrides, e.g. `{"auto.offset.reset": "earliest"}`. */
  properties?: Record<string, unknown>;
  /** Aborts the request, before or after the header. */
  signal?: AbortSignal;
}

export class KsqlDbClient {
  readonly #options: ResolvedClientOptions;
  readonly #pool: ConnectionPool;
  #info: Promise<ServerInfo> | null = null;
  /** Learnt for `auto`: from /info, or corrected by a 40004 answer. */
  #queryProtocol: KsqlProtocol | null = null;

  constructor(options: KsqlDbClientOptions) {
    this.#options = resolveClientOptions(options);
    this.#pool = new ConnectionPool(this.#options);
  }

  /** GET /info, fetched once per client (a failure is not cached). */
  info(): Promise<ServerInfo> {
    this.#info ??= this.#requestJson('GET', '/info', undefined, { endpoint: 'GET /info' }).then((body) => {
      const info = parseEntity(serverInfoSchema, body, { endpoint: 'GET /info' }).KsqlServerInfo;
      return { ...info, serverStatus: info.serverStatus ?? null };
    });
    this.#info.catch(() => (this.#info = null));
    return this.#info;
  }

  /** SHOW STREAMS, in the server's (unsorted) order. */
  async listStreams(): Promise<SourceInfo[]> {
    return (await this.#singleEntity('SHOW STREAMS;', streamsEntitySchema)).streams;
  }

  /** SHOW TABLES, in the server's (unsorted) order. */
  async listTables(): Promise<SourceInfo[]> {
    return (await this.#singleEntity('SHOW TABLES;', tablesEntitySchema)).tables;
  }

  /** DESCRIBE of one stream or table; `name` is an identifier (upper-cased by ksqlDB unless back-quoted). */
  async describe(name: string): Promise<SourceDescription> {
    if (!IDENTIFIER.test(name)) throw new RangeError(`"${name}" is not a ksqlDB identifier`);
    const statement = `DESCRIBE ${name};`;
    const entity = await this.#singleEntity(statement, sourceDescriptionEntitySchema);
    try {
      return toSourceDescription(entity);
    } catch (error) {
      throw this.#guard(new KsqlProtocolError({ endpoint: 'POST /ksql', statement }, (error as Error).message));
    }
  }

  /** POST /ksql with one or more statements; returns the raw entity array (one entity per statement). */
  async executeStatement(ksql: string, streamsProperties: Record<string, unknown> = {}): Promise<unknown[]> {
    const context = { endpoint: 'POST /ksql', statement: ksql };
    const body = await this.#requestJson('POST', '/ksql', { ksql, streamsProperties }, context);
    if (!Array.isArray(body)) throw this.#guard(new KsqlProtocolError(context, 'the answer is not an entity array'));
    return body;
  }

  /** POST /query-stream; resolves once the header arrived, rows are then pulled from `rows`. */
  query(sql: string, opts: QueryOptions = {}): Promise<QueryResult> {
    return this.#queryWith(sql, opts, readQueryResult);
  }

  /**
   * The same request as `query`, with the rows handed out as their wire text in batches, unparsed:
   * for a caller that parses rows in bulk (the lake hands them to DuckDB). Errors in the stream
   * and truncation are raised exactly as by `query`.
   */
  queryLines(sql: string, opts: QueryOptions = {}): Promise<RawQueryResult> {
    return this.#queryWith(sql, opts, readRawQueryResult);
  }

  /** Closes pooled connections; results still being read are cut off. */
  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #queryWith<R>(sql: string, opts: QueryOptions, read: ResultReader<R>): Promise<R> {
    const context: KsqlErrorContext = { endpoint: 'POST /query-stream', statement: sql };
    const protocol = await this.#protocolForQuery();
    try {
      return await this.#query(protocol, sql, opts, context, read);
    } catch (error) {
      // `auto` trusted /info, but the server (or a proxy in front) says HTTP/2 only: believe it.
      const http2Only = error instanceof KsqlUnsupportedError && error.errorCode === 40004;
      if (!(http2Only && this.#options.protocol === 'auto' && protocol === 'http1')) throw error;
      this.#queryProtocol = 'http2';
      return this.#query('http2', sql, opts, context, read);
    }
  }

  async #query<R>(protocol: KsqlProtocol, sql: string, opts: QueryOptions, context: KsqlErrorContext, read: ResultReader<R>): Promise<R> {
    const { format } = this.#options;
    const payload = { sql, properties: opts.properties ?? {} };
    const response = await this.#send(protocol, 'POST', '/query-stream', payload, context, ACCEPT[format], opts.signal);
    if (response.status !== 200) throw await this.#failure(response, context);
    const splitter = format === 'json' ? new JsonArraySplitter() : new DelimitedSplitter();
    return read(response.body, splitter, context, (error) => this.#guard(error));
  }

  async #protocolForQuery(): Promise<KsqlProtocol> {
    if (this.#options.protocol !== 'auto') return this.#options.protocol;
    this.#queryProtocol ??= queryStreamProtocol((await this.info()).version);
    return this.#queryProtocol;
  }

  async #singleEntity<T extends { '@type': string }>(statement: string, schema: z.ZodType<T>): Promise<T> {
    const entities = await this.executeStatement(statement);
    return parseEntity(schema, entities[0], { endpoint: 'POST /ksql', statement }, (error) => this.#guard(error));
  }

  /** /info and /ksql: HTTP/1.1 under `auto`, which every ksqlDB version serves. */
  async #requestJson(method: 'GET' | 'POST', path: string, payload: unknown, context: KsqlErrorContext): Promise<unknown> {
    const protocol = this.#options.protocol === 'auto' ? 'http1' : this.#options.protocol;
    const response = await this.#send(protocol, method, path, payload, context, STATEMENT_ACCEPT);
    if (response.status !== 200) throw await this.#failure(response, context);
    let read: { text: string; overflow: boolean };
    try {
      read = await response.body.readText(MAX_STATEMENT_RESPONSE_BYTES);
    } catch (error) {
      throw this.#guard(error);
    }
    const { text, overflow } = read;
    const fail = (detail: string): never => {
      throw this.#guard(new KsqlProtocolError({ ...context, phase: 'body' }, detail));
    };
    if (overflow) fail(`answer larger than ${MAX_STATEMENT_RESPONSE_BYTES} bytes`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return fail(`answer is not JSON: ${text.slice(0, 200)}`);
    }
  }

  async #send(
    protocol: KsqlProtocol,
    method: 'GET' | 'POST',
    path: string,
    payload: unknown,
    context: KsqlErrorContext,
    accept: string,
    signal?: AbortSignal,
  ): Promise<TransportResponse> {
    const headers: Record<string, string> = { accept };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (this.#options.authorization) headers.authorization = this.#options.authorization;
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    try {
      const transport = await this.#pool.transport(protocol, context);
      return await transport.request({ method, path, headers, body, signal, context });
    } catch (error) {
      throw this.#guard(classifyKsqlError(error, { ...context, phase: 'request' }));
    }
  }

  /** Reads an error response's body and classes it by status and ksqlDB error code. */
  async #failure(response: TransportResponse, context: KsqlErrorContext): Promise<unknown> {
    let body = '';
    try {
      body = (await response.body.readText(MAX_ERROR_BODY_BYTES)).text;
    } catch {
      // The status alone still classifies a body that broke off.
    }
    return this.#guard(classifyKsqlError({ status: response.status, body, headers: response.headers }, context));
  }

  #guard(error: unknown): unknown {
    return redactSecrets(error, this.#options.secrets);
  }
}

function parseEntity<T>(schema: z.ZodType<T>, value: unknown, context: KsqlErrorContext, guard = (e: unknown) => e): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  throw guard(new KsqlProtocolError(context, `unexpected answer (${where})`));
}
