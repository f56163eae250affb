/**
 * Behaviour switches derived from the version the stand-in reports, so a client can be tested
 * against both sides of the 0.24 / CP 7.2 line (HTTP/1.1 on /query-stream, query id formats,
 * error envelopes). The default, 7.5.0, behaves like CP 7.4–7.9.
 */
export interface VersionProfile {
  version: string;
  /** /query-stream over HTTP/1.1 (else 400 / 40004) */
  http1QueryStream: boolean;
  /** `Accept: application/vnd.ksql.v1+json` on /query-stream (else 406) */
  streamedRowOnQueryStream: boolean;
  /** push / stream-pull ids `transient_<SRC>_<n>` (else a UUID); table pulls `query_<ms>` (else null) */
  modernQueryIds: boolean;
  /** statement errors on /query-stream as `statement_error` with statementText (else `generic_error`) */
  statementErrorEnvelope: boolean;
  /** in-stream errors carry `Throwable.toString()` (else a fixed sentence) */
  throwableMidStreamMessage: boolean;
  /** /healthcheck reports `serverState` (0.29 / CP 7.4+) */
  healthServerState: boolean;
}

// Confluent Platform minor → the standalone ksqlDB release it matches most closely.
const CP7_TO_KSQL: readonly number[] = [21, 23, 26, 28];

export function versionProfile(version: string): VersionProfile {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const ksqlMinor = major === 0 ? minor : major < 7 ? 20 : major > 7 ? 29 : (CP7_TO_KSQL[minor] ?? 29);
  return {
    version,
    http1QueryStream: ksqlMinor >= 24,
    streamedRowOnQueryStream: ksqlMinor >= 24,
    modernQueryIds: ksqlMinor >= 24,
    statementErrorEnvelope: ksqlMinor >= 24,
    throwableMidStreamMessage: ksqlMinor >= 26,
    healthServerState: ksqlMinor >= 29,
  };
}
