-- Creates the two per-row derived streams of TRANSACTION_STREAM:
--   TRANSACTION_FLATTENED          one row per purchased product (EXPLODE of the products array)
--   TRANSACTION_STREAM_ANONYMIZED  card number masked but for its last 4 digits, last IP octet zeroed

-- Several EXPLODE calls on the same array are zipped: one output row per element, each
-- dereferencing a different field of the same struct.
CREATE STREAM transaction_flattened
  WITH (KAFKA_TOPIC = 'transactions_flattened', VALUE_FORMAT = 'JSON') AS
  SELECT
    transaction_id,
    user_id,
    currency,
    payment_method,
    EXPLODE(products)->product_id  AS product_id,
    EXPLODE(products)->name        AS product_name,
    EXPLODE(products)->category    AS product_category,
    EXPLODE(products)->quantity    AS quantity,
    EXPLODE(products)->unit_price  AS unit_price,
    timestamp
  FROM transaction_stream
  EMIT CHANGES;

-- MASK_KEEP_RIGHT(x, 4, 'X', 'x', '*', '-'): digits become '*', separators stay '-', so
-- 4111-1111-1111-1111 becomes ****-****-****-1111. ksqlDB string literals have no backslash
-- escapes, hence the '[0-9]+$' regex rather than '\d+$'.
-- (MD5(user_id) would be a nice pseudonymous key but exists only on CP 7.5+.)
CREATE STREAM transaction_stream_anonymized
  WITH (KAFKA_TOPIC = 'transactions_anonymized', VALUE_FORMAT = 'JSON') AS
  SELECT
    transaction_id,
    user_id,
    amount,
    currency,
    payment_method,
    MASK_KEEP_RIGHT(card_number, 4, 'X', 'x', '*', '-') AS card_number_masked,
    REGEXP_REPLACE(ip_address, '[0-9]+$', '0')         AS ip_address_masked,
    products,
    timestamp
  FROM transaction_stream
  EMIT CHANGES;
