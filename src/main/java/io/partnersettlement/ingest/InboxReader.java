package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.InboxFiles.InboxFile;
import io.partnersettlement.pipeline.OrderedPipeline;
import io.partnersettlement.pipeline.OrderedPipeline.Limits;
import io.partnersettlement.pipeline.OrderedPipeline.Step;

/**
 * Reads and validates the files a nightly run registered and hands them out as {@link CheckedBlock}s, file by file in
 * name order, lines in file order. Parsing runs on reading threads of their own, one file per thread at a time (each
 * takes the next file not yet taken), so parsing uses every core; a checking thread takes the parsed blocks in file
 * order and checks their ids ({@link IdCheck}), so the order of the records is the order of the files whatever thread
 * parsed them, and the writer's thread is left only the statements. Both stages are {@link OrderedPipeline}s: the
 * checking thread is the one worker of the second, over what the first hands out. A block is a whole chunk: the file being written
 * has its next block parsed and checked while the writer writes the current one, and the next file has its first one
 * ready, so memory holds a few chunks at most. The first blocks of a run are smaller, doubling up to a chunk, so the
 * writer starts without waiting for a whole chunk to be parsed. The position saved with every committed chunk is the
 * line after the last block handed out, so a restart resumes at the first line not yet committed.
 */
class InboxReader implements ItemStreamReader<CheckedBlock> {

    private static final String FILE_KEY = "inbox.fileId";
    private static final String LINE_KEY = "inbox.nextLine";
    /** Lines of a thread's first block: blocks double from here up to a chunk. */
    static final int FIRST_BLOCK_LINES = 4096;
    /**
     * Files whose parsed blocks may wait for the checking thread: the one it checks and the next. Each may have
     * {@link #BLOCKS_AHEAD} blocks waiting, so memory stays bounded and the writer never waits for a thread held up by
     * files after its own.
     */
    private static final int FILES_AHEAD = 2;
    private static final int BLOCKS_AHEAD = 1;
    /** Checked blocks (and the starts of files) waiting for the writer. */
    private static final int CHECKED_AHEAD = 2;

    /** A file to parse, from {@code fromLine} on (0: from its header). */
    private record Reading(InboxFile file, long fromLine) {
    }

    /** What a reading thread hands over for a file: its blocks, in order. */
    private sealed interface Parsed {
    }

    private record Block(LineBlock block) implements Parsed {
    }

    /** The end of a file that changed since it was registered: handed over after its blocks, in place of its last one. */
    private record Changed(LineBlock last, String reason) implements Parsed {
    }

    /** What the checking thread hands the writer's thread: the start of a file, then its checked blocks. */
    private sealed interface Checked {
    }

    private record FileStart(InboxFile file) implements Checked {
    }

    private record Ready(CheckedBlock block) implements Checked {
    }

