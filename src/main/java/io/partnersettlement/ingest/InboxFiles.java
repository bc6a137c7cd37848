package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.FactKeys;

/** The files of the inbox and the ledger of what the engine did with each ({@code ingest_file}). */
@Component
public class InboxFiles {

    /**
     * A file a nightly run took in.
     *
     * @param sha256      the checksum of its bytes at registration ({@code null} for what is not a regular file)
     * @param rejectsFile the name of its rejects file in {@code rejects/}, its own (never another file's)
     * @param modified    its last-modified time at registration, in nanoseconds since 1970
     */
    public record InboxFile(long fileId, long jobInstanceId, int ordinal, String fileName, long size, String sha256,
            String status, String rejectReason, String statusReason, String rejectsFile, Long modified) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public InboxFiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
                       status_reason AS statusReason, rejects_file AS rejectsFile, file_modified AS modified
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
    long register(long jobInstanceId, int ordinal, Path file, long size, Long modified, String sha256, Long physicalLines,
            String status, String rejectReason, String reason) {
        var key = new GeneratedKeyHolder();
        String name = file.getFileName().toString();
        jdbc.sql("""
                INSERT INTO ingest_file (job_instance_id, file_ordinal, file_name, file_size, file_modified, file_sha256,
                                         physical_lines, status, reject_reason, status_reason, registered_at)
                VALUES (:instance, :ordinal, :name, :size, :modified, :sha, :lines, :status, :rejectReason, :reason, :at)""")
                .param("instance", jobInstanceId)
                .param("ordinal", ordinal)
                .param("name", name)
                .param("size", size)
                .param("modified", modified)
                .param("sha", sha256)
                .param("lines", physicalLines)
                .param("status", status)
                .param("rejectReason", rejectReason)
                .param("reason", reason)
                .param("at", Timestamp.from(clock.instant()))
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
                .param("at", Timestamp.from(clock.instant()))
                .param("id", fileId)
                .update();
    }

    /**
     * How the file in the inbox differs from the one the run registered (gone, other size, other bytes), or
     * {@code null} when it is the same. A file of the registered size and modification time is taken as the same
     * without reading it; any other is read and its SHA-256 compared.
     */
    static String change(Path inbox, InboxFile file) {
        Path path = inbox.resolve(file.fileName());
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return "it is gone from the inbox";
        }
        if (!now.isRegularFile()) {
            return "it is no longer a regular file";
        }
        if (now.size() != file.size()) {
            return "its size changed from " + file.size() + " to " + now.size() + " bytes since the run registered it";
        }
        if (file.modified() != null && file.modified() == modified(now)) {
            return null;
        }
        try {
            return sha256(path).equals(file.sha256()) ? null : "its bytes changed since the run registered it";
        } catch (UncheckedIOException e) {
            return "it cannot be read again: " + e.getCause().getMessage();
        }
    }

    /** A file's last-modified time in nanoseconds since 1970, as registered. */
    static long modified(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    /**
     * Takes back everything a file brought, in the caller's transaction: its ids, consumption, rejected lines, repeats
     * and periods, and its counters; the file is marked {@code CHANGED} with the reason and stays in the inbox, to be
     * registered again, whole, by a later run.
     */
    static void takeBack(JdbcTemplate jdbc, long fileId, String reason) {
        for (String period : jdbc.queryForList("SELECT period FROM ingest_file_period WHERE file_id = ?", String.class,
                fileId)) {
            long first = FactKeys.first(period) | fileId << FactKeys.LINE_BITS;
            jdbc.update("DELETE FROM consumption_fact WHERE fact_key >= ? AND fact_key < ?", first,
                    first + (1L << FactKeys.LINE_BITS));
        }
        IdLedger.removeFile(jdbc, fileId);
        jdbc.update("DELETE FROM rejected_line WHERE file_id = ?", fileId);
        jdbc.update("DELETE FROM repeat_tally WHERE file_id = ?", fileId);
        jdbc.update("DELETE FROM ingest_file_period WHERE file_id = ?", fileId);
        jdbc.update("""
                UPDATE ingest_file SET status = 'CHANGED', status_reason = ?, lines_read = 0, records_ingested = 0,
                       repeats = 0, rejected = 0, physical_lines_read = 0, finished_at = ?
                 WHERE file_id = ?""", reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                Timestamp.from(Instant.now()), fileId);
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
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
