-- Sample questions for the warehouse (run with: mysql data_warehouse < sql/04_sample_queries.sql).

-- Latest snapshot version loaded per feed
SELECT feed, MAX(snapshot_version) AS latest_version, MAX(loaded_at) AS loaded_at
FROM etl_snapshot_loads
GROUP BY feed;

-- Top 10 users by total amount in the latest snapshot
SELECT f.user_id, f.transaction_count, ROUND(f.total_amount, 2) AS total_amount, f.last_currency
FROM fact_user_transaction_summary f
WHERE f.snapshot_version = (SELECT MAX(snapshot_version) FROM fact_user_transaction_summary)
ORDER BY f.total_amount DESC
LIMIT 10;

-- How a user's totals moved across snapshot versions
SELECT snapshot_version, transaction_count, ROUND(total_amount, 2) AS total_amount
FROM fact_user_transaction_summary
WHERE user_id = 'user-1'
ORDER BY snapshot_version;
