-- A statement whose row changed (generated, confirmed, moved on, reopened) since its workbook was last written.
-- The change and the flag commit together; writing the workbook clears it. A process that dies between the two
-- leaves the flag set, and the next confirm, transition, monthly or nightly run rewrites the workbook.
ALTER TABLE statement ADD COLUMN workbook_stale BOOLEAN DEFAULT TRUE NOT NULL;
