package io.partnersettlement.workbook;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of one workbook, created once each: a workbook holds at most 64,000 styles. */
final class CellStyles {

    /** Two decimals, and a blank the width of a parenthesis after the figure: it never touches the next column's text. */
    static final String AMOUNT_FORMAT = "#,##0.00_);-#,##0.00_)";
    /** Money to the cent where no cell follows: a chart's axis and points. */
    static final String CENTS_FORMAT = "#,##0.00";
    static final String RATE_FORMAT = "0.00######";
    static final String PERCENT_FORMAT = "0.00%";
    static final String COUNT_FORMAT = "#,##0";
    static final String DATE_FORMAT = "yyyy-mm-dd";
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    static final String TEXT_FORMAT = "@";
    /**
     * TRUE or FALSE: spreadsheet programs show a boolean cell so by themselves, except LibreOffice, which may show a
     * boolean cell without this format as 0 or 1.
     */
    static final String BOOLEAN_FORMAT = "\"TRUE\";\"TRUE\";\"FALSE\"";

    private record Key(CellKind kind, String currency, boolean bold, boolean quoted) {
    }

    private final Workbook workbook;
    private final DataFormat formats;
    private final Font boldFont;
    /**
     * Styles without a currency, by slot (kind, bold, quoted: see {@link #of}); those of each currency likewise. No
     * lookup key is made per cell.
     */
    private final CellStyle[] plain = new CellStyle[CellKind.values().length * 4];
    private final Map<String, CellStyle[]> byCurrency = new HashMap<>();
    private final CellStyle header;
    private CellStyle title;
    private CellStyle wrappedHeader;
    private final CellStyle[] wrappedText = new CellStyle[2];
    private CellStyle key;
    private final Map<String, CellStyle> emphasised = new HashMap<>();

    CellStyles(Workbook workbook) {
        this.workbook = workbook;
        this.formats = workbook.createDataFormat();
        this.boldFont = workbook.createFont();
        boldFont.setBold(true);
        this.header = workbook.createCellStyle();
        header.setFont(boldFont);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setDataFormat(formats.getFormat(TEXT_FORMAT));
    }

    CellStyle header() {
        return header;
    }

    /** A header of document labels: wrapped at the space between the Chinese words and the English ones. */
    CellStyle wrappedHeader() {
        if (wrappedHeader == null) {
            wrappedHeader = workbook.createCellStyle();
            wrappedHeader.cloneStyleFrom(header);
            wrappedHeader.setWrapText(true);
            wrappedHeader.setVerticalAlignment(VerticalAlignment.TOP);
        }
        return wrappedHeader;
    }

    /**
     * Text wrapped within its column's width; its last line on the baseline of the row's other cells, as they all sit at
     * the bottom of the row. {@code quoted} as in {@link #of}.
     */
    CellStyle wrappedText(boolean quoted) {
        int slot = quoted ? 1 : 0;
        if (wrappedText[slot] == null) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(formats.getFormat(TEXT_FORMAT));
            style.setQuotePrefixed(quoted);
            style.setWrapText(true);
            wrappedText[slot] = style;
        }
        return wrappedText[slot];
    }

    /** A document's title: large and bold. */
    CellStyle title() {
        if (title == null) {
            Font font = workbook.createFont();
            font.setBold(true);
            font.setFontHeightInPoints((short) 16);
            title = workbook.createCellStyle();
            title.setFont(font);
        }
        return title;
    }

    /** A column key kept for programs in a hidden row: plain text. */
    CellStyle key() {
        if (key == null) {
            key = workbook.createCellStyle();
            key.setDataFormat(formats.getFormat(TEXT_FORMAT));
        }
        return key;
    }

    /**
     * The figure a reader looks for first, and its label (kind {@link CellKind#TEXT}): larger, bold, shaded and boxed,
     * so it stands out on screen and in black-and-white print.
     */
    CellStyle emphasised(CellKind kind, String currency) {
        return emphasised.computeIfAbsent(kind + ":" + currency, k -> {
            Font font = workbook.createFont();
            font.setBold(true);
            font.setFontHeightInPoints((short) 13);
            CellStyle style = workbook.createCellStyle();
            style.setFont(font);
            style.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            style.setBorderTop(BorderStyle.MEDIUM);
            style.setBorderBottom(BorderStyle.MEDIUM);
            style.setBorderLeft(BorderStyle.MEDIUM);
            style.setBorderRight(BorderStyle.MEDIUM);
            String format = format(kind, currency);
            if (format != null) {
                style.setDataFormat(formats.getFormat(format));
            }
            return style;
        });
    }

    /** The style of a value cell; {@code quoted} marks text that must never be read as a formula. */
    CellStyle of(CellKind kind, String currency, boolean bold, boolean quoted) {
        CellStyle[] styles = currency == null ? plain
                : byCurrency.computeIfAbsent(currency, code -> new CellStyle[plain.length]);
        int slot = kind.ordinal() * 4 + (bold ? 2 : 0) + (quoted ? 1 : 0);
        CellStyle style = styles[slot];
        if (style == null) {
            style = create(new Key(kind, currency, bold, quoted));
            styles[slot] = style;
        }
        return style;
    }

    private CellStyle create(Key key) {
        CellStyle style = workbook.createCellStyle();
        if (key.bold()) {
            style.setFont(boldFont);
        }
        style.setQuotePrefixed(key.quoted());
        if (key.kind() == CellKind.BOOLEAN) {
            style.setAlignment(HorizontalAlignment.CENTER); // off the next column's text
        }
        String format = format(key.kind(), key.currency());
        if (format != null) {
            style.setDataFormat(formats.getFormat(format));
        }
        return style;
    }

    static String format(CellKind kind, String currency) {
        return switch (kind) {
            case TEXT -> TEXT_FORMAT;
            case AMOUNT -> currency == null ? AMOUNT_FORMAT
                    : "#,##0.00 \"" + currency + "\"_);-#,##0.00 \"" + currency + "\"_)";
            case RATE -> RATE_FORMAT;
            case PERCENT -> PERCENT_FORMAT;
            case COUNT -> COUNT_FORMAT;
            case DATE -> DATE_FORMAT;
            case DATE_TIME -> DATE_TIME_FORMAT;
            case BOOLEAN -> BOOLEAN_FORMAT;
        };
    }
}
