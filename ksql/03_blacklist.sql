-- Creates the BLACKLIST table (users to watch, keyed by user_id) and
-- TRANSACTION_STREAM_BLACKLISTED, the transactions of those users (stream-table inner join).
--
-- BLACKLIST is a plain CREATE TABLE: joinable and listed by SHOW TABLES, but NOT pull-queryable
-- (ksqlDB answers "The `BLACKLIST` table isn't queryable..."). Its topic must have as many
-- partitions as 'transactions' (co-partitioning); PARTITIONS only creates it if missing.

CREATE TABLE blacklist (
    user_id   VARCHAR PRIMARY KEY,
    reason    VARCHAR,
    added_at  BIGINT
) WITH (KAFKA_TOPIC = 'blacklist', VALUE_FORMAT = 'JSON', PARTITIONS = 6);

-- Joining on a non-key stream column makes ksqlDB repartition the stream by user_id; the join
-- column must be projected and becomes the output key (USER_ID comes first in SELECT *).
CREATE STREAM transaction_stream_blacklisted
  WITH (KAFKA_TOPIC = 'transactions_blacklisted', VALUE_FORMAT = 'JSON') AS
  SELECT
    t.user_id         AS user_id,
    t.transaction_id  AS transaction_id,
    t.amount          AS amount,
    t.currency        AS currency,
    t.payment_method  AS payment_method,
    t.ip_address      AS ip_address,
    b.reason          AS blacklist_reason,
    t.timestamp       AS timestamp
  FROM transaction_stream t
  INNER JOIN blacklist b ON t.user_id = b.user_id
  EMIT CHANGES;
