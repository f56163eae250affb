/**
 * `http://user:secret@host` → `http://user:***@host`: the only form of a URL that may reach a log
 * or an error, since KSQLDB_URL and MYSQL_URL may carry a password.
 */
export function maskCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}
