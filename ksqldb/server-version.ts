/**
 * Reads the `version` of GET /info. Standalone ksqlDB reports `0.x.y`, Confluent Platform its own
 * `7.x.y`; /query-stream speaks HTTP/1.1 only from ksqlDB 0.24 / CP 7.2 on (before that it answers
 * 40004 "only available when using HTTP2").
 */
import type { KsqlProtocol } from './client-options.js';

export interface ServerVersion {
  line: 'standalone' | 'confluent-platform';
  major: number;
  minor: number;
  patch: number;
}

/** Parses `0.29.0`, `7.5.0`, `7.4.1-ccs`, `0.24.0-SNAPSHOT`; null for anything else. */
export function parseServerVersion(text: string): ServerVersion | null {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!match) return null;
  const major = Number(match[1]);
  return {
    line: major === 0 ? 'standalone' : 'confluent-platform',
    major,
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
  };
}

/** Whether /query-stream answers over HTTP/1.1 (chunked) on this server. */
export function supportsHttp1QueryStream(version: ServerVersion): boolean {
  if (version.line === 'standalone') return version.minor >= 24;
  return version.major > 7 || (version.major === 7 && version.minor >= 2);
}

/**
 * The protocol `auto` uses for /query-stream. An unreadable version gets HTTP/2, which every
 * ksqlDB release serves.
 */
export function queryStreamProtocol(versionText: string): KsqlProtocol {
  const version = parseServerVersion(versionText);
  return version && supportsHttp1QueryStream(version) ? 'http1' : 'http2';
}
