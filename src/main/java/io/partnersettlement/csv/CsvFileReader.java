package io.partnersettlement.csv;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a CSV file as logical lines: UTF-8 with or without a byte-order mark, plain or gzip ({@code .gz}),
 * LF or CRLF line ends, quoted fields that span lines. A line longer than 64 KiB is not held in memory: it comes back
 * as a line that does not parse, with its length.
 *
 * <p>Invalid UTF-8 and a broken gzip stream fail the read with an {@link IOException} naming the line.
 */
public final class CsvFileReader implements Closeable {

    /** A quoted field may hold line breaks, but not more than this many lines: past it the line is malformed. */
    static final int MAX_PHYSICAL_LINES_PER_RECORD = 200;
    /** How much of a line too long to read is shown in its reject. */
    static final int OVERLONG_LINE_SHOWN = 200;

    /** One physical line: its text, or only its start when it is longer than a line may be (its length then). */
    private record Physical(String text, long overlongBytes) {
    }

    private final Path file;
    private final Utf8LineReader reader;
    private final Deque<Physical> pushedBack = new ArrayDeque<>();
    /** Physical line number of the next line {@link #readPhysical()} returns. */
    private long nextLine = 1;

    private CsvFileReader(Path file, Utf8LineReader reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Bytes of the file read so far (compressed bytes for a gzip file): how far through the file the reader is. */
    public long bytesRead() {
        return counter.count;
    }

    /** Counts the bytes read from the file, and digests them when asked to. */
    private static final class CountingStream extends FilterInputStream {
        volatile long count;
        final MessageDigest digest;

        CountingStream(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                if (digest != null) {
                    digest.update((byte) b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
                if (digest != null) {
                    digest.update(buffer, offset, n);
                }
            }
            return n;
        }
    }

    private CountingStream counter;

    public static CsvFileReader open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * @param digest whether the bytes read are digested (SHA-256) as they are read, for {@link #finish()}: what was
     *               read can then be told from what was registered without reading the file twice
     */
    public static CsvFileReader open(Path file, boolean digest) throws IOException {
        MessageDigest sha = null;
        if (digest) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        // a symbolic link is never followed: the inbox's files are read as themselves
        CountingStream counter = new CountingStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
                sha);
        InputStream in = new BufferedInputStream(counter, 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        CsvFileReader reader = new CsvFileReader(file, new Utf8LineReader(in));
        reader.counter = counter;
        return reader;
    }

    /**
     * Reads what is left of the file (a gzip trailer, bytes after the last line a reader stops at) and gives the
     * SHA-256 of every byte read, in hex; {@link #bytesRead()} is then the file's whole size as read. Only for a reader
     * opened with a digest, at the end of its lines.
     */
    public String finish() throws IOException {
        counter.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(counter.digest.digest());
    }

    /** Physical line number of the next line to be read; {@code nextLineNumber() - 1} lines are behind. */
    public long nextLineNumber() {
        return nextLine;
    }

    /** Skips physical lines until {@code lineNumber} is the next one (used to resume where a run stopped). */
    public void skipTo(long lineNumber) throws IOException {
        while (nextLine < lineNumber) {
            if (readPhysical() == null) {
                throw new IOException(file.getFileName() + " has fewer lines than the run had already read ("
                        + (lineNumber - 1) + "): was it replaced?");
            }
        }
    }

    /** The next logical line, or {@code null} at the end of the file. Blank lines are skipped. */
    public CsvLine next() throws IOException {
        Physical first;
        long start;
        do {
            start = nextLine;
            first = readPhysical();
            if (first == null) {
                return null;
            }
        } while (first.text().isEmpty() && first.overlongBytes() == 0);
        if (first.overlongBytes() > 0) {
            return overlong(start, first);
        }
        if (!CsvSplitter.quoteOpen(first.text())) {
            return splitLine(start, first.text());
        }
        StringBuilder text = new StringBuilder(first.text());
        Deque<Physical> consumed = new ArrayDeque<>();
        while (consumed.size() < MAX_PHYSICAL_LINES_PER_RECORD && text.length() <= Utf8LineReader.MAX_LINE_BYTES) {
            Physical more = readPhysical();
            if (more == null) {
                break;
            }
            consumed.addLast(more);
            if (more.overlongBytes() > 0) {
                break;
            }
            text.append('\n').append(more.text());
            if (!CsvSplitter.quoteOpen(text)) {
                return splitLine(start, text.toString());
            }
        }
        // the quote never closes: only the first line is bad, the lines after it are read again as lines of their own
        while (!consumed.isEmpty()) {
            pushBack(consumed.removeLast());
        }
        return new CsvLine(start, first.text(), null, "unterminated quoted field");
    }

    /** A line too long to be a record: reported with its length and its start only, never held whole. */
    private static CsvLine overlong(long lineNumber, Physical line) {
        String start = line.text().length() > OVERLONG_LINE_SHOWN ? line.text().substring(0, OVERLONG_LINE_SHOWN) : line.text();
        return new CsvLine(lineNumber, start + "…", null, "line of " + line.overlongBytes() + " bytes; a line may have at most "
                + Utf8LineReader.MAX_LINE_BYTES);
    }

    private static CsvLine splitLine(long lineNumber, String text) {
        try {
            return new CsvLine(lineNumber, text, CsvSplitter.split(text), null);
        } catch (CsvSplitter.MalformedLineException e) {
            return new CsvLine(lineNumber, text, null, e.getMessage());
        }
    }

    private Physical readPhysical() throws IOException {
        Physical line;
        if (!pushedBack.isEmpty()) {
            line = pushedBack.removeFirst();
        } else {
            try {
                String text = reader.readLine();
                line = text == null ? null : new Physical(text, reader.overlongBytes());
            } catch (CharacterCodingException e) {
                throw new IOException(file.getFileName() + " line " + nextLine + ": not valid UTF-8 text"
                        + " (the engine reads UTF-8 only; convert the file, e.g. from GBK, and drop it in again)", e);
            } catch (EOFException e) {
                throw new IOException(file.getFileName() + " line " + nextLine + ": the compressed file is truncated", e);
            } catch (ZipException e) {
                throw new IOException(file.getFileName() + " line " + nextLine + ": the compressed file is corrupt: "
                        + e.getMessage(), e);
            }
        }
        if (line != null) {
            nextLine++;
        }
        return line;
    }

    private void pushBack(Physical line) {
        pushedBack.addFirst(line);
        nextLine--;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
