-- What a period's performance aggregates are a full rebuild of, written by the nightly refresh once all its partitions
-- completed: the digest of the classification inputs (bill types, stored-value card services, associations, account
-- managers, period closes), the period's files (their number and the sum of a 64-bit mix of their ids, from
-- ingest_file_period) and its records per file ("file:records …"). A night whose earlier files and inputs match only
-- adds its own files' rows; no row, or a mismatch, and the night rebuilds the period whole.
CREATE TABLE performance_refresh_state (
  period            CHAR(7) NOT NULL PRIMARY KEY,
  classifier_digest BIGINT  NOT NULL,
  file_count        BIGINT  NOT NULL,
  file_digest       BIGINT  NOT NULL,
  records_by_file   TEXT    NOT NULL
);
