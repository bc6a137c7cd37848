package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The files of the inbox and the ledger of what the engine did with each ({@code ingest_file}). */
@Component
public class InboxFiles {

    /**
     * A file a nightly run took in.
     *
     * @param sha256      the checksum of its bytes at registration ({@code null} for what is not a regular file)
     * @param rejectsFile the name of its rejects file in {@code rejects/}, its own (never another file's)
     */
    public record InboxFile(long fileId, long jobInstanceId, int ordinal, String fileName, long size, String sha256,
            String status, String rejectReason, String statusReason, String rejectsFile) {
    }

    private final JdbcClient jdbc;

    public InboxFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Consumption files waiting in {@code inbox}, in file-name order: every entry named {@code *.csv} or
     * {@code *.csv.gz}, whatever it is (a symbolic link, a directory or a pipe of that name is set aside, never read).
     */
    static List<Path> waiting(Path inbox) {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv") || p.getFileName().toString().endsWith(".csv.gz"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
    }

    List<InboxFile> ofJobInstance(long jobInstanceId) {
        // each column under its component's name: the row mapper asks for that name first, and every miss is an
        // exception in H2's trace file
        return jdbc.sql("""
                SELECT file_id AS fileId, job_instance_id AS jobInstanceId, file_ordinal AS ordinal, file_name AS fileName,
                       file_size AS size, file_sha256 AS sha256, status, reject_reason AS rejectReason,
                       status_reason AS statusReason, rejects_file AS rejectsFile
                  FROM ingest_file
                 WHERE job_instance_id = :instance
                 ORDER BY file_ordinal""")
                .param("instance", jobInstanceId)
                .query(InboxFile.class)
                .list();
    }

    /**
     * Registers a file and gives it a rejects file of its own: {@code <name>.rejects.csv}, or
     * {@code <name>.<file id>.rejects.csv} when an earlier file (the same name delivered again, or a file set aside
     * under that name) already has it.
     *
     * @param physicalLines the file's physical lines as counted at registration, {@code null} when it was not read
     */
    long register(long jobInstanceId, int ordinal, Path file, long size, String sha256, Long physicalLines, String status,
            String rejectReason, String reason) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        String name = file.getFileName().toString();
        jdbc.sql("""
                INSERT INTO ingest_file (job_instance_id, file_ordinal, file_name, file_size, file_sha256, physical_lines,
                                         status, reject_reason, status_reason, registered_at)
                VALUES (:instance, :ordinal, :name, :size, :sha, :lines, :status, :rejectReason, :reason, :at)""")
                .param("instance", jobInstanceId)
                .param("ordinal", ordinal)
                .param("name", name)
                .param("size", size)
                .param("sha", sha256)
                .param("lines", physicalLines)
                .param("status", status)
                .param("rejectReason", rejectReason)
                .param("reason", reason)
                .param("at", Timestamp.from(Instant.now()))
                .update(key, "file_id");
        long fileId = key.getKey().longValue();
        String rejectsFile = name + ".rejects.csv";
        boolean taken = jdbc.sql("""
                SELECT COUNT(*) FROM ingest_file
                 WHERE file_id <> :id AND (rejects_file = :rejects OR file_name = :rejects)""")
                .param("id", fileId).param("rejects", rejectsFile).query(Long.class).single() > 0;
        if (taken) {
            rejectsFile = name + "." + fileId + ".rejects.csv";
        }
        jdbc.sql("UPDATE ingest_file SET rejects_file = :rejects WHERE file_id = :id")
                .param("rejects", rejectsFile).param("id", fileId).update();
        return fileId;
    }

    void settled(long fileId, String status, String archivedAs) {
        jdbc.sql("UPDATE ingest_file SET status = :status, archived_as = :as, finished_at = :at WHERE file_id = :id")
                .param("status", status)
                .param("as", archivedAs)
                .param("at", Timestamp.from(Instant.now()))
                .param("id", fileId)
                .update();
    }

    /** True when the job instance ran before: this execution is a restart. */
    boolean isRestart(long jobInstanceId) {
        return jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = :instance")
                .param("instance", jobInstanceId).query(Long.class).single() > 1;
    }

    /**
     * Refuses a file that is no longer the one the run registered (same name, other bytes, or gone): what the run has
     * done, and will do, with it was decided on the bytes it registered.
     */
    static void requireUnchanged(Path inbox, InboxFile file) {
        Path path = inbox.resolve(file.fileName());
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || size(path) != file.size() || !sha256(path).equals(file.sha256())) {
            throw new IllegalStateException("inbox/" + file.fileName() + " changed (or disappeared) since the run "
                    + "registered it: a restart must read the same file. Put the original back, or abandon this run and "
                    + "start a new one");
        }
    }

    static long size(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * About how many lines the registered files of a run hold: each file's size times the lines per byte of its first
     * MiB (compressed files too). Sizes the run's id index; a wrong guess costs only a resize.
     */
    static long estimatedLines(Path inbox, List<InboxFile> files) {
        long lines = 0;
        for (InboxFile file : files) {
            if (!"REGISTERED".equals(file.status())) {
                continue;
            }
            try (io.partnersettlement.csv.CsvFileReader reader = io.partnersettlement.csv.CsvFileReader
                    .open(inbox.resolve(file.fileName()))) {
                long sampled = 0;
                while (reader.bytesRead() < (1 << 20) && reader.next() != null) {
                    sampled++;
                }
                long bytes = Math.max(1, reader.bytesRead());
                lines += bytes >= file.size() ? sampled : (long) ((double) sampled / bytes * file.size());
            } catch (IOException | RuntimeException e) {
                lines += file.size() / 100;
            }
        }
        return lines;
    }
}
