import { KsqlDbClient } from '../../../../ksqldb/ksqldb-client.js';
import type { KsqlDbClientOptions } from '../../../../ksqldb/client-options.js';
import type { QueryResult, QueryRow } from '../../../../ksqldb/read-query-result.js';

export const PROTOCOLS = ['http1', 'http2'] as const;
export const FORMATS = ['delimited', 'json'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
export type Format = (typeof FORMATS)[number];

const open: KsqlDbClient[] = [];

/** A client whose connections `closeClients()` releases after each test. */
export function clientFor(url: string, options: Partial<KsqlDbClientOptions> = {}): KsqlDbClient {
  const client = new KsqlDbClient({ url, ...options });
  open.push(client);
  return client;
}

export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((client) => client.close()));
}

export async function drain(result: QueryResult): Promise<QueryRow[]> {
  const rows: QueryRow[] = [];
  for await (const row of result.rows) rows.push(row);
  return rows;
}

/** Reads rows until the iterator fails; returns what came before and the error. */
export async function drainUntilError(result: QueryResult): Promise<{ rows: QueryRow[]; error: Error }> {
  const rows: QueryRow[] = [];
  try {
    for await (const row of result.rows) rows.push(row);
  } catch (error) {
    return { rows, error: error as Error };
  }
  throw new Error(`expected the rows to fail, got ${rows.length} rows and a clean end`);
}

export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Delimited or JSON body of a header and rows, as ksqlDB writes each format. */
export function body(format: Format, header: object, rows: unknown[][], opts: { close?: boolean } = {}): string {
  if (format === 'delimited') return [header, ...rows].map((x) => `${JSON.stringify(x)}\n`).join('');
  const elements = [header, ...rows].map((x) => JSON.stringify(x)).join(',');
  return `[${elements}${opts.close === false ? '' : ']'}`;
}

export const ACCEPT: Record<Format, string> = {
  delimited: 'application/vnd.ksqlapi.delimited.v1',
  json: 'application/json',
};
