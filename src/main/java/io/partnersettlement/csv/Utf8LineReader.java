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
 * reported with the line it is on; plain ASCII lines, the usual case, take a fast path.
 */
final class Utf8LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[512];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its line end, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        int length = 0;
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
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (end < limit) {
                position = end + 1;
                break;
            }
            position = limit;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
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