    /**
     * A file's physical lines stored with its data (committed with each block, in the block's transaction), and its
     * physical lines as counted at registration ({@code null} when not counted).
     */
    record Stored(long stored, Long physical) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxReader.class);

    private final Path inbox;
    /** What each file of the run has stored so far, by file id, as the step started. */
    private final Map<Long, Stored> stored;
    private final List<InboxFile> files;
    /** Every file the run registered, set aside ones and changed ones too. */
    private final List<InboxFile> registered;
    private final ConsumptionLineParser parser;
    private final IdCheck idCheck;
    private final IngestProgress progress;
    private final Set<String> orderBillTypes;
    private final int blockLines;
    private final int threads;
    /** The files parsed on the reading threads, their blocks in file order. */
    private OrderedPipeline<Reading, Parsed> parsing;
    /** The parsed blocks checked in file order on the checking thread: what {@link #read} hands out. */
    private OrderedPipeline<OrderedPipeline<Reading, Parsed>, Checked> checking;
    private boolean finished;
    private long fileId = -1;
    private long nextLine;

    /**
     * @param idCheck    checks the ids of the parsed blocks, in order, on a thread of its own
     * @param blockLines lines per block at most (a block never spans two files)
     * @param threads    reading threads
     */
    InboxReader(Path inbox, List<InboxFile> files, Map<Long, Stored> stored, ConsumptionLineParser parser,
            IdCheck idCheck, IngestProgress progress, Set<String> orderBillTypes, int blockLines, int threads) {
        this.inbox = inbox;
        this.stored = stored;
        this.registered = files;
        this.files = files.stream().filter(f -> "REGISTERED".equals(f.status())).toList();
        this.parser = parser;
        this.idCheck = idCheck;
        this.progress = progress;
        this.orderBillTypes = orderBillTypes;
        this.blockLines = blockLines;
        this.threads = Math.max(1, threads);
    }

    @Override
    public void open(ExecutionContext context) {
        int startIndex = 0;
        long startLine = 0;
        if (context.containsKey(FILE_KEY)) {
            long savedFile = context.getLong(FILE_KEY);
            long savedLine = context.getLong(LINE_KEY);
            startIndex = -1;
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).fileId() == savedFile) {
                    startIndex = i;
                }
            }
            if (startIndex < 0) {
                // the run had taken back the file it was reading (it changed): it goes on with the next one
                long reading = savedFile;
                int ordinal = registered.stream().filter(f -> f.fileId() == reading).mapToInt(InboxFile::ordinal)
                        .findFirst().orElseThrow(() -> new ItemStreamException("the run was reading file id " + reading
                                + ", which is no longer registered"));
                startIndex = files.size();
                for (int i = files.size() - 1; i >= 0; i--) {
                    if (files.get(i).ordinal() > ordinal) {
                        startIndex = i;
                    }
                }
                savedLine = 0;
            }
            long positionLine = savedLine;
            if (startIndex < files.size() && files.get(startIndex).fileId() == savedFile) {
                // where the file's stored lines end, not where the saved position says: a chunk whose transaction was
                // lost (the database gone at its commit) may have left the position saved past lines never stored
                savedLine = resumeLine(savedFile);
            }
            for (int i = startIndex - 1; i >= 0; i--) {
                // the same for the last block of an earlier file
                Long physical = progress(files.get(i).fileId()).physical();
                if (physical != null && progress(files.get(i).fileId()).stored() < physical) {
                    startIndex = i;
                    savedFile = files.get(i).fileId();
                    savedLine = resumeLine(savedFile);
                }
            }
            if (savedLine != positionLine || savedFile != context.getLong(FILE_KEY)) {
                log.warn("the saved reading position (file id {}, line {}) is past the lines stored: reading resumes at"
                        + " file id {}, line {}", context.getLong(FILE_KEY), context.getLong(LINE_KEY), savedFile,
                        savedLine);
            }
            fileId = savedFile;
            nextLine = savedLine;
            startLine = savedLine;
        }
        // a file that changed since the run registered it (a restart's too) is found out as it is read, and taken back
        List<Reading> toRead = new ArrayList<>();
        for (int i = startIndex; i < files.size(); i++) {
            toRead.add(new Reading(files.get(i), i == startIndex ? startLine : 0));
        }
        finished = false;
        parsing = OrderedPipeline.start("inbox-reader", toRead, new Limits(threads, FILES_AHEAD, BLOCKS_AHEAD),
                FileParsing::new);
        // one worker over the parsed blocks: the ids are checked in file and line order, on one thread
        checking = OrderedPipeline.start("inbox-checker", List.of(parsing), new Limits(1, 1, CHECKED_AHEAD),
                () -> this::check);
    }

    /**
     * A reading thread's work: parses one file after another. Its blocks double in size from
     * {@link #FIRST_BLOCK_LINES} up to a chunk, over the thread's files.
     */
    private final class FileParsing implements OrderedPipeline.Task<Reading, Parsed> {

        private int size = Math.min(blockLines, FIRST_BLOCK_LINES);

        @Override
        public void run(Reading reading, OrderedPipeline.Output<Parsed> out) throws InterruptedException {
            InboxFile file = reading.file();
            long fromLine = reading.fromLine();
            Path path = inbox.resolve(file.fileName());
            long resumeAt = Math.max(1, fromLine);
            try (CsvFileReader reader = CsvFileReader.open(path, true)) {
                CsvLine header = reader.next();
                if (header == null || !header.parsed()) {
                    throw new ItemStreamException("inbox/" + file.fileName() + ": the header changed since registration");
                }
                ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
                if (fromLine > 0) {
                    reader.skipTo(fromLine);
                }
                CanonicalValues canonical = new CanonicalValues();
                LineBlock.Builder block = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes, canonical,
                        blockLines);
                CsvLine line;
                long handedOver = -1;
                while ((line = reader.next()) != null) {
                    block.add(line.lineNumber(), line.raw().length(), parser.process(new InboxLine(file.fileId(), layout, line)));
                    io.partnersettlement.fault.CrashPoints.reach("ingest.read");
                    if (block.lines() >= size || block.full()) {
                        handedOver = reader.nextLineNumber();
                        LineBlock built = block.build(resumeAt, handedOver, reader.bytesRead());
                        resumeAt = handedOver;
                        out.put(new Block(built));
                        size = (int) Math.min(blockLines, 2L * size);
                        block = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes, canonical, blockLines);
                        if (blockHook != null) {
                            blockHook.accept(file.fileName(), handedOver);
                        }
                    }
                }
                // the bytes read are the bytes registered, or nothing of the file counts
                String sha = reader.finish();
                String changed = reader.bytesRead() != file.size()
                        ? "it changed while the run read it: " + reader.bytesRead() + " bytes read, " + file.size() + " registered"
                        : !sha.equals(file.sha256()) ? "it changed while the run read it: other bytes than registered" : null;
                LineBlock last = block.build(resumeAt, reader.nextLineNumber(), reader.bytesRead());
                if (changed != null) {
                    out.put(new Changed(last, changed));
                } else if (block.lines() > 0 || reader.nextLineNumber() != handedOver) {
                    // the last block ends at the end of the file: blank lines after the last record, or a header alone,
                    // are lines read too (the per-file tie-out counts physical lines)
                    out.put(new Block(last));
                }
            } catch (IOException | ItemStreamException e) {
                // a file that is no longer the one registered (gone, cut short, rewritten) is taken back, not failed
                String changed = InboxFiles.change(inbox, file);
                if (changed == null) {
                    throw e instanceof ItemStreamException ise ? ise
                            : new ItemStreamException("inbox/" + file.fileName() + ": " + e.getMessage(), e);
                }
                LineBlock.Builder empty = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes,
                        new CanonicalValues(), 1);
                out.put(new Changed(empty.build(resumeAt, resumeAt, 0), changed));
            }
        }
    }

    /**
     * Called after each block handed over, with the file and its next line: lets a test change the inbox while a file
     * is read. Set before a run starts (its reading threads see it), never in production.
     */
    static java.util.function.BiConsumer<String, Long> blockHook;

    /** The checking thread: takes the parsed blocks in file order and checks their ids. */
    private void check(OrderedPipeline<Reading, Parsed> parsed, OrderedPipeline.Output<Checked> out)
            throws InterruptedException {
        Step<Reading, Parsed> step;
        while ((step = parsed.next()) != null) {
            if (step instanceof Step.Begin<Reading, Parsed> begin) {
                out.put(new FileStart(begin.input().file()));
            } else if (step instanceof Step.Result<Reading, Parsed> result) {
                if (result.value() instanceof Changed changed) {
                    // the files after it are checked as if it had never been read
                    idCheck.discard(changed.last().fileId());
                    out.put(new Ready(CheckedBlock.changed(changed.last(), changed.reason())));
                } else {
                    out.put(new Ready(idCheck.check(((Block) result.value()).block())));
                }
            }
        }
    }

    @Override
    public CheckedBlock read() throws InterruptedException {
        if (finished) {
            return null;
        }
        Step<OrderedPipeline<Reading, Parsed>, Checked> step;
        while ((step = checking.next()) != null) {
            if (!(step instanceof Step.Result<OrderedPipeline<Reading, Parsed>, Checked> result)) {
                continue;
            }
            if (result.value() instanceof FileStart start) {
                progress.fileStarted(start.file().fileName(), start.file().size());
            } else {
                CheckedBlock block = ((Ready) result.value()).block();
                fileId = block.block().fileId();
                nextLine = block.block().nextLine();
                progress.linesRead(block.block().lines(), block.block().bytesRead());
                return block;
            }
        }
        finished = true;
        progress.finished();
        return null;
    }

    /** The line a restart reads a file on from: the one after its stored lines, 0 (the start) when none are. */
    private long resumeLine(long file) {
        long stored = progress(file).stored();
        return stored == 0 ? 0 : stored + 1;
    }

    private Stored progress(long file) {
        return stored.getOrDefault(file, new Stored(0, null));
    }

    @Override
    public void update(ExecutionContext context) {
        if (fileId >= 0) {
            context.putLong(FILE_KEY, fileId);
            context.putLong(LINE_KEY, nextLine);
        }
    }

    @Override
    public void close() {
        if (checking != null) {
            checking.close();
            parsing.close();
            checking = null;
            parsing = null;
        }
        idCheck.close();
    }
}
