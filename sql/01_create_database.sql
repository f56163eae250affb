-- The warehouse database. `ksql-etl warehouse init` applies the NN_create_*.sql files in name order
-- and substitutes the database named in MYSQL_URL for `data_warehouse`; run by hand (or as MySQL
-- init scripts) they create `data_warehouse`. Valid on MySQL 8 and MariaDB 10.11.
CREATE DATABASE IF NOT EXISTS data_warehouse CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
