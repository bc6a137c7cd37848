package io.partnersettlement.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.InboxFiles.InboxFile;

/**
 * Reads and validates the lines of the files a nightly run registered, file by file in name order. Reading and
 * parsing run on a thread of their own, up to a chunk ahead of the chunk being written, so parsing and the database
 * work share the two cores. The position saved with every committed chunk is that of the last line handed
 * out, so a restart resumes at the first line not yet committed.
 */
class InboxReader implements ItemStreamReader<ParsedLine> {

    private static final String FILE_KEY = "inbox.fileId";
    private static final String LINE_KEY = "inbox.nextLine";
    private static final Object END = new Object();

    /** A parsed line with the position just after it. */
    private record Positioned(ParsedLine line, long fileId, long nextLine) {
    }

    /** A failure of the reading thread, handed to the chunk's thread. */
    private record Failure(RuntimeException exception) {
    }

    private final Path inbox;
    private final List<InboxFile> files;
    private final ConsumptionLineParser parser;
    private final IngestProgress progress;
    private final BlockingQueue<Object> queue;
    private final boolean restart;
    private Thread producer;
    private long fileId = -1;
    private long nextLine;

    /**
     * @param readAhead lines parsed ahead of the chunk being written: a whole chunk keeps parsing off the critical path
     * @param restart   the run is a restart: the files it registered before must still be the same bytes
     */
    InboxReader(Path inbox, List<InboxFile> files, ConsumptionLineParser parser, IngestProgress progress, int readAhead,
            boolean restart) {
        this.inbox = inbox;
        this.restart = restart;
        this.queue = new ArrayBlockingQueue<>(readAhead);
        this.files = files.stream().filter(f -> "REGISTERED".equals(f.status())).toList();
        this.parser = parser;
        this.progress = progress;
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
        int fromIndex = startIndex;
        long fromLine = startLine;
        producer = new Thread(() -> produce(fromIndex, fromLine), "inbox-reader");
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(int fromIndex, long fromLine) {
        try {
            for (int i = fromIndex; i < files.size(); i++) {
                InboxFile file = files.get(i);
                try (CsvFileReader reader = CsvFileReader.open(inbox.resolve(file.fileName()))) {
                    CsvLine header = reader.next();
                    if (header == null || !header.parsed()) {
                        throw new ItemStreamException("inbox/" + file.fileName() + ": the header changed since registration");
                    }
                    ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
                    if (i == fromIndex && fromLine > 0) {
                        reader.skipTo(fromLine);
                    }
                    progress.fileStarted(file.fileName(), reader, file.size());
                    CsvLine line;
                    while ((line = reader.next()) != null) {
                        progress.lineRead();
                        ParsedLine parsed = parser.process(new InboxLine(file.fileId(), layout, line));
                        io.partnersettlement.run.CrashPoints.reach("ingest.read");
                        queue.put(new Positioned(parsed, file.fileId(), reader.nextLineNumber()));
                    }
                } catch (IOException e) {
                    throw new ItemStreamException("inbox/" + file.fileName() + ": " + e.getMessage(), e);
                }
            }
            progress.finished();
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handOver(new Failure(new ItemStreamException("reading the inbox was interrupted")));
        } catch (RuntimeException e) {
            handOver(new Failure(e));
        }
    }

    /** Hands a failure to the chunk's thread even when the queue is full: the lines ahead of it are not needed. */
    private void handOver(Failure failure) {
        if (!queue.offer(failure)) {
            queue.clear();
            queue.offer(failure);
        }
    }

    @Override
    public ParsedLine read() throws InterruptedException {
        Object next = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        while (next == null) {
            if (producer == null || !producer.isAlive()) {
                next = queue.poll();
                if (next == null) {
                    throw new ItemStreamException("the thread reading the inbox stopped without finishing");
                }
                break;
            }
            next = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (next == END) {
            queue.put(END);
            return null;
        }
        if (next instanceof Failure f) {
            queue.put(f);
            throw f.exception();
        }
        Positioned p = (Positioned) next;
        fileId = p.fileId();
        nextLine = p.nextLine();
        return p.line();
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
        if (producer != null) {
            producer.interrupt();
            try {
                producer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer = null;
            queue.clear();
        }
    }
}
