package io.partnersettlement.run;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Two runs of the same job never execute together, whichever process or machine starts them: a run holds its job's
 * row of {@code job_lock}, taken with one atomic update. A holder whose process died is replaced.
 */
@Component
public class JobLock {

    private final JdbcClient jdbc;

    public JobLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Holder(Long executionId, String host, long pid) {
    }

    /** Takes the job's lock for this process, or refuses naming the run that holds it. */
    public void acquire(String jobName) {
        String host = RunOwner.host();
        long pid = ProcessHandle.current().pid();
        if (take(jobName, "pid IS NULL", null, host, pid)) {
            return;
        }
        Holder holder = jdbc.sql("SELECT execution_id, host, pid FROM job_lock WHERE job_name = :job")
                .param("job", jobName)
                .query((rs, n) -> new Holder((Long) rs.getObject(1, Long.class), rs.getString(2), rs.getLong(3)))
                .optional().orElse(null);
        if (holder == null) {
            jdbc.sql("INSERT INTO job_lock (job_name) VALUES (:job)").param("job", jobName).update();
            if (take(jobName, "pid IS NULL", null, host, pid)) {
                return;
            }
            throw new EngineException("the " + jobName + " run started by another process is running now");
        }
        boolean dead = host.equals(holder.host()) && holder.pid() != pid
                && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true);
        if (dead && take(jobName, "pid = :oldPid AND host = :oldHost", holder, host, pid)) {
            return;
        }
        throw new EngineException("the " + jobName + " run" + (holder.executionId() == null ? ""
                : " (execution " + holder.executionId() + ")") + " is running now in process " + holder.pid() + " on "
                + holder.host() + "; two runs of one job never execute together");
    }

    private boolean take(String jobName, String condition, Holder old, String host, long pid) {
        var statement = jdbc.sql("UPDATE job_lock SET execution_id = NULL, host = :host, pid = :pid, acquired_at = :at "
                        + "WHERE job_name = :job AND " + condition)
                .param("host", host).param("pid", pid).param("at", Timestamp.from(Instant.now())).param("job", jobName);
        if (old != null) {
            statement = statement.param("oldPid", old.pid()).param("oldHost", old.host());
        }
        return statement.update() == 1;
    }

    /** Names the execution that holds the lock, for the refusal message of a second launch. */
    public void running(String jobName, long executionId) {
        jdbc.sql("UPDATE job_lock SET execution_id = :id WHERE job_name = :job AND pid = :pid")
                .param("id", executionId).param("job", jobName).param("pid", ProcessHandle.current().pid()).update();
    }

    public void release(String jobName) {
        jdbc.sql("UPDATE job_lock SET execution_id = NULL, host = NULL, pid = NULL, acquired_at = NULL "
                        + "WHERE job_name = :job AND pid = :pid")
                .param("job", jobName).param("pid", ProcessHandle.current().pid()).update();
    }
}
