/**
 * What a query's SQL text says about the partitions it can read, for a lake whose objects must be
 * fetched before DuckDB opens them. Deliberately narrow: a prune is returned only when it cannot
 * drop a row the query needs; anything less plain returns null and every file is fetched (DuckDB
 * still prunes what it opens). The lake decides; DuckDB's own filter still runs on what is fetched.
 */

/** `date = '2026-11-25'`, `date >= DATE '…'`, … : the comparisons a stream's date filter may use. */
const COMPARISON = /(?<![\w.])date\s*(=|>=|<=|>|<)\s*(?:date\s*)?'(\d{4}-\d{2}-\d{2})'/gi;
const BETWEEN = /(?<![\w.])date\s+between\s+(?:date\s*)?'(\d{4}-\d{2}-\d{2})'\s+and\s+(?:date\s*)?'(\d{4}-\d{2}-\d{2})'/gi;
const IN_LIST = /(?<![\w.])date\s+in\s*\(\s*((?:(?:date\s*)?'\d{4}-\d{2}-\d{2}'\s*,?\s*)+)\)/gi;
/** Words that could make a date comparison in the WHERE clause not hold for every row read. */
const UNSAFE_WORDS = new Set(['or', 'not', 'union', 'except', 'intersect', 'join', 'case', 'filter', 'over', 'with']);
const CLAUSE_END = /\b(group\s+by|order\s+by|limit|offset|having|qualify|window)\b|;/i;

/**
 * A test on a stream's `date` partition (`YYYY-MM-DD`) that every row the query can use passes, or
 * null. Only for a query that names the stream once, has one SELECT and one WHERE, and no OR, NOT,
 * JOIN, set operation, CASE, FILTER, window or CTE; the WHERE clause's unqualified `date` compared
 * with literal dates (=, <, <=, >, >=, BETWEEN, IN) are ANDed together.
 */
export function dateFilter(sql: string, feedId: string): ((date: string) => boolean) | null {
  const bare = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, ' ').toLowerCase();
  const words = bare.match(/[a-z_][a-z0-9_]*/g) ?? [];
  const count = (word: string) => words.filter((w) => w === word).length;
  if (count(feedId) !== 1 || count('select') !== 1 || count('where') !== 1 || words.some((w) => UNSAFE_WORDS.has(w))) return null;
  const afterWhere = sql.slice(sql.toLowerCase().search(/\bwhere\b/) + 'where'.length);
  const clause = afterWhere.slice(0, afterWhere.search(CLAUSE_END) < 0 ? undefined : afterWhere.search(CLAUSE_END));
  const tests: Array<(date: string) => boolean> = [];
  for (const [, op, value] of clause.matchAll(COMPARISON)) tests.push(compare(op!, value!));
  for (const [, low, high] of clause.matchAll(BETWEEN)) tests.push((d) => d >= low! && d <= high!);
  for (const [, list] of clause.matchAll(IN_LIST)) {
    const dates = new Set(list!.match(/\d{4}-\d{2}-\d{2}/g));
    tests.push((d) => dates.has(d));
  }
  return tests.length === 0 ? null : (date) => tests.every((test) => test(date));
}

function compare(op: string, value: string): (date: string) => boolean {
  switch (op) {
    case '=': return (d) => d === value;
    case '>=': return (d) => d >= value;
    case '<=': return (d) => d <= value;
    case '>': return (d) => d > value;
    default: return (d) => d < value;
  }
}

/**
 * The versions `table_at(…)` asks for, per feed, when every call names its feed and version as
 * literals (`table_at('totals', 3)`); null when any call does not (then every kept version is
 * fetched) or there is no call.
 */
export function tableAtVersions(sql: string, macro: string): Map<string, Set<number>> | null {
  const bare = sql.replace(/--[^\n]*/g, ' ');
  const calls = bare.match(new RegExp(`\\b${macro}\\s*\\(`, 'gi')) ?? [];
  const literal = [...bare.matchAll(new RegExp(`\\b${macro}\\s*\\(\\s*'([a-z][a-z0-9_]*)'\\s*,\\s*(\\d+)\\s*\\)`, 'gi'))];
  if (calls.length === 0 || literal.length !== calls.length) return null;
  const wanted = new Map<string, Set<number>>();
  for (const [, feed, version] of literal) wanted.set(feed!, (wanted.get(feed!) ?? new Set()).add(Number(version)));
  return wanted;
}
