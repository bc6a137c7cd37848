package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.InboxFiles.InboxFile;

/**
 * Reads and validates the files a nightly run registered and hands them out as {@link CheckedBlock}s, file by file in
 * name order, lines in file order. Parsing runs on reading threads of their own, one file per thread at a time (thread
 * k takes the k-th, (k+n)-th... file), so parsing uses every core; a checking thread takes the parsed blocks in file
 * order and checks their ids ({@link IdCheck}), so the order of the records is the order of the files whatever thread
 * parsed them, and the writer's thread is left only the statements. A block is a whole chunk: the file being written
 * has its next block parsed and checked while the writer writes the current one, and the next file has its first one
 * ready, so memory holds a few chunks at most. The first blocks of a run are smaller, doubling up to a chunk, so the
 * writer starts without waiting for a whole chunk to be parsed. The position saved with every committed chunk is the
 * line after the last block handed out, so a restart resumes at the first line not yet committed.
 */
class InboxReader implements ItemStreamReader<CheckedBlock> {

    private static final String FILE_KEY = "inbox.fileId";
    private static final String LINE_KEY = "inbox.nextLine";
    private static final Object FILE_END = new Object();
    private static final Object INBOX_END = new Object();
    /** Lines of a thread's first block: blocks double from here up to a chunk. */
    static final int FIRST_BLOCK_LINES = 4096;
    /** Blocks parsed ahead of the writer, over all files (and again as many of the file being written). */
    private static final int BLOCKS_AHEAD = 1;

    /** A failure of a reading thread, handed over in the place of the file's next block. */
    private record Failure(RuntimeException exception) {
    }

    /** The checking thread moved on to the file: handed over before its blocks. */
    private record FileStart(InboxFile file) {
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
    private BlockingQueue<Object>[] queues;
    private Thread[] producers;
    private Thread checker;
    /** Checked blocks, file starts, the end or a failure, in order: what {@link #read} hands out. */
    private BlockingQueue<Object> checked;
    /** The failure or the end once {@link #read} has handed it out: what every later call answers. */
    private Object end;
    private int startIndex;
    private final Object budget = new Object();
    private int ahead;
    private int[] counted;
    private volatile int current;
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
    @SuppressWarnings("unchecked")
    public void open(ExecutionContext context) {
        startIndex = 0;
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
        queues = new BlockingQueue[files.size()];
        counted = new int[files.size()];
        for (int i = startIndex; i < files.size(); i++) {
            queues[i] = new LinkedBlockingQueue<>();
        }
        current = startIndex;
        int n = Math.max(1, Math.min(threads, files.size() - startIndex));
        producers = new Thread[n];
        for (int k = 0; k < n; k++) {
            int first = startIndex + k;
            long fromLine = startLine;
            int from = startIndex;
            producers[k] = new Thread(() -> produce(first, n, from, fromLine), "inbox-reader-" + (k + 1));
            producers[k].setDaemon(true);
            producers[k].start();
        }
        checked = new java.util.concurrent.ArrayBlockingQueue<>(2);
        checker = new Thread(this::check, "inbox-checker");
        checker.setDaemon(true);
        checker.start();
    }

