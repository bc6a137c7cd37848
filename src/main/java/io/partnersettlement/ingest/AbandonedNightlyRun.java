package io.partnersettlement.ingest;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnersettlement.performance.RefreshStates;
import io.partnersettlement.run.AbandonedRunCleanup;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.workspace.EngineSettings;
import io.partnersettlement.workspace.Workspace;

/**
 * An abandoned nightly run's files, not yet settled, are still in the inbox: what the run took from them (records,
 * repeats, rejected lines, record ids, file rows) is removed, so the next run takes each file whole and counts it once.
 * A run that has settled a file (archived it, or set it aside) cannot be undone this way: it is restarted instead.
 */
@Component
class AbandonedNightlyRun implements AbandonedRunCleanup {

    private static final List<String> PER_FILE_TABLES = List.of("consumption_fact", "repeat_tally", "rejected_line",
            "ingest_file_period");

    private final JdbcClient jdbc;
    private final JdbcTemplate ids;
    private final InboxFiles files;
    private final Workspace workspace;

    AbandonedNightlyRun(JdbcClient jdbc, JdbcTemplate ids, InboxFiles files,
            EngineSettings settings) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.files = files;
        this.workspace = settings.workspaceFolders();
    }

    @Override
    public String jobName() {
        return NightlyJobConfiguration.NIGHTLY_JOB;
    }

    @Override
    public String undo(long jobInstanceId) {
        List<InboxFiles.InboxFile> registered = files.ofJobInstance(jobInstanceId);
        for (InboxFiles.InboxFile file : registered) {
            // a file taken back because it changed (or disappeared) has nothing of it counted: nothing to undo
            boolean unsettled = "REGISTERED".equals(file.status()) || "REJECTED".equals(file.status());
            boolean inInbox = Files.exists(workspace.inbox().resolve(file.fileName()), LinkOption.NOFOLLOW_LINKS);
            if (!"CHANGED".equals(file.status()) && (!unsettled || !inInbox)) {
                throw new EngineException("the run already settled inbox/" + file.fileName() + " (" + file.status()
                        + "): it cannot be abandoned; resume it with ./run.sh restart");
            }
        }
        long records = 0;
        long rejected = 0;
        for (InboxFiles.InboxFile file : registered) {
            records += jdbc.sql("SELECT COALESCE(SUM(record_count), 0) FROM consumption_fact WHERE file_id = :id")
                    .param("id", file.fileId()).query(Long.class).single();
            rejected += jdbc.sql("SELECT COUNT(*) FROM rejected_line WHERE file_id = :id")
                    .param("id", file.fileId()).query(Long.class).single();
            IdLedger.removeFile(ids, file.fileId());
            // its periods' aggregates are rebuilt whole by their next refresh
            RefreshStates.forgetPeriodsOf(ids, file.fileId());
            for (String table : PER_FILE_TABLES) {
                jdbc.sql("DELETE FROM " + table + " WHERE file_id = :id").param("id", file.fileId()).update();
            }
            jdbc.sql("DELETE FROM ingest_file WHERE file_id = :id").param("id", file.fileId()).update();
        }
        return registered.size() + " unsettled file(s) left in the inbox for the next run, " + records
                + " record(s) and " + rejected + " rejected line(s) of theirs removed";
    }
}
