package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.Futures;

/**
 * Takes stock of the inbox at the start of a nightly run: every waiting file is registered with its size and checksum,
 * in file-name order. A file whose header lacks a required column is rejected whole ({@code MISSING_COLUMN}).
 */
final class InboxRegistration implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(InboxRegistration.class);

    private final Path inbox;
    private final InboxFiles files;
    private final int threads;

    /** @param threads files checked side by side (checksum, encoding, header): each check reads a whole file */
    InboxRegistration(Path inbox, InboxFiles files, int threads) {
        this.inbox = inbox;
        this.files = files;
        this.threads = Math.max(1, threads);
    }

    /**
     * A file's checks: what it is (a regular file, or a symbolic link, directory or pipe, which is never opened), then
     * checksum, encoding and physical lines, then the header of a readable file.
     */
    private record Checked(long size, long modified, FileCheck.Result result, FileCheck.Problem problem) {
        /** The checks, or {@code null} for a file gone since the inbox was listed. */
        static Checked of(Path file) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return null;
            }
            if (!attributes.isRegularFile()) {
                String what = attributes.isSymbolicLink() ? "a symbolic link" : attributes.isDirectory() ? "a directory"
                        : "not a regular file (a pipe, socket or device)";
                return new Checked(attributes.size(), InboxFiles.modified(attributes), null, new FileCheck.Problem("NOT_A_REGULAR_FILE", what
                        + ": set aside without being read; put the file itself in the inbox"));
            }
            FileCheck.Result checked = FileCheck.check(file);
            FileCheck.Problem problem = checked.problem();
            if (problem == null) {
                String header = headerProblem(file);
                problem = header == null ? null : new FileCheck.Problem("MISSING_COLUMN", header);
            }
            // size and time are taken before the file is read: a change while it is read shows at archiving
            return new Checked(attributes.size(), InboxFiles.modified(attributes), checked, problem);
        }
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long instance = chunkContext.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        List<Path> waiting = InboxFiles.waiting(inbox);
        // files are checked side by side, registered one by one in name order
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, waiting.size())));
        List<Future<Checked>> checks = new ArrayList<>(waiting.size());
        try {
            for (Path file : waiting) {
                checks.add(pool.submit(() -> Checked.of(file)));
            }
            int ordinal = 0;
            for (int i = 0; i < waiting.size(); i++) {
                Checked checked = Futures.join(checks.get(i), "checking the inbox");
                if (checked != null) {
                    register(instance, ++ordinal, waiting.get(i), checked);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        log.info("{} file(s) in the inbox", waiting.size());
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }

    private void register(long instance, int ordinal, Path file, Checked checked) {
        FileCheck.Problem problem = checked.problem();
        FileCheck.Result result = checked.result();
        files.register(instance, ordinal, file, checked.size(), checked.modified(), result == null ? null : result.sha256(),
                result == null ? null : result.physicalLines(), problem == null ? "REGISTERED" : "REJECTED",
                problem == null ? null : problem.reason(), problem == null ? null : problem.message());
        CrashPoints.reach("register.file");
        if (problem != null) {
            log.warn("inbox/{} rejected whole ({}): {}", file.getFileName(), problem.reason(), problem.message());
        }
    }

    /** Why the file cannot be read at all, or {@code null}. */
    static String headerProblem(Path file) {
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            CsvLine header = reader.next();
            if (header == null) {
                return "the file is empty: no header row";
            }
            if (!header.parsed()) {
                return "the header is not valid CSV: " + header.error();
            }
            List<String> missing = ConsumptionColumn.Layout.of(header.fields()).missing();
            return missing.isEmpty() ? null : "missing column(s): " + String.join(", ", missing);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
