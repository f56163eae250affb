import { parseKsqlType, type KsqlType } from '../../ksqldb/ksql-type.js';
import { SOURCE_STATEMENTS } from './source-statements.js';

/**
 * The metastore of the stand-in: the 8 sources of the pipeline plus the BLACKLIST table, with
 * column names and types exactly as ksqlDB derives them from `ksql/*.sql` (key columns first,
 * `VARCHAR` → `STRING`, `INT` → `INTEGER`). Listing order is the DDL order.
 */
export interface SourceColumn {
  name: string;
  type: KsqlType;
  key: boolean;
}

export interface PersistentQuery {
  /** `CSAS_<SINK>_<n>` / `CTAS_<SINK>_<n>`, n = the command's position in the DDL */
  id: string;
  sink: string;
  sinkTopic: string;
  sources: readonly string[];
}

export interface SourceDefinition {
  name: string;
  kind: 'STREAM' | 'TABLE';
  topic: string;
  columns: readonly SourceColumn[];
  /** every stream, and tables built by CTAS; a plain CREATE TABLE is not pull-queryable */
  pullQueryable: boolean;
  /** the `WITH (TIMESTAMP=…)` column, '' when ROWTIME is the Kafka record timestamp */
  timestampColumn: string;
  /** the CSAS/CTAS query that writes this source, if any */
  writeQuery: PersistentQuery | null;
  /** the server's formatted CREATE statement, as DESCRIBE reports it */
  statement: string;
}

const PRODUCTS_TYPE =
  'ARRAY<STRUCT<`PRODUCT_ID` STRING, `NAME` STRING, `CATEGORY` STRING, `QUANTITY` INTEGER, `UNIT_PRICE` DOUBLE>>';

function columns(spec: string): SourceColumn[] {
  // "NAME TYPE [KEY]" entries separated by ';' (types contain commas).
  return spec.split(';').map((entry) => {
    const match = /^\s*(\w+)\s+(.+?)(\s+KEY)?\s*$/.exec(entry);
    if (!match) throw new Error(`bad column spec: ${entry}`);
    return { name: match[1]!, type: parseKsqlType(match[2]!), key: match[3] !== undefined };
  });
}

function source(
  name: string, kind: 'STREAM' | 'TABLE', topic: string, spec: string,
  extra: Partial<Pick<SourceDefinition, 'pullQueryable' | 'timestampColumn' | 'writeQuery'>> = {},
): SourceDefinition {
  return {
    name, kind, topic, columns: columns(spec), pullQueryable: true, timestampColumn: '', writeQuery: null,
    statement: SOURCE_STATEMENTS[name]!, ...extra,
  };
}

function query(prefix: 'CSAS' | 'CTAS', sink: string, topic: string, n: number, sources: string[]): PersistentQuery {
  return { id: `${prefix}_${sink}_${n}`, sink, sinkTopic: topic, sources };
}

