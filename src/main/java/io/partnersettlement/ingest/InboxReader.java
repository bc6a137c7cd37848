package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.InboxFiles.InboxFile;

/**
 * Reads the lines of the files a nightly run registered, file by file in name order. Its position (file and line)
 * is saved with every committed chunk, so a restart resumes at the first line not yet committed.
 */
class InboxReader implements ItemStreamReader<InboxLine> {

    private static final String FILE_KEY = "inbox.fileId";
    private static final String LINE_KEY = "inbox.nextLine";

    private final Path inbox;
    private final List<InboxFile> files;
    private int index = -1;
    private CsvFileReader current;
    private ConsumptionColumn.Layout layout;
    private IngestProgress progress;

    InboxReader(Path inbox, List<InboxFile> files, IngestProgress progress) {
        this.inbox = inbox;
        this.files = files.stream().filter(f -> "REGISTERED".equals(f.status())).toList();
        this.progress = progress;
    }

    @Override
    public void open(ExecutionContext context) {
        if (!context.containsKey(FILE_KEY)) {
            return;
        }
        long fileId = context.getLong(FILE_KEY);
        long nextLine = context.getLong(LINE_KEY);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).fileId() == fileId) {
                InboxFile file = files.get(i);
                if (nextLine == Long.MAX_VALUE) {
                    index = i;
                    return;
                }
                Path path = inbox.resolve(file.fileName());
                if (!java.nio.file.Files.exists(path) || InboxFiles.size(path) != file.size()
                        || !InboxFiles.sha256(path).equals(file.sha256())) {
                    throw new ItemStreamException("inbox/" + file.fileName() + " changed (or disappeared) since the run "
                            + "started reading it: a restart must read the same file. Put the original back, or abandon "
                            + "this run and start a new one");
                }
                index = i - 1;
                openNext();
                try {
                    current.skipTo(nextLine);
                } catch (IOException e) {
                    throw new ItemStreamException(e.getMessage(), e);
                }
                return;
            }
        }
        throw new ItemStreamException("the run was reading file id " + fileId + ", which is no longer registered");
    }

    @Override
    public InboxLine read() {
        try {
            while (true) {
                if (current == null && !openNext()) {
                    return null;
                }
                CsvLine line = current.next();
                if (line != null) {
                    progress.lineRead();
                    return new InboxLine(files.get(index).fileId(), layout, line);
                }
                current.close();
                current = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private boolean openNext() {
        if (index + 1 >= files.size()) {
            return false;
        }
        index++;
        InboxFile file = files.get(index);
        try {
            current = CsvFileReader.open(inbox.resolve(file.fileName()));
            CsvLine header = current.next();
            if (header == null || !header.parsed()) {
                throw new ItemStreamException("inbox/" + file.fileName() + ": the header changed since registration");
            }
            layout = ConsumptionColumn.Layout.of(header.fields());
            progress.fileStarted(file.fileName());
            return true;
        } catch (IOException e) {
            throw new ItemStreamException("inbox/" + file.fileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void update(ExecutionContext context) {
        if (index >= 0 && index < files.size()) {
            context.putLong(FILE_KEY, files.get(index).fileId());
            context.putLong(LINE_KEY, current == null ? Long.MAX_VALUE : current.nextLineNumber());
        }
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                throw new ItemStreamException(e);
            }
            current = null;
        }
    }
}
