import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../../generator/index.js';
import {
  arrayLiteral, doubleLiteral, identifier, insertValuesStatement, integerLiteral, KsqlLiteralError, stringLiteral,
  structLiteral,
} from '../../../ksqlsetup/ksql-literals.js';
import { blacklistInsert, transactionInsert } from '../../../ksqlsetup/seed-statements.js';

describe('stringLiteral', () => {
  it('doubles single quotes and nothing else', () => {
    expect(stringLiteral("O'Brien's")).toBe("'O''Brien''s'");
    expect(stringLiteral('')).toBe("''");
    // ksqlDB has no backslash escapes: a backslash stays one character.
    expect(stringLiteral('C:\\temp\\n')).toBe("'C:\\temp\\n'");
    expect(stringLiteral('café; -- not a comment')).toBe("'café; -- not a comment'");
  });
});

describe('doubleLiteral', () => {
  it('always carries an exponent, so ksqlDB reads DOUBLE rather than DECIMAL or INTEGER', () => {
    expect(doubleLiteral(12.5)).toBe('12.5E0');
    expect(doubleLiteral(100)).toBe('100E0');
    expect(doubleLiteral(-3.25)).toBe('-3.25E0');
    expect(doubleLiteral(0)).toBe('0E0');
    expect(doubleLiteral(-0)).toBe('0E0');
    expect(doubleLiteral(1e21)).toBe('1E21');
    expect(doubleLiteral(1.5e-7)).toBe('1.5E-7');
  });

  it('reads back as the same double', () => {
    for (const value of [0.1, 0.3, 1 / 3, 1234567.89, 5e-324, Number.MAX_VALUE, -98765.4321]) {
      expect(Number(doubleLiteral(value))).toBe(value);
    }
  });

  it('refuses values that have no literal', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => doubleLiteral(value)).toThrow(KsqlLiteralError);
    }
  });
});

describe('integerLiteral', () => {
  it('renders safe integers, BIGINT epoch millis included', () => {
    expect(integerLiteral(1714557600000)).toBe('1714557600000');
    expect(integerLiteral(-7)).toBe('-7');
  });

  it('refuses fractions and integers a double cannot hold exactly', () => {
    expect(() => integerLiteral(1.5)).toThrow(KsqlLiteralError);
    expect(() => integerLiteral(2 ** 53)).toThrow(KsqlLiteralError);
  });
});

describe('constructors and statements', () => {
  it('builds ARRAY[STRUCT(F := v)] and INSERT INTO … VALUES', () => {
    const struct = structLiteral([['PRODUCT_ID', stringLiteral('p-1')], ['QUANTITY', integerLiteral(2)]]);
    expect(struct).toBe("STRUCT(PRODUCT_ID := 'p-1', QUANTITY := 2)");
    expect(arrayLiteral([struct, struct])).toBe(`ARRAY[${struct}, ${struct}]`);
    expect(arrayLiteral([])).toBe('ARRAY[]');
    expect(insertValuesStatement('T', [['A', "'x'"], ['B', '1E0']])).toBe("INSERT INTO T (A, B) VALUES ('x', 1E0);");
  });

  it('refuses identifiers that would need back-quotes, and empty column lists', () => {
    expect(identifier('user_id')).toBe('user_id');
    for (const bad of ['user-id', '`X`', '1abc', 'a b', '']) expect(() => identifier(bad)).toThrow(KsqlLiteralError);
    expect(() => insertValuesStatement('T', [])).toThrow(KsqlLiteralError);
  });
});

describe('seed statements', () => {
  const tx: Transaction = {
    transaction_id: 'tx-000042',
    user_id: 'user-7',
    amount: 30,
    currency: 'EUR',
    payment_method: 'PAYPAL',
    card_number: '4111-1111-1111-1234',
    ip_address: '10.0.0.42',
    products: [
      { product_id: 'p-001', name: "Children's Book", category: 'Books', quantity: 2, unit_price: 12.5 },
      { product_id: 'p-002', name: 'Pen', category: 'Office', quantity: 1, unit_price: 5 },
    ],
    timestamp: 1795996800000,
  };

  it('renders a transaction with the column types of ksql/01_transaction_stream.sql', () => {
    expect(transactionInsert(tx)).toBe(
      'INSERT INTO TRANSACTION_STREAM (TRANSACTION_ID, USER_ID, AMOUNT, CURRENCY, PAYMENT_METHOD, CARD_NUMBER, ' +
      "IP_ADDRESS, PRODUCTS, TIMESTAMP) VALUES ('tx-000042', 'user-7', 30E0, 'EUR', 'PAYPAL', '4111-1111-1111-1234', " +
      "'10.0.0.42', ARRAY[STRUCT(PRODUCT_ID := 'p-001', NAME := 'Children''s Book', CATEGORY := 'Books', QUANTITY := 2, " +
      "UNIT_PRICE := 12.5E0), STRUCT(PRODUCT_ID := 'p-002', NAME := 'Pen', CATEGORY := 'Office', QUANTITY := 1, " +
      'UNIT_PRICE := 5E0)], 1795996800000);',
    );
  });

  it('dates a blacklist row by its added_at through ROWTIME', () => {
    expect(blacklistInsert({ user_id: 'user-13', reason: "owner's card stolen", added_at: 1795900000000 })).toBe(
      "INSERT INTO BLACKLIST (ROWTIME, USER_ID, REASON, ADDED_AT) VALUES (1795900000000, 'user-13', 'owner''s card stolen', 1795900000000);",
    );
  });
});
