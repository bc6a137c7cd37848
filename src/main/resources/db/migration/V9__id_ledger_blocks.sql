-- The id ledger, one row per file and chunk instead of one per record: the ids' 64-bit hashes, content fingerprints
-- and line numbers packed in 20-byte entries (hash, fingerprint, line; big-endian). ingested_record keeps the ids
-- ingested before this table existed; the engine reads both and writes blocks only.
CREATE TABLE ingested_id_block (
  file_id    BIGINT  NOT NULL,
  first_line BIGINT  NOT NULL,
  id_count   INTEGER NOT NULL,
  entries    BYTEA   NOT NULL,
  PRIMARY KEY (file_id, first_line)
);
