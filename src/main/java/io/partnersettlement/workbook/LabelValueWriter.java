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
 * are dates, text is neutralised. A table may follow below the labels on the same sheet ({@link #table}).
 */
public final class LabelValueWriter {

    private final WorkbookFile workbook;
    private final CellWriter cells;
    private final SXSSFSheet sheet;
    private final int[] widths = new int[2];
    private int nextRow;
    private TableWriter table;

    LabelValueWriter(WorkbookFile workbook, SXSSFSheet sheet) {
        this.workbook = workbook;
        this.cells = workbook.cells();
        this.sheet = sheet;
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
        table = new TableWriter(workbook, sheet, nextRow + 1, columns, widths);
        workbook.register(table);
        return table;
    }

    public TableWriter table(Column... columns) {
        return table(Arrays.asList(columns));
    }

    void finish() {
        if (table == null) {
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, TableWriter.columnWidth(widths[i]));
            }
        }
        // with a table, the table sets the widths, the labels' widths included
    }

    private LabelValueWriter put(String label, CellKind kind, String currency, Object value) {
        requireOpen();
        if (nextRow >= workbook.maxRowsPerSheet()) {
            throw new IllegalStateException("sheet " + sheet.getSheetName() + " has no room for label " + label);
        }
        Row row = sheet.createRow(nextRow++);
        widths[0] = Math.max(widths[0], cells.writeLabel(row, 0, label, false));
        widths[1] = Math.max(widths[1], cells.write(row, 1, kind, currency, value, false, label));
        return this;
    }

    private void requireOpen() {
        if (table != null) {
            throw new IllegalStateException("sheet " + sheet.getSheetName() + " already holds its table");
        }
    }
}
