import type { KsqldbSettings } from '../config/env.js';
import { KsqlDbClient, type KsqlDbClientOptions } from '../ksqldb/ksqldb-client.js';

/** The ksqlDB client the environment describes: the worker's and every command's (`timeouts` for quick checks). */
export function createKsqlClient(env: KsqldbSettings, timeouts: Pick<KsqlDbClientOptions, 'connectTimeoutMs' | 'idleTimeoutMs'> = {}): KsqlDbClient {
  return new KsqlDbClient({
    ...timeouts,
    url: env.KSQLDB_URL,
    auth: env.KSQLDB_USERNAME ? { username: env.KSQLDB_USERNAME, password: env.KSQLDB_PASSWORD ?? '' } : undefined,
    tls: env.KSQLDB_CA_FILE || env.KSQLDB_CERT_FILE
      ? { caFile: env.KSQLDB_CA_FILE, certFile: env.KSQLDB_CERT_FILE, keyFile: env.KSQLDB_KEY_FILE }
      : undefined,
  });
}
