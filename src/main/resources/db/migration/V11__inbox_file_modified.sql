-- When the file was last modified as the run registered it (nanoseconds since 1970): a file whose size and time are
-- unchanged when it is archived is the file the run read; any other is checked against its SHA-256 again.
ALTER TABLE ingest_file ADD COLUMN file_modified BIGINT;
