-- One lock for the whole ledger: every command that writes it (or reads it whole, as a dry run) holds this single row
-- for as long as it works. The holder is a node (node id, host name, process id); its lease is renewed by a heartbeat,
-- and a holder whose lease ended (by the database's clock) is dead wherever it ran: any node may take the row over.
CREATE TABLE ledger_lock (
  lock_id      INTEGER      NOT NULL PRIMARY KEY,
  token        VARCHAR(36),
  node_id      VARCHAR(200),
  host         VARCHAR(255),
  pid          BIGINT,
  command      VARCHAR(500),
  execution_id BIGINT,
  acquired_at  TIMESTAMP WITH TIME ZONE,
  lease_until  TIMESTAMP WITH TIME ZONE
);
INSERT INTO ledger_lock (lock_id) VALUES (1);

-- A job execution is owned by a node under a lease too: an execution left STARTED whose lease ended is dead.
ALTER TABLE run_owner ADD COLUMN node_id VARCHAR(200);
ALTER TABLE run_owner ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;

-- replaced by ledger_lock
DROP TABLE job_lock;