    /** Parses files {@code first}, {@code first + step}... in turn. */
    private void produce(int first, int step, int resumeIndex, long resumeLine) {
        int[] size = {Math.min(blockLines, FIRST_BLOCK_LINES)};
        for (int i = first; i < files.size(); i += step) {
            try {
                produceFile(i, i == resumeIndex ? resumeLine : 0, size);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                try {
                    queues[i].put(new Failure(e));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    /** Parses one file; {@code size} holds the thread's block size, which doubles with each block up to a chunk. */
    private void produceFile(int index, long fromLine, int[] size) throws InterruptedException {
        InboxFile file = files.get(index);
        BlockingQueue<Object> queue = queues[index];
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
                if (block.lines() >= size[0] || block.full()) {
                    handedOver = reader.nextLineNumber();
                    LineBlock built = block.build(resumeAt, handedOver, reader.bytesRead());
                    resumeAt = handedOver;
                    handOver(index, built);
                    size[0] = (int) Math.min(blockLines, 2L * size[0]);
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
                handOver(index, new Changed(last, changed));
            } else if (block.lines() > 0 || reader.nextLineNumber() != handedOver) {
                // the last block ends at the end of the file: blank lines after the last record, or a header alone, are
                // lines read too (the per-file tie-out counts physical lines)
                handOver(index, last);
            }
            queue.put(FILE_END);
        } catch (IOException | ItemStreamException e) {
            // a file that is no longer the one registered (gone, cut short, rewritten) is taken back, not failed
            String changed = InboxFiles.change(inbox, file);
            if (changed == null) {
                throw e instanceof ItemStreamException ise ? ise
                        : new ItemStreamException("inbox/" + file.fileName() + ": " + e.getMessage(), e);
            }
            LineBlock.Builder empty = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes,
                    new CanonicalValues(), 1);
            handOver(index, new Changed(empty.build(resumeAt, resumeAt, 0), changed));
            queue.put(FILE_END);
        }
    }

    /** The end of a file that changed since it was registered: handed over after its blocks, in place of its last one. */
    private record Changed(LineBlock last, String reason) {
    }

    /**
     * Called after each block handed over, with the file and its next line: lets a test change the inbox while a file
     * is read. Set before a run starts (its reading threads see it), never in production.
     */
    static java.util.function.BiConsumer<String, Long> blockHook;

    /**
     * Queues a parsed block once the budget allows: the file being written may have {@link #BLOCKS_AHEAD} blocks
     * waiting, the other files as many between them, so memory stays bounded and the writer never waits for a thread
     * held up by files after its own.
     */
    private void handOver(int index, Object block) throws InterruptedException {
        synchronized (budget) {
            while (index == current ? queues[index].size() >= BLOCKS_AHEAD : ahead >= BLOCKS_AHEAD) {
                budget.wait(1_000);
            }
            if (index != current) {
                ahead++;
                counted[index]++;
            }
            queues[index].put(block);
        }
    }

    /** A block of file {@code index} was taken: its room is free again. */
    private void taken(int index) {
        synchronized (budget) {
            if (counted[index] > 0) {
                counted[index]--;
                ahead--;
            }
            budget.notifyAll();
        }
    }

    /** The writer moves on to the next file. */
    private void advance() {
        synchronized (budget) {
            current++;
            budget.notifyAll();
        }
    }

    /** The checking thread: takes the parsed blocks in file order and checks their ids. */
    private void check() {
        try {
            try {
                while (current < files.size()) {
                    checked.put(new FileStart(files.get(current)));
                    Object next;
                    while ((next = take(current)) != FILE_END) {
                        if (next instanceof Failure f) {
                            checked.put(f);
                            return;
                        }
                        taken(current);
                        if (next instanceof Changed changed) {
                            // the files after it are checked as if it had never been read
                            idCheck.discard(changed.last().fileId());
                            checked.put(CheckedBlock.changed(changed.last(), changed.reason()));
                            continue;
                        }
                        LineBlock block = (LineBlock) next;
                        checked.put(idCheck.check(block));
                    }
                    advance();
                }
                checked.put(INBOX_END);
            } catch (RuntimeException e) {
                checked.put(new Failure(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CheckedBlock read() throws InterruptedException {
        if (end instanceof Failure f) {
            throw f.exception();
        }
        if (end == INBOX_END) {
            return null;
        }
        while (true) {
            Object next = checked.poll(1, TimeUnit.SECONDS);
            while (next == null) {
                if (!checker.isAlive()) {
                    next = checked.poll();
                    if (next == null) {
                        throw new ItemStreamException("the thread checking the inbox's ids stopped without finishing");
                    }
                    break;
                }
                next = checked.poll(1, TimeUnit.SECONDS);
            }
            if (next instanceof FileStart start) {
                progress.fileStarted(start.file().fileName(), start.file().size());
            } else if (next instanceof Failure f) {
                end = f;
                throw f.exception();
            } else if (next == INBOX_END) {
                end = next;
                progress.finished();
                return null;
            } else {
                CheckedBlock block = (CheckedBlock) next;
                fileId = block.block().fileId();
                nextLine = block.block().nextLine();
                progress.linesRead(block.block().lines(), block.block().bytesRead());
                return block;
            }
        }
    }

    /** The next block (or end, or failure) of file {@code index}, waiting for its thread. */
    private Object take(int index) throws InterruptedException {
        Thread producer = producers[(index - startIndex) % producers.length];
        Object next = queues[index].poll(1, TimeUnit.SECONDS);
        while (next == null) {
            if (!producer.isAlive()) {
                next = queues[index].poll();
                if (next == null) {
                    throw new ItemStreamException("the thread reading inbox/" + files.get(index).fileName()
                            + " stopped without finishing");
                }
                break;
            }
            next = queues[index].poll(1, TimeUnit.SECONDS);
        }
        return next;
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
        if (producers != null) {
            List<Thread> threads = new java.util.ArrayList<>(List.of(producers));
            threads.add(checker);
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread producer : threads) {
                try {
                    producer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            producers = null;
            checker = null;
            queues = null;
        }
        idCheck.close();
    }
}
