import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { findSource, type SourceDefinition } from '../data/source-catalog.js';
import type { SourceStore } from '../data/source-store.js';
import { columnsOf, type Expr } from './parse-expression.js';
import { compileWhere, type ResolvedColumn, type RowPredicate } from './compile-where.js';
import type { SelectQuery } from './parse-select.js';
import { KsqlStatementError, PULL_QUERY_HELP } from './ksql-statement-error.js';

/**
 * Checks a SELECT against the metastore the way ksqlDB's analyzer and pull-query validator do,
 * in the same order (unknown source → unknown columns → pull restrictions → queryability), and
 * returns what to stream.
 */
export interface PlanColumn {
  name: string;
  type: KsqlType;
  /** a key column of a table: marked `KEY` in a pull query's StreamedRow schema */
  key: boolean;
}

export type QueryKind = 'pull-table' | 'pull-stream' | 'push';

export interface QueryPlan {
  source: SourceDefinition;
  kind: QueryKind;
  columns: PlanColumn[];
  limit: number | null;
  /** projected rows in output order, WHERE applied, LIMIT not yet applied */
  rows(): Iterable<unknown[]>;
}

const BIGINT: KsqlType = { kind: 'scalar', name: 'BIGINT' };
const PSEUDO: readonly ResolvedColumn[] = [
  { name: 'ROWTIME', type: BIGINT, read: (_v, rowtime) => rowtime },
  // One partition in the stand-in, and offsets are row positions.
  { name: 'ROWPARTITION', type: { kind: 'scalar', name: 'INTEGER' }, read: () => 0 },
  { name: 'ROWOFFSET', type: BIGINT, read: (_v, _t, offset) => offset },
];
const PULL_FORBIDDEN = new Set(['ROWPARTITION', 'ROWOFFSET']);

export function planQuery(query: SelectQuery, store: SourceStore, properties: Record<string, unknown>): QueryPlan {
  const source = findSource(query.source.value);
  if (!source) throw new KsqlStatementError(`Exception while preparing statement: ${query.source.value} does not exist.`);
  const kind: QueryKind = query.emitChanges ? 'push' : source.kind === 'TABLE' ? 'pull-table' : 'pull-stream';

  const resolveIn = (clause: string) => (column: Extract<Expr, { kind: 'column' }>): ResolvedColumn => {
    if (column.qualifier !== null && column.qualifier !== source.name && column.qualifier !== query.alias) {
      throw new KsqlStatementError(`'${column.qualifier}' is not a valid stream/table name or alias.`);
    }
    const index = source.columns.findIndex((c) => c.name === column.name);
    if (index >= 0) return { name: column.name, type: source.columns[index]!.type, read: (values) => values[index] };
    const pseudo = PSEUDO.find((p) => p.name === column.name);
    if (pseudo) return pseudo;
    throw new KsqlStatementError(`${clause} column '${column.name}' cannot be resolved.`);
  };

  const projection = query.items.flatMap((item) => item.kind === 'all'
    ? source.columns.map((c, index) => ({ name: c.name, type: c.type, key: c.key, read: (v: readonly unknown[]) => v[index] }))
    : [{ ...resolveIn('SELECT')(item.column), key: source.columns.find((c) => c.name === item.column.name)?.key ?? false,
      name: item.alias ?? item.column.name }]);
  const where = query.where;
  if (where) columnsOf(where).forEach(resolveIn('WHERE'));

  if (kind !== 'push') validatePull(query, source);
  const predicate: RowPredicate | null = where ? compileWhere(where, resolveIn('WHERE')) : null;

  const replay = kind !== 'push' || isEarliest(properties);
  return {
    source,
    kind,
    columns: projection.map(({ name, type, key }) => ({ name, type, key: key && source.kind === 'TABLE' })),
    limit: query.limit,
    *rows() {
      if (!replay) return;
      const rows = store.rows(source.name);
      for (let offset = 0; offset < rows.length; offset++) {
        const { values, rowtime } = rows[offset]!;
        if (predicate && !predicate(values, rowtime, offset)) continue;
        yield projection.map((column) => column.read(values, rowtime, offset));
      }
    },
  };
}

function validatePull(query: SelectQuery, source: SourceDefinition): void {
  if (query.limit !== null && query.limit < 0) {
    throw new KsqlStatementError(`Pull queries don't support negative integers in the LIMIT clause.${PULL_QUERY_HELP}`);
  }
  const inSelect = query.items.flatMap((i) => (i.kind === 'column' ? [i.column.name] : []));
  const inWhere = query.where ? columnsOf(query.where).map((c) => c.name) : [];
  for (const [clause, names] of [['SELECT', inSelect], ['WHERE', inWhere]] as const) {
    const forbidden = [...new Set(names.filter((n) => PULL_FORBIDDEN.has(n)))];
    if (forbidden.length > 0) {
      throw new KsqlStatementError(`Pull queries don't support the following columns in ${clause} clauses: `
        + `${forbidden.map((n) => `\`${n}\``).join(', ')}\n${PULL_QUERY_HELP}`);
    }
  }
  if (!source.pullQueryable) {
    throw new KsqlStatementError(`The \`${source.name}\` table isn't queryable. To derive a queryable table, you can do `
      + `'CREATE TABLE QUERYABLE_${source.name} AS SELECT * FROM ${source.name}'. See https://cnfl.io/queries for more info.`
      + '\nAdd EMIT CHANGES if you intended to issue a push query.');
  }
}

/**
 * Push queries start at `latest` unless told otherwise, so without `auto.offset.reset=earliest`
 * the stand-in (which has no live producer) has nothing to send. Stream pull queries always
 * read from the beginning, whatever the property says.
 */
function isEarliest(properties: Record<string, unknown>): boolean {
  const value = properties['auto.offset.reset'] ?? properties['ksql.streams.auto.offset.reset'];
  return typeof value === 'string' && value.toLowerCase() === 'earliest';
}
