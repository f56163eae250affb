-- Facts keep every snapshot version: (snapshot_version, natural key) is unique, and a version is
-- loaded in one transaction together with its row in etl_snapshot_loads.

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
  loaded_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
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
  loaded_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (summary_eur_id),
  UNIQUE KEY uq_fact_utse_version_user (snapshot_version, user_id),
  KEY ix_fact_utse_user (user_id),
  CONSTRAINT fk_fact_utse_user FOREIGN KEY (user_id) REFERENCES dim_users (user_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fact_payment_method_totals (
  payment_total_id    BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  payment_method      VARCHAR(32)  NOT NULL,
  transaction_count   BIGINT       NULL,
  total_amount        DOUBLE       NULL COMMENT 'mixed currencies, rounded to 2 decimals by ksqlDB',
  distinct_users      BIGINT       NULL,
  loaded_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (payment_total_id),
  UNIQUE KEY uq_fact_pmt_version_method (snapshot_version, payment_method),
  KEY ix_fact_pmt_method (payment_method),
  CONSTRAINT fk_fact_pmt_method FOREIGN KEY (payment_method) REFERENCES dim_payment_methods (payment_method) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fact_product_purchase_counts (
  product_count_id    BIGINT       NOT NULL AUTO_INCREMENT,
  snapshot_version    INT          NOT NULL,
  product_id          VARCHAR(64)  NOT NULL,
  product_name        VARCHAR(255) NULL,
  purchase_count      BIGINT       NULL,
  units_sold          INT          NULL,
  loaded_at           DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (product_count_id),
  UNIQUE KEY uq_fact_ppc_version_product (snapshot_version, product_id),
  KEY ix_fact_ppc_product (product_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per loaded (feed, snapshot version): the load's receipt, written in the load's transaction.
CREATE TABLE IF NOT EXISTS etl_snapshot_loads (
  feed             VARCHAR(64)  NOT NULL,
  snapshot_version INT          NOT NULL,
  fact_table       VARCHAR(64)  NOT NULL,
  row_count        BIGINT       NOT NULL,
  lake_checksum    CHAR(32)     NOT NULL COMMENT 'checksum of the lake version the rows came from',
  loaded_at        DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (feed, snapshot_version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
