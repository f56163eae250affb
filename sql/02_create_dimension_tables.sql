-- Dimensions, filled from each snapshot's distinct keys in the same transaction as its facts, so a
-- fact can never point at a missing dimension row.

CREATE TABLE IF NOT EXISTS dim_users (
  user_id            VARCHAR(64)  NOT NULL,
  first_seen_version INT          NOT NULL COMMENT 'first snapshot version that mentioned the user',
  last_seen_version  INT          NOT NULL COMMENT 'latest snapshot version that mentioned the user',
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS dim_payment_methods (
  payment_method     VARCHAR(32)  NOT NULL COMMENT 'natural key, as ksqlDB sends it (CREDIT_CARD, PAYPAL, ...)',
  first_seen_version INT          NOT NULL,
  last_seen_version  INT          NOT NULL,
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (payment_method)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
