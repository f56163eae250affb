import type { BlacklistEntry, Transaction } from '../../generator/transaction-schema.js';
import { findSource } from '../data/source-catalog.js';
import type { SourceStore } from '../data/source-store.js';
import type { Expr } from '../sql/parse-expression.js';
import { KsqlStatementError } from '../sql/ksql-statement-error.js';

/**
 * `INSERT INTO <stream> (cols) VALUES (…)` for the two input topics, so a producer (the demo's
 * seeder) can feed the stand-in through REST as it would feed a real server. Validation happens
 * in `prepare`, before any statement of the request runs, like ksqlDB's sandbox pass.
 */
export function prepareInsert(target: string, columns: string[] | null, values: Expr[], store: SourceStore): () => void {
  const source = findSource(target);
  if (!source) throw new KsqlStatementError(`Cannot insert values into an unknown stream/table: ${target}`);
  if (source.name !== 'TRANSACTION_STREAM' && source.name !== 'BLACKLIST') {
    throw new KsqlStatementError(`The ksqlDB stand-in only accepts INSERT INTO TRANSACTION_STREAM and BLACKLIST, not ${source.name}.`);
  }
  const names = columns ?? source.columns.map((c) => c.name);
  if (names.length !== values.length) {
    throw new KsqlStatementError(`Expected a value for each column. Expected Columns: [${names.join(', ')}]. `
      + `Got [${values.map(describe).join(', ')}]`);
  }
  const record: Record<string, unknown> = {};
  names.forEach((name, i) => {
    if (name !== 'ROWTIME' && !source.columns.some((c) => c.name === name)) {
      throw new KsqlStatementError(`Column name ${name} does not exist.`);
    }
    record[name] = evaluate(values[i]!);
  });

  if (source.name === 'BLACKLIST') {
    const entry: BlacklistEntry = {
      user_id: text(record, 'USER_ID'), reason: text(record, 'REASON'), added_at: number(record, 'ADDED_AT', Date.now()),
    };
    return () => store.upsertBlacklist(entry);
  }
  const products = record.PRODUCTS ?? [];
  if (!Array.isArray(products)) throw new KsqlStatementError('PRODUCTS must be an ARRAY of STRUCTs.');
  const tx: Transaction = {
    transaction_id: text(record, 'TRANSACTION_ID'),
    user_id: text(record, 'USER_ID'),
    amount: number(record, 'AMOUNT'),
    currency: text(record, 'CURRENCY') as Transaction['currency'],
    payment_method: text(record, 'PAYMENT_METHOD') as Transaction['payment_method'],
    card_number: text(record, 'CARD_NUMBER'),
    ip_address: text(record, 'IP_ADDRESS'),
    products: products.map((p: Record<string, unknown>) => ({
      product_id: text(p, 'PRODUCT_ID'), name: text(p, 'NAME'), category: text(p, 'CATEGORY'),
      quantity: number(p, 'QUANTITY'), unit_price: number(p, 'UNIT_PRICE'),
    })),
    // ROWTIME comes from the TIMESTAMP column (WITH TIMESTAMP='timestamp'); without one, now.
    timestamp: number(record, 'TIMESTAMP', typeof record.ROWTIME === 'number' ? record.ROWTIME : Date.now()),
  };
  return () => store.insertTransaction(tx);
}

function evaluate(expr: Expr): unknown {
  switch (expr.kind) {
    case 'literal': return expr.value;
    case 'array': return expr.items.map(evaluate);
    case 'struct': return Object.fromEntries(expr.fields.map((f) => [f.name, evaluate(f.value)]));
    default: throw new KsqlStatementError('INSERT VALUES only accepts literals, ARRAY[...] and STRUCT(...) in the stand-in.');
  }
}

function describe(expr: Expr): string {
  return expr.kind === 'literal' ? expr.token.text : expr.kind.toUpperCase();
}

function text(record: Record<string, unknown>, name: string): string {
  const value = record[name];
  if (typeof value !== 'string') throw new KsqlStatementError(`Expected a STRING for ${name}, got ${JSON.stringify(value ?? null)}.`);
  return value;
}

function number(record: Record<string, unknown>, name: string, fallback?: number): number {
  const value = record[name] ?? fallback;
  if (typeof value !== 'number') throw new KsqlStatementError(`Expected a number for ${name}, got ${JSON.stringify(value ?? null)}.`);
  return value;
}
