-- A partition taken by a worker process is held under a lease its heartbeat renews: a partition whose lease ended
-- (by the database's clock) lost its worker, and the manager fails it instead of waiting for it.
CREATE TABLE partition_lease (
  step_execution_id BIGINT       NOT NULL PRIMARY KEY,
  job_execution_id  BIGINT       NOT NULL,
  node_id           VARCHAR(200) NOT NULL,
  host              VARCHAR(255),
  pid               BIGINT,
  taken_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  lease_until       TIMESTAMP WITH TIME ZONE NOT NULL
);
