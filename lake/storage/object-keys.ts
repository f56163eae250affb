/**
 * Keys are relative, `/`-separated and plain: no empty, `.` or `..` segment (so a key can never
 * leave the lake's root on a local disk), and no segment starting with `.`, which the local store
 * keeps for its temporary and lock files.
 */
export function checkKey(key: string): string {
  const segments = key.split('/');
  if (key === '' || segments.some((s) => s === '' || s.startsWith('.')) || key.includes('\\')) {
    throw new Error(`Not a lake object key: ${JSON.stringify(key)} (want a relative path like streams/feed/_metadata.json)`);
  }
  return key;
}

/** A list prefix: a key, a key's beginning, or '' for everything. */
export function checkPrefix(prefix: string): string {
  if (prefix !== '') checkKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}
