/**
 * What `SHOW GRANTS` gives the current user on one database. Loads use plain multi-row INSERT
 * (never LOAD DATA), so FILE and LOCAL INFILE are not needed; `warehouse init` needs CREATE.
 */
export const NEEDED_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'CREATE'] as const;

export interface GrantSummary {
  /** needed privileges no global or database-level grant gives */
  missing: string[];
  /** grants through roles are not followed: a privilege may come from one */
  viaRoles: boolean;
}

const GRANT_LINE = /^GRANT\s+(.+?)\s+ON\s+(?:(?:TABLE|FUNCTION|PROCEDURE|PACKAGE)\s+)?(\S+)\s+TO\s/i;

/** Reads `SHOW GRANTS` lines; table- and column-level grants are not counted (the schema needs the database). */
export function summarizeGrants(lines: readonly string[], database: string): GrantSummary {
  const held = new Set<string>();
  let viaRoles = false;
  for (const line of lines) {
    const match = GRANT_LINE.exec(line.trim());
    if (!match) {
      // `GRANT role TO user` (MariaDB and MySQL 8 roles) has no ON.
      if (/^GRANT\s/i.test(line.trim()) && !/\sON\s/i.test(line)) viaRoles = true;
      continue;
    }
    if (!appliesTo(match[2]!, database)) continue;
    for (const privilege of match[1]!.split(',').map((p) => p.trim().toUpperCase())) {
      if (privilege === 'ALL' || privilege === 'ALL PRIVILEGES') NEEDED_PRIVILEGES.forEach((p) => held.add(p));
      else if (!privilege.includes('(')) held.add(privilege);
    }
  }
  return { missing: NEEDED_PRIVILEGES.filter((p) => !held.has(p)), viaRoles };
}

/** `*.*` or `` `db`.* ``, where the database part may be a LIKE pattern (`%`, `_`, `\_`). */
function appliesTo(target: string, database: string): boolean {
  if (target === '*.*') return true;
  const match = /^`?((?:[^`]|``)+?)`?\.\*$/.exec(target);
  if (!match) return false;
  const pattern = match[1]!.replaceAll('``', '`');
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i]!);
    else if (ch === '%') regex += '.*';
    else if (ch === '_') regex += '.';
    else regex += escapeRegex(ch);
  }
  return new RegExp(`^${regex}$`, 'i').test(database);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
