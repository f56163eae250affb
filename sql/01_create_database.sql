-- The warehouse database. By hand, in order (as the quickstart shows):
--   mysql -u root -p < sql/01_create_database.sql
--   mysql -u root -p < sql/02_create_dimension_tables.sql
--   mysql -u root -p < sql/03_create_fact_tables.sql
--   mysql -u root -p data_warehouse < sql/04_sample_queries.sql
-- `ksql-etl warehouse init` applies 01–03 to the database named in MYSQL_URL instead: it reads the
-- files statement by statement, creates the URL's database with this statement's options, skips
-- every `USE`, and runs the rest on a connection whose default database is the URL's. The text of
-- these files is never rewritten. Every statement is idempotent. Valid on MySQL 8 and MariaDB 10.11.
CREATE DATABASE IF NOT EXISTS data_warehouse CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
