-- Questions the warehouse answers. By hand: mysql -u root -p data_warehouse < sql/04_sample_queries.sql
-- The `…_current` views show each fact's current version only (the one the lake serves); the
-- base tables keep every loaded version, for comparisons and trends.
USE data_warehouse;

-- Which version of each fact is current, and when each was loaded
SELECT c.fact_table, c.feed, c.snapshot_version, l.row_count, l.finished_at AS loaded_at
FROM etl_current_versions c
JOIN etl_snapshot_loads l ON l.feed = c.feed AND l.snapshot_version = c.snapshot_version AND l.status = 'loaded'
ORDER BY c.fact_table;

-- Top 10 users by total amount (current version)
SELECT f.user_id, f.transaction_count, ROUND(f.total_amount, 2) AS total_amount, ROUND(f.avg_amount, 2) AS avg_amount, f.last_currency
FROM fact_user_transaction_summary_current f
ORDER BY f.total_amount DESC, f.user_id
LIMIT 10;

-- EUR totals: the top 10 users and the grand total (current version)
SELECT f.user_id, f.transaction_count, f.total_amount_eur
FROM fact_user_transaction_summary_eur_current f
ORDER BY f.total_amount_eur DESC, f.user_id
LIMIT 10;

SELECT COUNT(*) AS users, SUM(f.transaction_count) AS transactions, ROUND(SUM(f.total_amount_eur), 2) AS total_eur
FROM fact_user_transaction_summary_eur_current f;

-- Payment method shares of transactions and of the amount (current version)
SELECT d.payment_method, f.transaction_count,
       ROUND(100 * f.transaction_count / SUM(f.transaction_count) OVER (), 1) AS pct_transactions,
       ROUND(100 * f.total_amount / SUM(f.total_amount) OVER (), 1) AS pct_amount,
       f.distinct_users
FROM fact_payment_method_totals_current f
JOIN dim_payment_methods d ON d.payment_method_id = f.payment_method_id
ORDER BY f.transaction_count DESC;

-- Top 10 products by units sold (current version)
SELECT f.product_id, f.product_name, f.purchase_count, f.units_sold
FROM fact_product_purchase_counts_current f
ORDER BY f.units_sold DESC, f.product_id
LIMIT 10;

-- Change of each measure between the two latest loaded versions, per payment method
SELECT d.payment_method, cur.snapshot_version AS version, prev.snapshot_version AS previous_version,
       cur.transaction_count - COALESCE(prev.transaction_count, 0) AS transactions_change,
       ROUND(cur.total_amount - COALESCE(prev.total_amount, 0), 2) AS amount_change,
       cur.distinct_users - COALESCE(prev.distinct_users, 0) AS users_change
FROM fact_payment_method_totals cur
JOIN dim_payment_methods d ON d.payment_method_id = cur.payment_method_id
LEFT JOIN fact_payment_method_totals prev
  ON prev.payment_method_id = cur.payment_method_id
 AND prev.snapshot_version = (SELECT MAX(snapshot_version) FROM fact_payment_method_totals WHERE snapshot_version < cur.snapshot_version)
WHERE cur.snapshot_version = (SELECT MAX(snapshot_version) FROM fact_payment_method_totals)
ORDER BY d.payment_method;

-- Change of the totals between the two latest loaded versions, for every fact
SELECT 'fact_user_transaction_summary' AS fact, snapshot_version, COUNT(*) AS rows_in_version, SUM(transaction_count) AS transactions, ROUND(SUM(total_amount), 2) AS amount,
       SUM(transaction_count) - LAG(SUM(transaction_count)) OVER (ORDER BY snapshot_version) AS transactions_change
FROM fact_user_transaction_summary
WHERE snapshot_version >= (SELECT MIN(v) FROM (SELECT DISTINCT snapshot_version AS v FROM fact_user_transaction_summary ORDER BY v DESC LIMIT 2) latest)
GROUP BY snapshot_version
UNION ALL
SELECT 'fact_product_purchase_counts', snapshot_version, COUNT(*), SUM(purchase_count), SUM(units_sold),
       SUM(purchase_count) - LAG(SUM(purchase_count)) OVER (ORDER BY snapshot_version)
FROM fact_product_purchase_counts
WHERE snapshot_version >= (SELECT MIN(v) FROM (SELECT DISTINCT snapshot_version AS v FROM fact_product_purchase_counts ORDER BY v DESC LIMIT 2) latest)
GROUP BY snapshot_version
ORDER BY 1, 2;

-- Trend of a measure across every loaded version: transactions and EUR total over all users
SELECT snapshot_version, COUNT(*) AS users, SUM(transaction_count) AS transactions, ROUND(SUM(total_amount_eur), 2) AS total_eur
FROM fact_user_transaction_summary_eur
GROUP BY snapshot_version
ORDER BY snapshot_version;
