import type { KsqldbSettings } from '../config/env.js';
import { KsqlDbClient } from '../ksqldb/ksqldb-client.js';

/** The ksqlDB client the environment describes: the worker's and every command's. */
export function createKsqlClient(env: KsqldbSettings): KsqlDbClient {
  return new KsqlDbClient({
    url: env.KSQLDB_URL,
    auth: env.KSQLDB_USERNAME ? { username: env.KSQLDB_USERNAME, password: env.KSQLDB_PASSWORD ?? '' } : undefined,
    tls: env.KSQLDB_CA_FILE || env.KSQLDB_CERT_FILE
      ? { caFile: env.KSQLDB_CA_FILE, certFile: env.KSQLDB_CERT_FILE, keyFile: env.KSQLDB_KEY_FILE }
      : undefined,
  });
}
