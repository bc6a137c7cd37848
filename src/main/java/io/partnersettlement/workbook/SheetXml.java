package io.partnersettlement.workbook;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFRow;
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

    static final class Plain extends SheetDataWriter {

        /** Column letters of the first columns: a table's columns, every row. */
        private static final String[] COLUMN_LETTERS = new String[64];

        static {
            for (int i = 0; i < COLUMN_LETTERS.length; i++) {
                COLUMN_LETTERS[i] = CellReference.convertNumToColString(i);
            }
        }

        /** The 1-based number of the row being written, as text. */
        private String rowText;
        /** Style indexes as text, by index. */
        private String[] styleTexts = new String[64];

        Plain() throws IOException {
            super();
        }

        /** The temporary file of the sheet's XML. */
        File file() {
            return getTempFile();
        }

        @Override
        public void writeRow(int rownum, SXSSFRow row) throws IOException {
            rowText = Integer.toString(rownum + 1);
            super.writeRow(rownum, row);
        }

        /**
         * Text and number cells, nearly all of them, as POI writes them, without building a cell reference, and the
         * attributes' text, for every cell; the other kinds of cell by POI itself.
         */
        @Override
        public void writeCell(int columnIndex, Cell cell) throws IOException {
            if (cell == null) {
                return;
            }
            CellType type = cell.getCellType();
            if (type != CellType.STRING && type != CellType.NUMERIC) {
                super.writeCell(columnIndex, cell);
                return;
            }
            Writer out = _out;
            out.write("<c r=\"");
            out.write(columnIndex < COLUMN_LETTERS.length ? COLUMN_LETTERS[columnIndex]
                    : CellReference.convertNumToColString(columnIndex));
            out.write(rowText);
            out.write('"');
            int style = cell.getCellStyle().getIndex() & 0xffff;
            if (style != 0) {
                out.write(" s=\"");
                out.write(styleText(style));
                out.write('"');
            }
            if (type == CellType.STRING) {
                String text = cell.getStringCellValue();
                out.write(" t=\"inlineStr\"><is><t");
                if (text != null && !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                        || Character.isWhitespace(text.charAt(text.length() - 1)))) {
                    out.write(" xml:space=\"preserve\"");
                }
                out.write('>');
                escape(text, out);
                out.write("</t></is>");
            } else {
                out.write(" t=\"n\"><v>");
                out.write(Double.toString(cell.getNumericCellValue()));
                out.write("</v>");
            }
            out.write("</c>");
        }

        private String styleText(int style) {
            if (style >= styleTexts.length) {
                styleTexts = Arrays.copyOf(styleTexts, Math.max(style + 1, styleTexts.length * 2));
            }
            String text = styleTexts[style];
            if (text == null) {
                text = Integer.toString(style);
                styleTexts[style] = text;
            }
            return text;
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
