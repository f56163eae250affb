-- Creates the four aggregate tables (CTAS, materialized, pull-queryable):
--   USER_TRANSACTION_SUMMARY      per-user count, total, average, max, last currency and time
--   USER_TRANSACTION_SUMMARY_EUR  per-user count and total in EUR (EUR/USD/GBP/CHF rows only)
--   PAYMENT_METHOD_TOTALS         per-payment-method count, rounded total, distinct users
--   PRODUCT_PURCHASE_COUNTS       per-product purchases and units, from the flattened stream
-- Each GROUP BY column becomes the table's PRIMARY KEY and must be projected.

CREATE TABLE user_transaction_summary
  WITH (KAFKA_TOPIC = 'user_transaction_summary', VALUE_FORMAT = 'JSON') AS
  SELECT
    user_id,
    COUNT(*)                     AS transaction_count,
    SUM(amount)                  AS total_amount,
    AVG(amount)                  AS avg_amount,
    MAX(amount)                  AS max_amount,
    LATEST_BY_OFFSET(currency)   AS last_currency,
    LATEST_BY_OFFSET(timestamp)  AS last_transaction_ts
  FROM transaction_stream
  GROUP BY user_id
  EMIT CHANGES;

-- Fixed illustrative rates. Only the searched CASE form works at runtime (a simple
-- `CASE currency WHEN ...` parses but is rejected). JPY rows are filtered out by the WHERE.
CREATE TABLE user_transaction_summary_eur
  WITH (KAFKA_TOPIC = 'user_transaction_summary_eur', VALUE_FORMAT = 'JSON') AS
  SELECT
    user_id,
    COUNT(*) AS transaction_count,
    ROUND(SUM(CASE
                WHEN currency = 'USD' THEN amount * 0.92
                WHEN currency = 'GBP' THEN amount * 1.17
                WHEN currency = 'CHF' THEN amount * 1.04
                ELSE amount
              END), 2) AS total_amount_eur
  FROM transaction_stream
  WHERE currency IN ('EUR', 'USD', 'GBP', 'CHF')
  GROUP BY user_id
  EMIT CHANGES;

-- Amounts are summed across currencies as they are; COUNT_DISTINCT is approximate (HyperLogLog).
CREATE TABLE payment_method_totals
  WITH (KAFKA_TOPIC = 'payment_method_totals', VALUE_FORMAT = 'JSON') AS
  SELECT
    payment_method,
    COUNT(*)                 AS transaction_count,
    ROUND(SUM(amount), 2)    AS total_amount,
    COUNT_DISTINCT(user_id)  AS distinct_users
  FROM transaction_stream
  GROUP BY payment_method
  EMIT CHANGES;

-- A table function cannot share a query with an aggregation, hence the flattened stream in between.
-- SUM of an INT column stays INTEGER.
CREATE TABLE product_purchase_counts
  WITH (KAFKA_TOPIC = 'product_purchase_counts', VALUE_FORMAT = 'JSON') AS
  SELECT
    product_id,
    LATEST_BY_OFFSET(product_name) AS product_name,
    COUNT(*)                       AS purchase_count,
    SUM(quantity)                  AS units_sold
  FROM transaction_flattened
  GROUP BY product_id
  EMIT CHANGES;