export const SOURCES: readonly SourceDefinition[] = [
  source('TRANSACTION_STREAM', 'STREAM', 'transactions',
    `TRANSACTION_ID STRING; USER_ID STRING; AMOUNT DOUBLE; CURRENCY STRING; PAYMENT_METHOD STRING;
     CARD_NUMBER STRING; IP_ADDRESS STRING; PRODUCTS ${PRODUCTS_TYPE}; TIMESTAMP BIGINT`,
    { timestampColumn: 'TIMESTAMP' }),
  source('TRANSACTION_FLATTENED', 'STREAM', 'transactions_flattened',
    `TRANSACTION_ID STRING; USER_ID STRING; CURRENCY STRING; PAYMENT_METHOD STRING; PRODUCT_ID STRING;
     PRODUCT_NAME STRING; PRODUCT_CATEGORY STRING; QUANTITY INTEGER; UNIT_PRICE DOUBLE; TIMESTAMP BIGINT`,
    { writeQuery: query('CSAS', 'TRANSACTION_FLATTENED', 'transactions_flattened', 1, ['TRANSACTION_STREAM']) }),
  source('TRANSACTION_STREAM_ANONYMIZED', 'STREAM', 'transactions_anonymized',
    `TRANSACTION_ID STRING; USER_ID STRING; AMOUNT DOUBLE; CURRENCY STRING; PAYMENT_METHOD STRING;
     CARD_NUMBER_MASKED STRING; IP_ADDRESS_MASKED STRING; PRODUCTS ${PRODUCTS_TYPE}; TIMESTAMP BIGINT`,
    { writeQuery: query('CSAS', 'TRANSACTION_STREAM_ANONYMIZED', 'transactions_anonymized', 2, ['TRANSACTION_STREAM']) }),
  source('BLACKLIST', 'TABLE', 'blacklist', 'USER_ID STRING KEY; REASON STRING; ADDED_AT BIGINT',
    { pullQueryable: false }),
  source('TRANSACTION_STREAM_BLACKLISTED', 'STREAM', 'transactions_blacklisted',
    `USER_ID STRING KEY; TRANSACTION_ID STRING; AMOUNT DOUBLE; CURRENCY STRING; PAYMENT_METHOD STRING;
     IP_ADDRESS STRING; BLACKLIST_REASON STRING; TIMESTAMP BIGINT`,
    { writeQuery: query('CSAS', 'TRANSACTION_STREAM_BLACKLISTED', 'transactions_blacklisted', 4, ['TRANSACTION_STREAM', 'BLACKLIST']) }),
  source('USER_TRANSACTION_SUMMARY', 'TABLE', 'user_transaction_summary',
    `USER_ID STRING KEY; TRANSACTION_COUNT BIGINT; TOTAL_AMOUNT DOUBLE; AVG_AMOUNT DOUBLE; MAX_AMOUNT DOUBLE;
     LAST_CURRENCY STRING; LAST_TRANSACTION_TS BIGINT`,
    { writeQuery: query('CTAS', 'USER_TRANSACTION_SUMMARY', 'user_transaction_summary', 5, ['TRANSACTION_STREAM']) }),
  source('USER_TRANSACTION_SUMMARY_EUR', 'TABLE', 'user_transaction_summary_eur',
    'USER_ID STRING KEY; TRANSACTION_COUNT BIGINT; TOTAL_AMOUNT_EUR DOUBLE',
    { writeQuery: query('CTAS', 'USER_TRANSACTION_SUMMARY_EUR', 'user_transaction_summary_eur', 6, ['TRANSACTION_STREAM']) }),
  source('PAYMENT_METHOD_TOTALS', 'TABLE', 'payment_method_totals',
    'PAYMENT_METHOD STRING KEY; TRANSACTION_COUNT BIGINT; TOTAL_AMOUNT DOUBLE; DISTINCT_USERS BIGINT',
    { writeQuery: query('CTAS', 'PAYMENT_METHOD_TOTALS', 'payment_method_totals', 7, ['TRANSACTION_STREAM']) }),
  source('PRODUCT_PURCHASE_COUNTS', 'TABLE', 'product_purchase_counts',
    'PRODUCT_ID STRING KEY; PRODUCT_NAME STRING; PURCHASE_COUNT BIGINT; UNITS_SOLD INTEGER',
    { writeQuery: query('CTAS', 'PRODUCT_PURCHASE_COUNTS', 'product_purchase_counts', 8, ['TRANSACTION_FLATTENED']) }),
];

/** Case-sensitive lookup: callers upper-case unquoted identifiers first, as ksqlDB does. */
export function findSource(name: string): SourceDefinition | undefined {
  return SOURCES.find((s) => s.name === name);
}

/** Every persistent query, in creation order (what SHOW QUERIES lists). */
export function persistentQueries(): PersistentQuery[] {
  return SOURCES.flatMap((s) => (s.writeQuery ? [s.writeQuery] : []));
}
