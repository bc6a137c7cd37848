package io.partnersettlement.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvSplitter;
import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.StorageFailure;
import io.partnersettlement.ingest.InboxFiles.InboxFile;
import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;
import io.partnersettlement.workspace.Workspace;

/**
 * After ingestion: writes {@code rejects/<file>.rejects.csv} from the rejected lines stored with the data, moves each
 * ingested file to {@code archive/} and each file rejected whole to {@code rejects/}. Safe to run again after a crash:
 * it finishes what it finds unfinished.
 */
final class InboxSettlement implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(InboxSettlement.class);

    private final Workspace workspace;
    private final InboxFiles files;
    private final JdbcTemplate jdbc;

    InboxSettlement(Workspace workspace, InboxFiles files, JdbcTemplate jdbc) {
        this.workspace = workspace;
        this.files = files;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        try {
            return settle(chunkContext);
        } catch (IOException | UncheckedIOException e) {
            // a full disk says so, with the file and where rejects/ and archive/ are
            throw StorageFailure.of("settle inbox/" + settling, e, workspace.rejects(),
                    workspace.archive());
        }
    }

    /** The file being settled, for the message of a failure. */
    private String settling;

    private RepeatStatus settle(ChunkContext chunkContext) throws IOException {
        long instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<InboxFile> registered = files.ofJobInstance(instance);
        for (InboxFile file : registered) {
            settling = file.fileName();
            if (changedSinceRead(file)) {
                continue;
            }
            switch (file.status()) {
                case "REGISTERED" -> {
                    writeRejects(file);
                    String archivedAs = move(file, workspace.archive());
                    CrashPoints.reach("settle.moved");
                    files.settled(file.fileId(), "ARCHIVED", archivedAs);
                }
                case "REJECTED" -> {
                    writeWholeFileReject(file);
                    String movedAs = move(file, workspace.rejects());
                    CrashPoints.reach("settle.moved");
                    files.settled(file.fileId(), "REJECTED_FILE", movedAs);
                }
                default -> {
                    // settled by an earlier attempt
                }
            }
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Whether a file still in the inbox is no longer the file the run registered and read (it changed after its last
     * line was read): then what it brought is taken back and it stays in the inbox, so that what is archived is always
     * byte for byte what was ingested. A file already moved by an earlier attempt is past this point.
     */
    private boolean changedSinceRead(InboxFile file) {
        boolean unsettled = "REGISTERED".equals(file.status()) || "REJECTED".equals(file.status());
        if (!unsettled || file.sha256() == null
                || !Files.exists(workspace.inbox().resolve(file.fileName()), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String change = InboxFiles.change(workspace.inbox(), file);
        if (change == null) {
            return false;
        }
        String reason = "it changed after the run read it: " + change;
        InboxFiles.takeBack(jdbc, file.fileId(), reason);
        log.warn("inbox/{} left in the inbox, nothing of it counted: {}; a later run takes it whole", file.fileName(),
                reason);
        return true;
    }

    private void writeRejects(InboxFile file) throws IOException {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM rejected_line WHERE file_id = ?", Integer.class,
                file.fileId());
        if (count == null || count == 0) {
            return;
        }
        Path target = workspace.rejects().resolve(file.rejectsFile());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
                RejectsWorkbook book = new RejectsWorkbook()) {
            out.write("line_number,reason,message,raw_line\n");
            jdbc.query("SELECT line_number, reason, message, raw_line FROM rejected_line WHERE file_id = ? ORDER BY line_number",
                    rs -> {
                        try {
                            out.write(rs.getLong(1) + "," + rs.getString(2) + "," + CsvSplitter.quote(rs.getString(3)) + ","
                                    + CsvSplitter.quote(rs.getString(4)) + "\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        book.row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    }, file.fileId());
            out.close();
            book.save(workspace.rejects().resolve(workbookName(file.rejectsFile())), file.rejectsFile());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.warn("inbox/{}: {} line(s) rejected, see rejects/{} (to open in a spreadsheet: {})", file.fileName(), count,
                target.getFileName(), workbookName(file.rejectsFile()));
    }

    /** The companion workbook of a rejects file: {@code x.csv.rejects.csv} → {@code x.csv.rejects.xlsx}. */
    static String workbookName(String rejectsFile) {
        return rejectsFile.substring(0, rejectsFile.length() - ".csv".length()) + ".xlsx";
    }

    /**
     * The rejected lines of a file as a workbook, for people: a spreadsheet evaluates a CSV cell that starts with
     * {@code =}, so {@code .rejects.csv} (whose raw lines stay byte for byte what the file held, for re-ingestion) is
     * for programs, and this workbook, whose every text cell is inert, is the one to open. Its rows stop at one sheet.
     */
    private static final class RejectsWorkbook implements AutoCloseable {
        private final WorkbookFile book = WorkbookFile.create();
        private final TableWriter table = book.table("Rejected lines",
                Column.count("line_number"), Column.text("reason"),
                Column.text("message"), Column.text("raw_line"));
        private long rows;

        void row(long line, String reason, String message, String raw) {
            if (++rows < WorkbookFile.MAX_ROWS_PER_SHEET - 1) {
                table.row(line, reason, message, raw);
            }
        }

        void save(Path target, String csv) {
            if (rows >= WorkbookFile.MAX_ROWS_PER_SHEET - 1) {
                table.row(null, null, "the first " + (WorkbookFile.MAX_ROWS_PER_SHEET - 2)
                        + " of " + rows + " rejected lines; every one is in " + csv, null);
            }
            book.save(target);
        }

        @Override
        public void close() {
            book.close();
        }
    }

    private void writeWholeFileReject(InboxFile file) throws IOException {
        Path target = workspace.rejects().resolve(file.rejectsFile());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        String reason = file.rejectReason() == null ? "MISSING_COLUMN" : file.rejectReason();
        // the header is line 1; a file that is not readable text shows no raw line
        String raw = "MISSING_COLUMN".equals(reason) ? firstLine(file) : "";
        Files.writeString(temp, "line_number,reason,message,raw_line\n1," + reason + ","
                + CsvSplitter.quote(file.statusReason()) + "," + CsvSplitter.quote(raw) + "\n", StandardCharsets.UTF_8);
        try (RejectsWorkbook book = new RejectsWorkbook()) {
            book.row(1, reason, file.statusReason(), raw);
            book.save(workspace.rejects().resolve(workbookName(file.rejectsFile())), file.rejectsFile());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private String firstLine(InboxFile file) {
        Path path = workspace.inbox().resolve(file.fileName());
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        try (var reader = CsvFileReader.open(path)) {
            var line = reader.next();
            return line == null ? "" : line.raw();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Moves the file out of the inbox (once: a file already moved by an earlier attempt stays where it is). A symbolic
     * link is moved as the link itself, never its target.
     */
    private String move(InboxFile file, Path folder) throws IOException {
        Path source = workspace.inbox().resolve(file.fileName());
        Files.createDirectories(folder);
        Path target = folder.resolve(file.fileName());
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return target.getFileName().toString();
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            target = folder.resolve(file.fileName() + "." + file.fileId());
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        return target.getFileName().toString();
    }
}
