-- The rejects file of each inbox file, chosen when the file is registered: <file name>.rejects.csv, or
-- <file name>.<file id>.rejects.csv when an earlier file already has that name (a file delivered again under the same
-- name), so no rejects file is ever overwritten. Files registered before keep the names they were given.
ALTER TABLE ingest_file ADD COLUMN rejects_file VARCHAR(300);
UPDATE ingest_file SET rejects_file = CASE
    WHEN file_name LIKE '%.csv.gz' THEN SUBSTRING(file_name FROM 1 FOR CHAR_LENGTH(file_name) - 7) || '.rejects.csv'
    WHEN file_name LIKE '%.csv' THEN SUBSTRING(file_name FROM 1 FOR CHAR_LENGTH(file_name) - 4) || '.rejects.csv'
    ELSE file_name || '.rejects.csv' END;

-- A symbolic link, a directory or a pipe in the inbox is set aside without being read: it has no checksum.
ALTER TABLE ingest_file ALTER COLUMN file_sha256 DROP NOT NULL;

-- Physical lines of the file (line ends, and a last line without one) counted when it was registered, and the
-- physical lines the ingest read: the per-file tie-out compares them.
ALTER TABLE ingest_file ADD COLUMN physical_lines BIGINT;
ALTER TABLE ingest_file ADD COLUMN physical_lines_read BIGINT DEFAULT 0 NOT NULL;
