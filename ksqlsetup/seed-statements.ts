import type { BlacklistEntry, ProductLine, Transaction } from '../generator/index.js';
import {
  arrayLiteral, doubleLiteral, insertValuesStatement, integerLiteral, stringLiteral, structLiteral,
} from './ksql-literals.js';

/**
 * The INSERT statements that put generated rows into the two input sources of ksql/*.sql, with
 * the column types those files declare (VARCHAR, DOUBLE, INT, BIGINT).
 */
export function transactionInsert(tx: Transaction): string {
  return insertValuesStatement('TRANSACTION_STREAM', [
    ['TRANSACTION_ID', stringLiteral(tx.transaction_id)],
    ['USER_ID', stringLiteral(tx.user_id)],
    ['AMOUNT', doubleLiteral(tx.amount)],
    ['CURRENCY', stringLiteral(tx.currency)],
    ['PAYMENT_METHOD', stringLiteral(tx.payment_method)],
    ['CARD_NUMBER', stringLiteral(tx.card_number)],
    ['IP_ADDRESS', stringLiteral(tx.ip_address)],
    ['PRODUCTS', arrayLiteral(tx.products.map(productStruct))],
    // ROWTIME is left to the stream's WITH (TIMESTAMP='timestamp'); the Kafka record keeps the
    // produce time, so topic retention never deletes a backdated dataset on arrival.
    ['TIMESTAMP', integerLiteral(tx.timestamp)],
  ]);
}

function productStruct(line: ProductLine): string {
  return structLiteral([
    ['PRODUCT_ID', stringLiteral(line.product_id)],
    ['NAME', stringLiteral(line.name)],
    ['CATEGORY', stringLiteral(line.category)],
    ['QUANTITY', integerLiteral(line.quantity)],
    ['UNIT_PRICE', doubleLiteral(line.unit_price)],
  ]);
}

export function blacklistInsert(entry: BlacklistEntry): string {
  return insertValuesStatement('BLACKLIST', [
    // The table has no TIMESTAMP column, so its ROWTIME would be the produce time, later than every
    // transaction of a backdated dataset; the stream-table join orders by time and would then
    // see an empty table. Dating the record `added_at` puts it before the first transaction.
    ['ROWTIME', integerLiteral(entry.added_at)],
    ['USER_ID', stringLiteral(entry.user_id)],
    ['REASON', stringLiteral(entry.reason)],
    ['ADDED_AT', integerLiteral(entry.added_at)],
  ]);
}
