package io.partnersettlement.workbook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;

/**
 * Writes one value into one cell by the rules of SPEC section 9 and tells how wide it shows: money and counts
 * are numbers, dates are dates, and text that could start a formula is made inert.
 */
final class CellWriter {

    /** The longest text a cell holds. */
    static final int MAX_TEXT_LENGTH = 32_767;
    /** Columns are sized to their content up to this many characters. */
    static final int MAX_COLUMN_WIDTH = 60;

    private static final String TRUNCATED = "…[truncated]";

    private final CellStyles styles;

    CellWriter(CellStyles styles) {
        this.styles = styles;
    }

    CellStyles styles() {
        return styles;
    }

    /**
     * Writes {@code value} (nothing when null) and returns its display width in characters.
     *
     * @param currency the ISO code shown beside an amount, or {@code null}
     * @param what     names the column or label in error messages
     */
    int write(Row row, int column, CellKind kind, String currency, Object value, boolean bold, String what) {
        if (value == null) {
            return 0;
        }
        Cell cell = row.createCell(column);
        switch (kind) {
            case TEXT -> {
                String raw = value instanceof Enum<?> constant ? constant.name() : value.toString();
                String inert = inert(raw);
                String text = inert != null ? inert : limited(raw);
                cell.setCellValue(text);
                cell.setCellStyle(styles.of(CellKind.TEXT, null, bold, inert != null));
                return DisplayWidth.of(text, MAX_COLUMN_WIDTH);
            }
            case AMOUNT -> {
                BigDecimal amount = amount(value, what);
                cell.setCellValue(amount.doubleValue());
                cell.setCellStyle(styles.of(kind, currency, bold, false));
                return amountWidth(amount, currency);
            }
            case RATE, PERCENT -> {
                Number ratio = number(value, what);
                cell.setCellValue(ratio.doubleValue());
                cell.setCellStyle(styles.of(kind, null, bold, false));
                return kind == CellKind.PERCENT ? 8 : Math.min(12, Math.max(4, plain(ratio).length()));
            }
            case COUNT -> {
                Number count = number(value, what);
                cell.setCellValue(count.doubleValue());
                cell.setCellStyle(styles.of(kind, null, bold, false));
                return groupedWidth(Math.max(1, plain(count).length()));
            }
            case DATE -> {
                cell.setCellValue(date(value, what));
                cell.setCellStyle(styles.of(kind, null, bold, false));
                return 10;
            }
            case DATE_TIME -> {
                cell.setCellValue(dateTime(value, what));
                cell.setCellStyle(styles.of(kind, null, bold, false));
                return 19;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean flag)) {
                    throw new IllegalArgumentException(what + ": a boolean value is a Boolean, not " + typeOf(value));
                }
                cell.setCellValue(flag);
                cell.setCellStyle(styles.of(kind, null, bold, false));
                return 5;
            }
            default -> throw new IllegalStateException("unknown cell kind " + kind);
        }
    }

    /** Writes a header or label cell: our own words, neutralised all the same. */
    int writeLabel(Row row, int column, String label, boolean header) {
        Cell cell = row.createCell(column);
        String inert = inert(label);
        String text = inert != null ? inert : limited(label);
        cell.setCellValue(text);
        cell.setCellStyle(header ? styles.header() : styles.of(CellKind.TEXT, null, true, inert != null));
        // the filter drop-down button of a header takes about two characters
        return DisplayWidth.of(text, MAX_COLUMN_WIDTH) + (header ? 2 : 0);
    }

    /**
     * Writes a header cell of a document label: a bilingual one ({@code 含税激励 Amount incl tax}) on two lines, the
     * Chinese words above the English ones, so it takes the width of its longer part plus the filter button's two
     * characters. The line break reads as the space it replaces: the label still reads as its key.
     */
    int writeWrappedHeader(Row row, int column, String label) {
        int split = label.indexOf(' ');
        int chinese = split <= 0 ? 0 : DisplayWidth.of(label.substring(0, split), MAX_COLUMN_WIDTH);
        if (chinese <= split) { // no wide characters before the first space: no Chinese part
            int width = writeLabel(row, column, label, true);
            row.getCell(column).setCellStyle(styles.wrappedHeader());
            return width;
        }
        writeLabel(row, column, label.substring(0, split) + "\n" + label.substring(split + 1), true);
        row.getCell(column).setCellStyle(styles.wrappedHeader());
        // bold letters take about a tenth more than the column's unit
        int english = DisplayWidth.of(label.substring(split + 1), MAX_COLUMN_WIDTH);
        return Math.max(chinese, english + (english + 9) / 10) + 2;
    }

    /** Writes a document's title: large and bold, overflowing into the empty cells beside it. */
    void writeTitle(Row row, int column, String title) {
        Cell cell = row.createCell(column);
        String inert = inert(title);
        cell.setCellValue(inert != null ? inert : limited(title));
        cell.setCellStyle(inert != null ? styles.of(CellKind.TEXT, null, true, true) : styles.title());
    }

    /** Writes a column key for programs, plain. */
    void writeKey(Row row, int column, String key) {
        Cell cell = row.createCell(column);
        cell.setCellValue(limited(key));
        cell.setCellStyle(styles.key());
    }

    /**
     * The text to store when {@code text} could be read as a formula (it starts with =, +, -, @, tab, CR or LF):
     * the text behind a single quote, also stored in a quote-prefixed style; {@code null} when the text is harmless.
     */
    static String inert(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        boolean formulaLike = first == '=' || first == '+' || first == '-' || first == '@'
                || first == '\t' || first == '\r' || first == '\n';
        return formulaLike ? limited("'" + text) : null;
    }

    private static String limited(String text) {
        String clean = withoutXmlControlCharacters(text);
        return clean.length() <= MAX_TEXT_LENGTH ? clean
                : clean.substring(0, MAX_TEXT_LENGTH - TRUNCATED.length()) + TRUNCATED;
    }

    /** Control characters other than tab, CR and LF cannot be stored in the sheet's XML at all. */
    private static String withoutXmlControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                StringBuilder clean = new StringBuilder(text.length());
                for (int j = 0; j < text.length(); j++) {
                    char d = text.charAt(j);
                    clean.append(d < 0x20 && d != '\t' && d != '\n' && d != '\r' || d == 0xFFFE || d == 0xFFFF
                            ? '\uFFFD' : d);
                }
                return clean.toString();
            }
        }
        return text;
    }

    static BigDecimal amount(Object value, String what) {
        if (value instanceof BigDecimal amount) {
            return amount;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger whole) {
            return new BigDecimal(whole);
        }
        // money is never a binary floating point number (SPEC section 4)
        throw new IllegalArgumentException(what + ": an amount is a BigDecimal, not " + typeOf(value));
    }

    private static Number number(Object value, String what) {
        if (value instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException(what + ": expected a number, not " + typeOf(value));
    }

    private static LocalDate date(Object value, String what) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate();
        }
        throw new IllegalArgumentException(what + ": a date is a LocalDate, not " + typeOf(value));
    }

    private static LocalDateTime dateTime(Object value, String what) {
        if (value instanceof LocalDateTime dateTime) {
            return dateTime;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay();
        }
        throw new IllegalArgumentException(what + ": a date-time is a LocalDateTime, not " + typeOf(value));
    }

    private static String plain(Number number) {
        return number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
    }

    private static int amountWidth(BigDecimal amount, String currency) {
        int wholeDigits = Math.max(1, amount.precision() - amount.scale());
        // the blank after the figure takes one more
        return groupedWidth(wholeDigits) + 4 + (amount.signum() < 0 ? 1 : 0) + (currency == null ? 0 : 4);
    }

    private static int groupedWidth(int digits) {
        return digits + (digits - 1) / 3;
    }

    private static String typeOf(Object value) {
        return value.getClass().getSimpleName();
    }
}
