/** Query parameters that carry a secret whatever the scheme: `?password=…`, `?token=…`. */
const SECRET_PARAM = /pass|secret|token|key/i;

/**
 * `http://user:secret@host?password=x` → `http://user:***@host?password=***`: the only form of a
 * URL that may reach a log or an error, since KSQLDB_URL and MYSQL_URL may carry a password.
 */
export function maskCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Without an @ there is no user part, so nothing secret to hide.
    return url.includes('@') ? '(unparsable URL)' : url;
  }
  if (parsed.password) parsed.password = '***';
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, '***');
  }
  return parsed.href.replace(/\/$/, '');
}
