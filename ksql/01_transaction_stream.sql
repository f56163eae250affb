-- Creates TRANSACTION_STREAM, the source stream over the raw 'transactions' topic (JSON values,
-- no key). Every other stream and table of the pipeline derives from it.
--
-- Apply the files of this folder in name order (01 → 04) to a ksqlDB 0.29 / CP 7.2+ server.
-- Over REST, send "streamsProperties": {"ksql.streams.auto.offset.reset": "earliest"} with each
-- request so the derived queries start from the beginning of the topic (SET only lasts for the
-- request that carries it).
--
-- `timestamp` is an epoch-millis BIGINT: it becomes ROWTIME through WITH (TIMESTAMP=...), and a
-- JSON TIMESTAMP column would only accept epoch millis anyway.

CREATE STREAM transaction_stream (
    transaction_id  VARCHAR,
    user_id         VARCHAR,
    amount          DOUBLE,
    currency        VARCHAR,
    payment_method  VARCHAR,
    card_number     VARCHAR,
    ip_address      VARCHAR,
    products        ARRAY<STRUCT<
                        product_id  VARCHAR,
                        name        VARCHAR,
                        category    VARCHAR,
                        quantity    INT,
                        unit_price  DOUBLE>>,
    timestamp       BIGINT
) WITH (
    KAFKA_TOPIC  = 'transactions',
    VALUE_FORMAT = 'JSON',
    PARTITIONS   = 6,
    TIMESTAMP    = 'timestamp'
);
