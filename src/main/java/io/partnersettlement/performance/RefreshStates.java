package io.partnersettlement.performance;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each period's performance aggregates are a full rebuild of ({@code performance_refresh_state}): the digest of
 * the classification inputs, the period's files and its records per file. Written by the nightly refresh's manager
 * once every partition has completed, one statement a period; deleted by whatever changes the aggregates or a period's
 * consumption otherwise, so that the next night rebuilds the period whole.
 */
@Component
public class RefreshStates {

    /** A period's aggregates are exactly a full rebuild over {@code files} classified with inputs of that digest. */
    public record State(String period, long classifierDigest, FileSet files, String recordsByFile) {
    }

    private final JdbcTemplate jdbc;

    public RefreshStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> find(String period) {
        return jdbc.query("""
                SELECT classifier_digest, file_count, file_digest, records_by_file
                  FROM performance_refresh_state WHERE period = ?""", (rs, n) -> new State(period, rs.getLong(1),
                new FileSet(rs.getLong(2), rs.getLong(3)), rs.getString(4)), period).stream().findFirst();
    }

    /** Replaces the period's state, in one statement: a crash leaves the old state or the new, never a mix. */
    public void save(State state) {
        int updated = jdbc.update("""
                UPDATE performance_refresh_state SET classifier_digest = ?, file_count = ?, file_digest = ?,
                       records_by_file = ?
                 WHERE period = ?""", state.classifierDigest(), state.files().count(), state.files().digest(),
                state.recordsByFile(), state.period());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO performance_refresh_state (classifier_digest, file_count, file_digest, records_by_file,
                                                           period)
                    VALUES (?, ?, ?, ?, ?)""", state.classifierDigest(), state.files().count(),
                    state.files().digest(), state.recordsByFile(), state.period());
        }
    }

    /**
     * The period's state after every partition of its nightly refresh completed (each partition's execution context):
     * when they all classified with the same inputs and left their rows a rebuild over the same files, which are the
     * period's files now, the state says so; otherwise (a restart after another run refreshed the period, say) there
     * is none. One statement either way.
     */
    public void record(String period, List<ExecutionContext> partitions) {
        Set<Long> digests = new HashSet<>();
        Set<String> files = new HashSet<>();
        String records = null;
        for (ExecutionContext partition : partitions) {
            if (!partition.containsKey(PerformanceRefreshPartition.FILES)) {
                forget(period);
                return;
            }
            digests.add(partition.getLong(PerformanceRefreshPartition.CLASSIFIER_DIGEST));
            files.add(partition.getString(PerformanceRefreshPartition.FILES));
            if (partition.containsKey(PerformanceRefreshPartition.RECORDS_BY_FILE)) {
                records = partition.getString(PerformanceRefreshPartition.RECORDS_BY_FILE);
            }
        }
        if (records == null || digests.size() != 1 || files.size() != 1
                || !FileSet.parse(files.iterator().next()).equals(files(period))) {
            forget(period);
            return;
        }
        save(new State(period, digests.iterator().next(), FileSet.parse(files.iterator().next()), records));
    }

    /** The period's next refresh rebuilds it whole. */
    public void forget(String period) {
        jdbc.update("DELETE FROM performance_refresh_state WHERE period = ?", period);
    }

    /**
     * The periods a file brought anything to rebuild whole next time: called before its records go (a file taken
     * back or an abandoned run's), so that no state counts records that are no longer there.
     */
    public static void forgetPeriodsOf(JdbcTemplate jdbc, long fileId) {
        jdbc.update("""
                DELETE FROM performance_refresh_state
                 WHERE period IN (SELECT period FROM ingest_file_period WHERE file_id = ?)""", fileId);
    }

    /** The files that brought the period anything (records, repeats, rejected lines), as ingested now. */
    public FileSet files(String period) {
        return FileSet.of(jdbc.queryForList("SELECT file_id FROM ingest_file_period WHERE period = ?", Long.class,
                period));
    }

    /** The period's files that a nightly job instance did not bring. */
    FileSet filesBefore(String period, long jobInstanceId) {
        return FileSet.of(jdbc.queryForList("""
                SELECT p.file_id FROM ingest_file_period p
                 WHERE p.period = ?
                   AND p.file_id NOT IN (SELECT i.file_id FROM ingest_file i WHERE i.job_instance_id = ?)""",
                Long.class, period, jobInstanceId));
    }

    /** The period's files that a nightly job instance brought, in ingestion order. */
    List<Long> filesOf(String period, long jobInstanceId) {
        return jdbc.queryForList("""
                SELECT p.file_id FROM ingest_file_period p JOIN ingest_file i ON i.file_id = p.file_id
                 WHERE p.period = ? AND i.job_instance_id = ?
                 ORDER BY p.file_id""", Long.class, period, jobInstanceId);
    }
}
