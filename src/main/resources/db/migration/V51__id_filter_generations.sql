-- Each indexing of the id ledger is a generation, with a random token: a block records the generation that indexed
-- it. A process's filter of the ledger's hashes (a file in the workspace) knows the generation and token it covers,
-- adds the blocks of later generations, and is built again when its generation is not the database's (another
-- database, or one restored from a backup).
CREATE TABLE id_index_generation (
  generation BIGINT NOT NULL PRIMARY KEY,
  token      BIGINT NOT NULL
);

ALTER TABLE ingested_id_block ADD COLUMN indexed_generation BIGINT;

CREATE INDEX ingested_id_block_generation ON ingested_id_block (indexed_generation);
