package io.partnersettlement.run;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records which process runs each job execution, so that an execution left "running" by a process that died can be
 * told from one that is really running.
 */
@Component
public class RunOwner implements JobExecutionListener {

    private final JdbcClient jdbc;

    public RunOwner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        jdbc.sql("""
                INSERT INTO run_owner (job_execution_id, host, pid, started_at) VALUES (:id, :host, :pid, :at)""")
                .param("id", jobExecution.getId())
                .param("host", host())
                .param("pid", ProcessHandle.current().pid())
                .param("at", Timestamp.from(Instant.now()))
                .update();
        jdbc.sql("UPDATE job_lock SET execution_id = :id WHERE job_name = :job AND pid = :pid")
                .param("id", jobExecution.getId())
                .param("job", jobExecution.getJobInstance().getJobName())
                .param("pid", ProcessHandle.current().pid())
                .update();
    }

    /** The job's steps are done; its completion is not recorded yet. */
    @Override
    public void afterJob(JobExecution jobExecution) {
        CrashPoints.reach("job.finishing");
    }

    /** True when the process that ran the execution is gone (or ran on another host and cannot be checked: false). */
    public boolean ownerIsGone(long jobExecutionId) {
        var owner = jdbc.sql("SELECT host, pid FROM run_owner WHERE job_execution_id = :id")
                .param("id", jobExecutionId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
                .optional();
        if (owner.isEmpty()) {
            return true;
        }
        if (!host().equals(owner.get()[0])) {
            return false;
        }
        long pid = (Long) owner.get()[1];
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
