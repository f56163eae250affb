import type { Lake } from '../../lake/lake.js';

/** A question a person would ask of the lake: turnover by currency, in SQL over the feed's view. */
export function currencySummary(lake: Lake): Promise<Record<string, unknown>[]> {
  return lake.query(
    `SELECT currency, count(*)::INT AS transactions, round(sum(amount), 2) AS amount
       FROM transaction_stream
      GROUP BY currency ORDER BY amount DESC`,
  );
}
