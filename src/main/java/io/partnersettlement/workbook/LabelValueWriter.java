package io.partnersettlement.workbook;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * A sheet of labels in column A (bold) and values in column B, top to bottom — the header of a statement or an
 * invoice list. Values follow the rules of {@link TableWriter}: amounts are numbers in a currency format, dates
 * are dates, text is neutralised. A title may head the sheet ({@link #title}), one figure may stand out
 * ({@link #emphasised}), and a table may follow below the labels on the same sheet ({@link #table}).
 *
 * <p>In a document for people ({@link WorkbookFile#createDocument()}) a label given as a key shows as its document
 * label, and every key and value is also written to the hidden sheet {@code <sheet> data} (key in column A, value in
 * column B) for programs.
 */
public final class LabelValueWriter {

    private final WorkbookFile workbook;
    private final CellWriter cells;
    private final SXSSFSheet sheet;
    private final boolean forPeople;
    /** The widest label, and the widest value; text values apart, for text overflows into a table's empty cells. */
    private final int[] widths = new int[2];
    private int widestTextValue;
    private int nextRow;
    private SXSSFSheet data;
    private int nextDataRow;
    private TableWriter table;

    LabelValueWriter(WorkbookFile workbook, SXSSFSheet sheet, boolean forPeople) {
        this.workbook = workbook;
        this.cells = workbook.cells();
        this.sheet = sheet;
        this.forPeople = forPeople;
    }

    /** Writes the document's title, large and bold, in column A of the next row, followed by an empty row. */
    public LabelValueWriter title(String title) {
        requireOpen();
        Row row = sheet.createRow(nextRow++);
        row.setHeightInPoints(24);
        cells.writeTitle(row, 0, title);
        nextRow++;
        return this;
    }

    /** The figure a reader looks for first, e.g. the payable amount: larger, bold, shaded and boxed, label too. */
    public LabelValueWriter emphasised(String label, BigDecimal value, String currency) {
        String shown = Column.isCurrencyCode(currency) ? currency : null;
        put(label, CellKind.AMOUNT, shown, value);
        Row row = sheet.getRow(nextRow - 1);
        row.setHeightInPoints(20);
        row.getCell(0).setCellStyle(cells.styles().emphasised(CellKind.TEXT, null));
        if (row.getCell(1) != null) {
            row.getCell(1).setCellStyle(cells.styles().emphasised(CellKind.AMOUNT, shown));
        }
        widths[0] += 2; // the larger font
        widths[1] += 2;
        return this;
    }

    /** Writes {@code label} and its {@code value} of the given kind; {@code null} leaves the value empty. */
    public LabelValueWriter put(String label, CellKind kind, Object value) {
        return put(label, kind, null, value);
    }

    public LabelValueWriter text(String label, Object value) {
        return put(label, CellKind.TEXT, null, value);
    }

    /** An amount shown in {@code currency} (ISO 4217, or {@code null} for a plain two-decimal number). */
    public LabelValueWriter amount(String label, BigDecimal value, String currency) {
        return put(label, CellKind.AMOUNT, Column.isCurrencyCode(currency) ? currency : null, value);
    }

    public LabelValueWriter date(String label, LocalDate value) {
        return put(label, CellKind.DATE, null, value);
    }

    public LabelValueWriter count(String label, Number value) {
        return put(label, CellKind.COUNT, null, value);
    }

    public LabelValueWriter rate(String label, Number value) {
        return put(label, CellKind.RATE, null, value);
    }

    /** A ratio shown as a percentage: 0.06 shows 6.00%. */
    public LabelValueWriter percent(String label, Number value) {
        return put(label, CellKind.PERCENT, null, value);
    }

    public LabelValueWriter bool(String label, Boolean value) {
        return put(label, CellKind.BOOLEAN, null, value);
    }

    /** Leaves one row empty. */
    public LabelValueWriter blank() {
        requireOpen();
        nextRow++;
        return this;
    }

    /**
     * Starts a table below the labels, after one empty row, on this sheet; its header is frozen with the labels
     * above it, and it continues on {@code <sheet> (2)}, … when the sheet is full. No labels follow.
     */
    public TableWriter table(List<Column> columns) {
        requireOpen();
        // a text value overflows into the table's empty cells beside it: only numbers and dates widen the table's column
        table = new TableWriter(workbook, sheet, nextRow + 1, columns, widths, forPeople);
        workbook.register(table);
        return table;
    }

    public TableWriter table(Column... columns) {
        return table(Arrays.asList(columns));
    }

    void finish() {
        if (table == null) {
            sheet.setColumnWidth(0, TableWriter.columnWidth(widths[0]));
            sheet.setColumnWidth(1, TableWriter.columnWidth(Math.max(widths[1], widestTextValue)));
        }
        // with a table, the table sets the widths, the labels' widths included
        if (data != null) {
            data.setColumnWidth(0, TableWriter.columnWidth(30));
            data.setColumnWidth(1, TableWriter.columnWidth(30));
        }
    }

    private LabelValueWriter put(String label, CellKind kind, String currency, Object value) {
        requireOpen();
        if (nextRow >= workbook.maxRowsPerSheet()) {
            throw new IllegalStateException("sheet " + sheet.getSheetName() + " has no room for label " + label);
        }
        Row row = sheet.createRow(nextRow++);
        String shown = forPeople ? DocumentLabels.label(label) : label;
        widths[0] = Math.max(widths[0], cells.writeLabel(row, 0, shown, false));
        int width = cells.write(row, 1, kind, currency, value, false, label);
        if (kind == CellKind.TEXT) {
            widestTextValue = Math.max(widestTextValue, width);
        } else {
            widths[1] = Math.max(widths[1], width);
        }
        if (forPeople) {
            keep(DocumentLabels.key(shown), kind, currency, value);
        }
        return this;
    }

    /** Writes a key and its value on the hidden data sheet, which is made with the first of them. */
    private void keep(String key, CellKind kind, String currency, Object value) {
        if (data == null) {
            String name = sheet.getSheetName();
            data = workbook.newHiddenSheet((name.length() > 26 ? name.substring(0, 26) : name) + " data");
        }
        Row row = data.createRow(nextDataRow++);
        cells.writeKey(row, 0, key);
        cells.write(row, 1, kind, currency, value, false, key);
    }

    private void requireOpen() {
        if (table != null) {
            throw new IllegalStateException("sheet " + sheet.getSheetName() + " already holds its table");
        }
    }
}
