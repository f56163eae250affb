-- Dimensions. A load adds the members its snapshot mentions that are new, in the same transaction
-- as its facts, so a fact never points at a missing member. Members stay while a fact refers to
-- them (`ksql-etl warehouse prune` removes the others).
USE data_warehouse;

CREATE TABLE IF NOT EXISTS dim_users (
  user_id            VARCHAR(64)  NOT NULL COMMENT 'natural key, as ksqlDB sends it',
  first_seen_version INT          NOT NULL COMMENT 'snapshot version that added the user',
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A surrogate key: facts carry the small integer, the name is stored once.
CREATE TABLE IF NOT EXISTS dim_payment_methods (
  payment_method_id  INT          NOT NULL AUTO_INCREMENT,
  payment_method     VARCHAR(32)  NOT NULL COMMENT 'natural key, as ksqlDB sends it (CREDIT_CARD, PAYPAL, ...)',
  first_seen_version INT          NOT NULL,
  created_at         DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (payment_method_id),
  UNIQUE KEY uq_dim_payment_methods_name (payment_method)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
