package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.workspace.Workspace;

/**
 * Reads the ids of lines ingested before, back from their files (in the inbox, or in archive/ once settled): the id
 * ledger holds hashes, and a hash shared with other content is confirmed against the earlier line itself. Readers stay
 * open and move forward, so confirming the lines of a corrected re-delivery reads the earlier file once.
 */
final class EarlierLines implements AutoCloseable {

    private static final int OPEN_FILES = 4;

    private final JdbcTemplate jdbc;
    private final Workspace workspace;
    private final Map<Long, Open> open = new LinkedHashMap<>(8, 0.75f, true);

    private static final class Open {
        final CsvFileReader reader;
        final ConsumptionColumn.Layout layout;

        Open(CsvFileReader reader, ConsumptionColumn.Layout layout) {
            this.reader = reader;
            this.layout = layout;
        }
    }

    EarlierLines(JdbcTemplate jdbc, Workspace workspace) {
        this.jdbc = jdbc;
        this.workspace = workspace;
    }

    /** The id of the record at {@code line} of file {@code fileId}, or {@code null} when it cannot be read back. */
    String idAt(long fileId, long line) {
        try {
            Open file = open.get(fileId);
            if (file != null && file.reader.nextLineNumber() > line) {
                open.remove(fileId).reader.close();
                file = null;
            }
            if (file == null) {
                file = open(fileId);
                if (file == null) {
                    return null;
                }
            }
            file.reader.skipTo(line);
            CsvLine earlier = file.reader.next();
            if (earlier == null || !earlier.parsed()) {
                return null;
            }
            return file.layout.value(earlier.fields(), ConsumptionColumn.ID);
        } catch (IOException | RuntimeException e) {
            Open failed = open.remove(fileId);
            if (failed != null) {
                closeQuietly(failed);
            }
            return null;
        }
    }

    private Open open(long fileId) throws IOException {
        Path path = stored(jdbc, workspace, fileId);
        if (path == null) {
            return null;
        }
        CsvFileReader reader = CsvFileReader.open(path);
        CsvLine header = reader.next();
        if (header == null || !header.parsed()) {
            reader.close();
            return null;
        }
        Open file = new Open(reader, ConsumptionColumn.Layout.of(header.fields()));
        open.put(fileId, file);
        if (open.size() > OPEN_FILES) {
            Iterator<Open> eldest = open.values().iterator();
            closeQuietly(eldest.next());
            eldest.remove();
        }
        return file;
    }

    /** Where an ingested file is now: archived, or still in the inbox; {@code null} when it is in neither. */
    static Path stored(JdbcTemplate jdbc, Workspace workspace, long fileId) {
        List<Path> candidates = new ArrayList<>();
        jdbc.query("SELECT file_name, archived_as FROM ingest_file WHERE file_id = ?", rs -> {
            if (rs.getString(2) != null) {
                candidates.add(workspace.archive().resolve(rs.getString(2)));
            }
            candidates.add(workspace.inbox().resolve(rs.getString(1)));
        }, fileId);
        return candidates.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .findFirst().orElse(null);
    }

    private static void closeQuietly(Open file) {
        try {
            file.reader.close();
        } catch (IOException e) {
            // only read from
        }
    }

    @Override
    public void close() {
        open.values().forEach(EarlierLines::closeQuietly);
        open.clear();
    }
}
