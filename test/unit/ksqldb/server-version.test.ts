import { describe, expect, it } from 'vitest';
import { parseServerVersion, queryStreamProtocol } from '../../../ksqldb/server-version.js';

describe('server version', () => {
  it.each([
    ['0.22.0', 'http2'],
    ['0.23.1', 'http2'],
    ['0.24.0', 'http1'],
    ['0.29.0', 'http1'],
    ['0.24.0-SNAPSHOT', 'http1'],
    ['6.2.4', 'http2'],
    ['7.0.1', 'http2'],
    ['7.1.0', 'http2'],
    ['7.2.0', 'http1'],
    ['7.5.0', 'http1'],
    ['7.9.1-ccs', 'http1'],
    ['8.0.0', 'http1'],
    ['unknown', 'http2'],
    ['', 'http2'],
  ])('%s → /query-stream over %s', (version, protocol) => {
    expect(queryStreamProtocol(version)).toBe(protocol);
  });

  it('tells standalone ksqlDB from Confluent Platform', () => {
    expect(parseServerVersion('0.29.0')).toEqual({ line: 'standalone', major: 0, minor: 29, patch: 0 });
    expect(parseServerVersion('7.4.1-0')).toEqual({ line: 'confluent-platform', major: 7, minor: 4, patch: 1 });
    expect(parseServerVersion('latest')).toBeNull();
  });
});
