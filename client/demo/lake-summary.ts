import type { Lake } from '../../lake/index.js';

/** A question a person would ask of the lake: turnover by currency, in SQL over the feed's view. */
export function currencySummary(lake: Lake, feedId: string): Promise<Record<string, unknown>[]> {
  // Feed ids are checked against a strict identifier pattern when the registry loads.
  return lake.query(
    `SELECT currency, count(*)::INT AS transactions, round(sum(amount), 2) AS amount
       FROM ${feedId}
      GROUP BY currency ORDER BY amount DESC`,
  );
}
