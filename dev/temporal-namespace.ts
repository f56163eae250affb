import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../config/temporal.js';

/**
 * Makes a dev-server namespace look the way the project expects, whatever database it was created
 * in: `--search-attribute` flags only apply when the namespace is first created, and the dev
 * server's namespaces keep closed runs for just 24 h. Done over gRPC so no CLI output has to be parsed.
 */

/** `temporal.api.enums.v1.IndexedValueType` numbers (the client package does not export the enum). */
const INDEXED_VALUE_TYPES: Record<string, number> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

/** Retention for persistent dev databases: long enough to look back at last month's runs. */
export const DEV_RETENTION_DAYS = 30;

/** Registers every attribute of `attributes` (name → type) that the namespace lacks; returns the names it added. */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  attributes: Readonly<Record<string, string>> = SEARCH_ATTRIBUTES,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.keys(attributes).filter((name) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return [];
  const searchAttributes: Record<string, number> = {};
  for (const name of missing) {
    const type = INDEXED_VALUE_TYPES[attributes[name]!];
    if (type === undefined) throw new Error(`Unknown search attribute type ${attributes[name]} for ${name}`);
    searchAttributes[name] = type;
  }
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
  } catch (err) {
    // another process may have added them between list and add
    if (!/already exists/i.test((err as Error).message)) throw err;
  }
  return missing;
}

/** Sets the namespace's retention to `days` unless it already is. */
export async function ensureRetention(connection: Connection, namespace: string, days = DEV_RETENTION_DAYS): Promise<void> {
  const seconds = days * 24 * 3600;
  const described = await connection.workflowService.describeNamespace({ namespace });
  if (Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0) === seconds) return;
  // Only the retention field is set: the server leaves the rest of the namespace config as is.
  // protobufjs encodes a plain number into an int64; the generated type only names Long.
  const ttl = { seconds } as unknown as { seconds: null };
  await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: ttl } });
}

/** Custom search attribute names → type names (`Keyword`, `Int`…), as the server reports them. */
export async function listCustomSearchAttributes(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<Record<string, string>> {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  const byNumber = new Map(Object.entries(INDEXED_VALUE_TYPES).map(([name, n]) => [n, name]));
  const out: Record<string, string> = {};
  for (const [name, type] of Object.entries(res.customAttributes ?? {})) out[name] = byNumber.get(Number(type)) ?? String(type);
  return out;
}
