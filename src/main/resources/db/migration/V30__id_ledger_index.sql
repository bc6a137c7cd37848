-- The id ledger's lookup index: one row per record id ever ingested, keyed by the id's 64-bit hash, so a night's ids
-- are checked by probing the database block by block instead of loading every id ever ingested into memory.
-- ingested_id_block stays the per-file record of what a chunk stored (what a taken-back or abandoned file removes);
-- a block is in the index once `indexed` is true, written in the chunk's transaction with its rows. Blocks stored
-- before this table existed, and the ids of ingested_record, are indexed by the next nightly run before it checks.
CREATE TABLE id_ledger (
  id_hash     BIGINT  NOT NULL PRIMARY KEY,
  fingerprint BIGINT  NOT NULL,
  file_id     BIGINT  NOT NULL,
  line_number INTEGER NOT NULL
);

-- A second id with a hash already in id_ledger (two distinct ids, one 64-bit hash: about one in 10^11 pairs), kept
-- beside it; probed with it.
CREATE TABLE id_ledger_shared_hash (
  id_hash     BIGINT  NOT NULL,
  fingerprint BIGINT  NOT NULL,
  file_id     BIGINT  NOT NULL,
  line_number INTEGER NOT NULL,
  PRIMARY KEY (id_hash, file_id, line_number)
);

ALTER TABLE ingested_id_block ADD COLUMN indexed BOOLEAN DEFAULT FALSE NOT NULL;
