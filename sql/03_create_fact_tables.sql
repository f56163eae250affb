-- Facts keep every snapshot version: (snapshot_version, natural key) is unique, and that unique key
-- is also the index on snapshot_version (its leftmost column), so a version is found, verified and
-- pruned without a scan. Each foreign key has an index of its own. A version is loaded in one
-- transaction together with its `loaded` row in etl_snapshot_loads.
-- Column types follow the lake's Parquet columns (ksqlDB BIGINT → BIGINT, INTEGER → INT,
-- DOUBLE → DOUBLE, STRING → VARCHAR); a test compares the two.
USE data_warehouse;

CREATE TABLE IF NOT EXISTS fact_user_transaction_summary (
  summary_id          BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  user_id             VARCHAR(64)  NOT NULL,
  transaction_count   BIGINT       NULL,
  total_amount        DOUBLE       NULL,
  avg_amount          DOUBLE       NULL,
  max_amount          DOUBLE       NULL,
  last_currency       VARCHAR(8)   NULL,
  last_transaction_ts BIGINT       NULL COMMENT 'epoch milliseconds of the latest transaction',
  PRIMARY KEY (summary_id),
  UNIQUE KEY uq_fact_uts_version_user (snapshot_version, user_id),
  KEY ix_fact_uts_user (user_id),
  CONSTRAINT fk_fact_uts_user FOREIGN KEY (user_id) REFERENCES dim_users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fact_user_transaction_summary_eur (
  summary_eur_id      BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  user_id             VARCHAR(64)  NOT NULL,
  transaction_count   BIGINT       NULL,
  total_amount_eur    DOUBLE       NULL COMMENT 'rounded to 2 decimals by ksqlDB',
  PRIMARY KEY (summary_eur_id),
  UNIQUE KEY uq_fact_utse_version_user (snapshot_version, user_id),
  KEY ix_fact_utse_user (user_id),
  CONSTRAINT fk_fact_utse_user FOREIGN KEY (user_id) REFERENCES dim_users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The lake's payment_method name becomes dim_payment_methods.payment_method_id during the load.
CREATE TABLE IF NOT EXISTS fact_payment_method_totals (
  payment_total_id    BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  payment_method_id   INT          NOT NULL,
  transaction_count   BIGINT       NULL,
  total_amount        DOUBLE       NULL COMMENT 'mixed currencies, rounded to 2 decimals by ksqlDB',
  distinct_users      BIGINT       NULL,
  PRIMARY KEY (payment_total_id),
  UNIQUE KEY uq_fact_pmt_version_method (snapshot_version, payment_method_id),
  KEY ix_fact_pmt_method (payment_method_id),
  CONSTRAINT fk_fact_pmt_method FOREIGN KEY (payment_method_id) REFERENCES dim_payment_methods (payment_method_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fact_product_purchase_counts (
  product_count_id    BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  product_id          VARCHAR(64)  NOT NULL,
  product_name        VARCHAR(255) NULL,
  purchase_count      BIGINT       NULL,
  units_sold          INT          NULL,
  PRIMARY KEY (product_count_id),
  UNIQUE KEY uq_fact_ppc_version_product (snapshot_version, product_id),
  KEY ix_fact_ppc_product (product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every load attempt: `loaded` rows are written in the load's transaction and are the receipt that
-- makes loading the version again a no-op (at most one per feed and version: receipt_key is NULL
-- for the other statuses, and NULLs never collide in a unique key); `failed` rows are written after
-- the rollback, with the error (passwords masked); prune turns `loaded` into `pruned`.
CREATE TABLE IF NOT EXISTS etl_snapshot_loads (
  load_id          BIGINT       NOT NULL AUTO_INCREMENT,
  feed             VARCHAR(64)  NOT NULL,
  snapshot_version INT          NOT NULL,
  fact_table       VARCHAR(64)  NOT NULL,
  status           ENUM('loaded', 'failed', 'pruned') NOT NULL,
  row_count        BIGINT       NULL,
  lake_checksum    VARCHAR(64)  NULL COMMENT 'checksum of the lake version the rows came from',
  started_at       DATETIME(3)  NOT NULL,
  finished_at      DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  error            TEXT         NULL,
  receipt_key      TINYINT      AS (IF(status = 'loaded', 1, NULL)) STORED,
  PRIMARY KEY (load_id),
  UNIQUE KEY uq_etl_loads_receipt (feed, snapshot_version, receipt_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The version of each fact that is current: moved forward by each load (in its transaction) and
-- set back by a lake rollback. The `_current` views below show that version only.
CREATE TABLE IF NOT EXISTS etl_current_versions (
  fact_table       VARCHAR(64)  NOT NULL,
  feed             VARCHAR(64)  NOT NULL,
  snapshot_version INT          NOT NULL,
  updated_at       DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (fact_table)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE OR REPLACE VIEW fact_user_transaction_summary_current AS
  SELECT f.* FROM fact_user_transaction_summary f
  JOIN etl_current_versions c ON c.fact_table = 'fact_user_transaction_summary' AND c.snapshot_version = f.snapshot_version;

CREATE OR REPLACE VIEW fact_user_transaction_summary_eur_current AS
  SELECT f.* FROM fact_user_transaction_summary_eur f
  JOIN etl_current_versions c ON c.fact_table = 'fact_user_transaction_summary_eur' AND c.snapshot_version = f.snapshot_version;

CREATE OR REPLACE VIEW fact_payment_method_totals_current AS
  SELECT f.* FROM fact_payment_method_totals f
  JOIN etl_current_versions c ON c.fact_table = 'fact_payment_method_totals' AND c.snapshot_version = f.snapshot_version;

CREATE OR REPLACE VIEW fact_product_purchase_counts_current AS
  SELECT f.* FROM fact_product_purchase_counts f
  JOIN etl_current_versions c ON c.fact_table = 'fact_product_purchase_counts' AND c.snapshot_version = f.snapshot_version;
