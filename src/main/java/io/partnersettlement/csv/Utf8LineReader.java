package io.partnersettlement.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of strict UTF-8 (LF or CRLF ends) from a byte stream. Decoding line by line is what lets invalid text be
 * reported with the line it is on; plain ASCII lines, the usual case, take a fast path. A line longer than
 * {@link #MAX_LINE_BYTES} is read to its end but only its start is kept, so memory stays bounded whatever the input.
 */
final class Utf8LineReader {

    /** A consumption record is a few hundred bytes: a line past this is not a record, and is not held in memory. */
    static final int MAX_LINE_BYTES = 1 << 16;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Length in bytes of the last line read when it was longer than {@link #MAX_LINE_BYTES}, else 0. */
    private long overlongBytes;

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The length in bytes of the line {@link #readLine()} last returned when that line was too long to keep: it then
     * returned only the line's start. 0 for a line kept whole.
     */
    long overlongBytes() {
        return overlongBytes;
    }

    /** The next line without its line end, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        int length = 0;
        long total = 0;
        byte last = 0;
        boolean ascii = true;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                ascii &= buffer[end] >= 0;
                end++;
            }
            int chunk = end - start;
            if (chunk > 0) {
                total += chunk;
                last = buffer[end - 1];
            }
            int kept = Math.min(chunk, MAX_LINE_BYTES - length);
            if (length + kept > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + kept)));
            }
            System.arraycopy(buffer, start, line, length, kept);
            length += kept;
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        if (last == '\r') {
            total--;
            if (length == total + 1) {
                length--;
            }
        }
        overlongBytes = total > MAX_LINE_BYTES ? total : 0;
        if (overlongBytes > 0) {
            // the kept start may end inside a character: drop its continuation bytes and its lead byte
            while (length > 0 && (line[length - 1] & 0xC0) == 0x80) {
                length--;
            }
            if (length > 0 && line[length - 1] < 0) {
                length--;
            }
        }
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw e;
        }
    }

    void close() throws IOException {
        in.close();
    }
}
