-- Why a file was rejected whole: MISSING_COLUMN, BAD_ENCODING (not UTF-8), BAD_COMPRESSION (a broken gzip file).
ALTER TABLE ingest_file ADD COLUMN reject_reason VARCHAR(20);
