package io.partnersettlement.workbook;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * The temporary sheet XML of a streamed sheet, written byte for byte as POI writes it, without its per-character
 * costs: POI's writer takes a lock for every character of every escaped text and allocates for each code point,
 * which made writing the cells most of the time of a big workbook.
 */
final class SheetXml {

    private SheetXml() {
    }

    /**
     * A sheet data writer over a plain temporary file; where temporary space is short, POI's own writer of gzipped
     * temporary files, slower but a third of the size.
     */
    static SheetDataWriter writer(boolean compressed) throws IOException {
        return compressed ? new GZIPSheetDataWriter() : new Plain();
    }

    private static final class Plain extends SheetDataWriter {

        Plain() throws IOException {
            super();
        }

        @Override
        public Writer createWriter(File fd) throws IOException {
            return new Utf8Writer(new FileOutputStream(fd));
        }

        @Override
        protected void outputEscapedString(String s) throws IOException {
            escape(s, _out);
        }
    }

    /**
     * POI's escaping of cell text, the same output: markup characters and line breaks as entities, control characters
     * and the two non-characters U+FFFE and U+FFFF as question marks, everything else as is.
     */
    static void escape(String s, Writer out) throws IOException {
        if (s == null) {
            return;
        }
        int length = s.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String entity = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\n' -> "&#xa;";
                case '\r' -> "&#xd;";
                case '\t' -> "&#x9;";
                case '\u00A0' -> "&#xa0;";
                default -> c < ' ' || c >= '\uFFFE' ? "?" : null;
            };
            if (entity != null) {
                out.write(s, plainFrom, i - plainFrom);
                out.write(entity);
                plainFrom = i + 1;
            }
        }
        out.write(s, plainFrom, length - plainFrom);
    }

    /**
     * UTF-8 over a byte buffer, unsynchronized: one sheet is written by one thread. A surrogate that is not half of a
     * pair becomes '?', as with {@link java.io.OutputStreamWriter}.
     */
    static final class Utf8Writer extends Writer {

        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private char highSurrogate;
        private boolean closed;

        Utf8Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws IOException {
            put((char) c);
        }

        @Override
        public void write(String s, int offset, int length) throws IOException {
            for (int i = offset, end = offset + length; i < end; i++) {
                char c = s.charAt(i);
                if (c < 0x80 && highSurrogate == 0) {
                    if (position == buffer.length) {
                        drain();
                    }
                    buffer[position++] = (byte) c;
                } else {
                    put(c);
                }
            }
        }

        @Override
        public void write(String s) throws IOException {
            write(s, 0, s.length());
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            for (int i = offset, end = offset + length; i < end; i++) {
                put(chars[i]);
            }
        }

        private void put(char c) throws IOException {
            if (position + 4 > buffer.length) {
                drain();
            }
            if (highSurrogate != 0) {
                char high = highSurrogate;
                highSurrogate = 0;
                if (Character.isLowSurrogate(c)) {
                    int codePoint = Character.toCodePoint(high, c);
                    buffer[position++] = (byte) (0xF0 | codePoint >> 18);
                    buffer[position++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                    buffer[position++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                    buffer[position++] = (byte) (0x80 | codePoint & 0x3F);
                    return;
                }
                buffer[position++] = '?';
            }
            if (c < 0x80) {
                buffer[position++] = (byte) c;
            } else if (c < 0x800) {
                buffer[position++] = (byte) (0xC0 | c >> 6);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                highSurrogate = c;
            } else if (Character.isLowSurrogate(c)) {
                buffer[position++] = '?';
            } else {
                buffer[position++] = (byte) (0xE0 | c >> 12);
                buffer[position++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[position++] = (byte) (0x80 | c & 0x3F);
            }
        }

        private void drain() throws IOException {
            if (position > 0) {
                out.write(buffer, 0, position);
                position = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (highSurrogate != 0) {
                highSurrogate = 0;
                put('?');
            }
            try {
                drain();
            } finally {
                out.close();
            }
        }
    }
}
