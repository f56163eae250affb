/**
 * A row as the lake receives it from a source: decoded values, or a line the source sent that
 * could not be decoded at all (kept verbatim for the quarantine). Same shape as the ksqlDB
 * client's rows, without the lake depending on the client.
 */
export type SourceRow = { kind: 'row'; values: unknown[] } | { kind: 'malformed'; raw: string; reason: string };
