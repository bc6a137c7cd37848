package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * Reads and validates the files a nightly run registered and hands them out as {@link LineBlock}s, file by file in name
 * order, lines in file order. Parsing runs on reading threads of their own, one file per thread at a time (thread k
 * takes the k-th, (k+n)-th... file), each a few blocks ahead of the chunk being written, so parsing uses every core and
 * the order of the records is the order of the files whatever thread parsed them. The position saved with every
 * committed chunk is the line after the last block handed out, so a restart resumes at the first line not yet committed.
 */
class InboxReader implements ItemStreamReader<LineBlock> {

    private static final String FILE_KEY = "inbox.fileId";
    private static final String LINE_KEY = "inbox.nextLine";
    private static final Object FILE_END = new Object();
    /** Blocks parsed ahead of the writer, over all files (and again as many of the file being written). */
    private static final int BLOCKS_AHEAD = 16;

    /** A failure of a reading thread, handed over in the place of the file's next block. */
    private record Failure(RuntimeException exception) {
    }

    private final Path inbox;
    private final List<InboxFile> files;
    private final ConsumptionLineParser parser;
    private final IngestProgress progress;
    private final Set<String> orderBillTypes;
    private final int blockLines;
    private final int threads;
    private final boolean restart;
    private BlockingQueue<Object>[] queues;
    private Thread[] producers;
    private int startIndex;
    private final Object budget = new Object();
    private int ahead;
    private int[] counted;
    private volatile int current;
    private boolean started;
    private long fileId = -1;
    private long nextLine;

    /**
     * @param blockLines lines per block at most (a block never spans two files)
     * @param threads    reading threads
     * @param restart    the run is a restart: the files it registered before must still be the same bytes
     */
    InboxReader(Path inbox, List<InboxFile> files, ConsumptionLineParser parser, IngestProgress progress,
            Set<String> orderBillTypes, int blockLines, int threads, boolean restart) {
        this.inbox = inbox;
        this.restart = restart;
        this.files = files.stream().filter(f -> "REGISTERED".equals(f.status())).toList();
        this.parser = parser;
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
                throw new ItemStreamException("the run was reading file id " + savedFile + ", which is no longer registered");
            }
            fileId = savedFile;
            nextLine = savedLine;
            startLine = savedLine;
        }
        if (restart) {
            // a restart reads (and later archives) what the first attempt registered, or nothing
            for (int i = startIndex; i < files.size(); i++) {
                InboxFiles.requireUnchanged(inbox, files.get(i));
            }
        }
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
    }

    /** Parses files {@code first}, {@code first + step}... in turn. */
    private void produce(int first, int step, int resumeIndex, long resumeLine) {
        for (int i = first; i < files.size(); i += step) {
            try {
                produceFile(i, i == resumeIndex ? resumeLine : 0);
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

    private void produceFile(int index, long fromLine) throws InterruptedException {
        InboxFile file = files.get(index);
        BlockingQueue<Object> queue = queues[index];
        try (CsvFileReader reader = CsvFileReader.open(inbox.resolve(file.fileName()))) {
            CsvLine header = reader.next();
            if (header == null || !header.parsed()) {
                throw new ItemStreamException("inbox/" + file.fileName() + ": the header changed since registration");
            }
            ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
            if (fromLine > 0) {
                reader.skipTo(fromLine);
            }
            LineBlock.Builder block = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes, blockLines);
            CsvLine line;
            while ((line = reader.next()) != null) {
                block.add(line.lineNumber(), parser.process(new InboxLine(file.fileId(), layout, line)));
                io.partnersettlement.run.CrashPoints.reach("ingest.read");
                if (block.lines() == blockLines) {
                    handOver(index, block.build(reader.nextLineNumber(), reader.bytesRead()));
                    block = new LineBlock.Builder(file.fileId(), file.fileName(), orderBillTypes, blockLines);
                }
            }
            if (block.lines() > 0) {
                handOver(index, block.build(reader.nextLineNumber(), reader.bytesRead()));
            }
            queue.put(FILE_END);
        } catch (IOException e) {
            throw new ItemStreamException("inbox/" + file.fileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Queues a parsed block once the budget allows: the file being written may have {@link #BLOCKS_AHEAD} blocks
     * waiting, the other files as many between them, so memory stays bounded and the writer never waits for a thread
     * held up by files after its own.
     */
    private void handOver(int index, LineBlock block) throws InterruptedException {
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

    @Override
    public LineBlock read() throws InterruptedException {
        while (current < files.size()) {
            if (!started) {
                progress.fileStarted(files.get(current).fileName(), files.get(current).size());
                started = true;
            }
            Object next = take(current);
            if (next == FILE_END) {
                advance();
                started = false;
                continue;
            }
            if (next instanceof Failure f) {
                queues[current].clear();
                queues[current].put(f);
                throw f.exception();
            }
            LineBlock block = (LineBlock) next;
            taken(current);
            fileId = block.fileId();
            nextLine = block.nextLine();
            progress.linesRead(block.lines(), block.bytesRead());
            return block;
        }
        progress.finished();
        return null;
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
            for (Thread producer : producers) {
                producer.interrupt();
            }
            for (Thread producer : producers) {
                try {
                    producer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            producers = null;
            queues = null;
        }
    }
}
