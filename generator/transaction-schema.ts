import { z } from 'zod';

/**
 * One generated transaction, shaped exactly like the JSON value of the `transactions` topic that
 * `ksql/01_transaction_stream.sql` declares (lower-case field names; ksqlDB matches them
 * case-insensitively).
 */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY'] as const;
export const PAYMENT_METHODS = ['CREDIT_CARD', 'DEBIT_CARD', 'PAYPAL', 'BANK_TRANSFER', 'APPLE_PAY'] as const;

const twoDecimals = z
  .number()
  .nonnegative()
  .refine((value) => Math.round(value * 100) / 100 === value, 'must have at most 2 decimals');

export const productLineSchema = z.object({
  /** catalog id, e.g. `p-007` */
  product_id: z.string().regex(/^p-\d{3}$/),
  name: z.string().min(1),
  category: z.string().min(1),
  /** INT in the DDL */
  quantity: z.number().int().min(1),
  unit_price: twoDecimals,
});

export const transactionSchema = z
  .object({
    /** `tx-000001`, numbered in time order across the whole dataset */
    transaction_id: z.string().regex(/^tx-\d{6,}$/),
    /** `user-17` */
    user_id: z.string().regex(/^user-\d+$/),
    /** sum of quantity × unit_price, rounded to cents */
    amount: twoDecimals,
    currency: z.enum(CURRENCIES),
    payment_method: z.enum(PAYMENT_METHODS),
    /** `4111-1111-1111-1234` style: four groups of four digits */
    card_number: z.string().regex(/^\d{4}-\d{4}-\d{4}-\d{4}$/),
    ip_address: z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/),
    products: z.array(productLineSchema).min(1).max(4),
    /** epoch milliseconds; the stream's ROWTIME */
    timestamp: z.number().int().nonnegative(),
  })
  .refine(
    (tx) => tx.amount === centsToAmount(tx.products.reduce((sum, p) => sum + p.quantity * amountToCents(p.unit_price), 0)),
    { message: 'amount must equal the sum of quantity × unit_price', path: ['amount'] },
  );

export type Transaction = z.infer<typeof transactionSchema>;
export type ProductLine = z.infer<typeof productLineSchema>;

/** One row of the `blacklist` topic (`ksql/03_blacklist.sql`), keyed by user_id. */
export const blacklistEntrySchema = z.object({
  user_id: z.string().regex(/^user-\d+$/),
  reason: z.string().min(1),
  /** epoch milliseconds */
  added_at: z.number().int().nonnegative(),
});

export type BlacklistEntry = z.infer<typeof blacklistEntrySchema>;

// Money is summed in integer cents so `amount` is exactly the double nearest to its 2-decimal value.
export function amountToCents(amount: number): number {
  return Math.round(amount * 100);
}

export function centsToAmount(cents: number): number {
  return cents / 100;
}
