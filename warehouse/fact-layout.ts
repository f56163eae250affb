import type { WarehouseTarget } from '../config/feed-schema.js';
import { WarehouseSchemaError } from './errors.js';
import type { Warehouse } from './warehouse.js';

/** How one dimension is written and referred to by a load. */
export interface DimensionLayout {
  table: string;
  /** natural key column, in the lake and in the dimension */
  key: string;
  /** the dimension column facts refer to: `key` itself, or a surrogate id */
  id: string;
}

/** Where each lake column of a version goes in the fact table. */
export interface FactLayout {
  fact: string;
  dimensions: DimensionLayout[];
  /** lake column → fact column with the same name, or the surrogate dimension that replaces it */
  columns: Array<{ lake: string; dimension?: DimensionLayout }>;
}

/**
 * Checks a lake version's columns against the fact table and resolves each dimension's id column
 * (default: the dimension's primary key). Every column of the version must have a fact column.
 * Errors name the feed, version and table.
 */
export async function resolveFactLayout(warehouse: Warehouse, target: WarehouseTarget, lakeColumns: readonly string[], context: string): Promise<FactLayout> {
  const dimensions: DimensionLayout[] = [];
  for (const d of target.dimensions) {
    const id = d.id ?? (await primaryKey(warehouse, d.table, context));
    dimensions.push({ table: d.table, key: d.key, id });
  }
  const factColumns = new Set(await tableColumns(warehouse, target.fact));
  if (factColumns.size === 0) throw new WarehouseSchemaError(`${context}: fact table ${target.fact} does not exist in ${warehouse.database} (run \`ksql-etl warehouse init\`)`);
  const surrogateFor = new Map(dimensions.filter((d) => d.id !== d.key).map((d) => [d.key, d]));
  const columns = lakeColumns.map((lake) => ({ lake, dimension: surrogateFor.get(lake) }));
  const missing = ['snapshot_version', ...columns.map((c) => c.dimension?.id ?? c.lake)].filter((c) => !factColumns.has(c));
  // Every lake column must land somewhere: a column the table feed gained under `schemaChange:
  // evolve` stops the load rather than being dropped unseen, until the fact table has it.
  if (missing.length > 0) {
    throw new WarehouseSchemaError(
      `${context}: fact table ${target.fact} lacks column(s) ${missing.join(', ')}; ` +
        'add them to the table (and its sql/NN_create_*.sql), then load the version again (`ksql-etl warehouse load`)',
    );
  }
  return { fact: target.fact, dimensions, columns };
}

/** The table's column names, in order; empty when the table does not exist. */
export async function tableColumns(warehouse: Warehouse, table: string): Promise<string[]> {
  const rows = await warehouse.query<{ name: string }>(
    'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    [warehouse.database, table],
  );
  return rows.map((r) => r.name.toLowerCase());
}

async function primaryKey(warehouse: Warehouse, table: string, context: string): Promise<string> {
  const rows = await warehouse.query<{ name: string }>(
    "SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'",
    [warehouse.database, table],
  );
  if (rows.length !== 1) throw new WarehouseSchemaError(`${context}: dimension ${table} needs a one-column primary key in ${warehouse.database} (run \`ksql-etl warehouse init\`)`);
  return rows[0]!.name.toLowerCase();
}
