package io.partnersettlement.workbook;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import io.partnersettlement.fault.CrashPoints;

/**
 * A table streamed into a sheet: a bold, frozen header row with an autofilter, then one row per {@link #row}
 * call. When a sheet is full the table continues on a new sheet named {@code <name> (2)}, {@code <name> (3)}, …
 * with the same header. Column widths follow the widest value written (SXSSF cannot size flushed rows itself).
 *
 * <p>Values are given in column order: {@link java.math.BigDecimal} for amounts (never binary floating point), any number for
 * rates and counts, {@link java.time.LocalDate} for dates, {@link java.time.LocalDateTime} for date-times,
 * {@link Boolean} for booleans, anything for text ({@code toString()}, an enum's name); {@code null} leaves the
 * cell empty.
 *
 * <p>Rows of the table are counted in amount and count columns, so {@link #totals(String)} can write the total
 * rows as plain numbers, right for readers that never recalculate formulas. Created by
 * {@link WorkbookFile#table} or {@link LabelValueWriter#table}; finished by {@link WorkbookFile#save}.
 */
public final class TableWriter {

    /** A line chart plots at most this many rows: a chart of more points is unreadable anyway. */
    static final int CHART_POINT_LIMIT = 10_000;

    private static final String NO_CURRENCY = "";

    /** Line colours of chart series, in order: the usual office palette, distinct in print too. */
    private static final byte[][] SERIES_COLOURS = {
            rgb(0x4472C4), rgb(0xED7D31), rgb(0x70AD47), rgb(0xFFC000), rgb(0x5B9BD5), rgb(0xA5A5A5),
            rgb(0x264478), rgb(0x9E480E), rgb(0x43682B), rgb(0x997300), rgb(0x255E91), rgb(0x636363)};

    /** One sheet of the table. */
    private static final class Part {
        final SXSSFSheet sheet;
        final int headerRow;
        int lastDataRow;

        Part(SXSSFSheet sheet, int headerRow) {
            this.sheet = sheet;
            this.headerRow = headerRow;
            this.lastDataRow = headerRow;
        }
    }

    /** A line chart asked for, and the points it will plot. */
    private record ChartPlan(String title, String categoryAxisTitle, int categoryColumn, int[] seriesColumns,
                             List<String> categories, List<List<Double>> series) {
    }

    /** Rows a chart takes on the sheet, the gap below it included: charts stack downwards beside the table. */
    private static final int CHART_ROWS = 22;

    private enum State { OPEN, TOTALLED, FINISHED }

    private final WorkbookFile workbook;
    private final CellWriter cells;
    private final String name;
    private final List<Column> columns;
    private final int[] currencySourceOf;
    private final int currencyColumn;
    private final boolean[] summed;
    private final boolean[] wrapped;
    private final int[] widths;
    private final boolean forPeople;
    private boolean document;
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, BigDecimal[]> sumsByCurrency = new HashMap<>();
    private Part current;
    private int nextRow;
    private long rowCount;
    private final List<ChartPlan> charts = new ArrayList<>();
    private State state = State.OPEN;

    TableWriter(WorkbookFile workbook, SXSSFSheet firstSheet, int headerRow, List<Column> columns, int[] seedWidths,
            boolean forPeople) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table has at least one column");
        }
        this.workbook = workbook;
        this.cells = workbook.cells();
        this.name = firstSheet.getSheetName();
        this.columns = List.copyOf(columns);
        this.currencySourceOf = new int[columns.size()];
        this.summed = new boolean[columns.size()];
        this.wrapped = new boolean[columns.size()];
        int sharedCurrencyColumn = -1;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            summed[i] = column.kind() == CellKind.AMOUNT || column.kind() == CellKind.COUNT;
            currencySourceOf[i] = -1;
            if (column.currencyColumn() != null) {
                int source = indexOf(column.currencyColumn());
                if (this.columns.get(source).kind() != CellKind.TEXT) {
                    throw new IllegalArgumentException("currency column " + column.currencyColumn() + " is not text");
                }
                if (sharedCurrencyColumn >= 0 && sharedCurrencyColumn != source) {
                    throw new IllegalArgumentException("the amounts of one table take their currency from one column");
                }
                sharedCurrencyColumn = source;
                currencySourceOf[i] = source;
            }
        }
        this.currencyColumn = sharedCurrencyColumn;
        this.widths = Arrays.copyOf(seedWidths, Math.max(seedWidths.length, columns.size()));
        this.forPeople = forPeople;
        startPart(firstSheet, headerRow);
    }

    /**
     * Wraps the text of column {@code header} within the column's width (at most {@value CellWriter#MAX_COLUMN_WIDTH}
     * characters) instead of cutting it off on screen and in print: for notes and explanations.
     */
    public TableWriter wrap(String header) {
        wrapped[indexOf(header)] = true;
        return this;
    }

    /**
     * Lays the table out as a printed list rather than a working sheet: no filter buttons on its header and no frozen
     * pane. Its header row still repeats on every printed page.
     */
    public TableWriter asDocument() {
        document = true;
        for (Part part : parts) {
            part.sheet.createFreezePane(0, 0); // (0, 0) removes the pane
        }
        return this;
    }

    /**
     * Plots the rows of this table as a native line chart beside it: one line per series column, the category
     * axis from {@code categoryColumn} (typically the dates) titled {@code categoryAxisTitle}. Ask before the first
     * row; the chart covers the rows of the first sheet, at most {@value #CHART_POINT_LIMIT}. Each further chart goes
     * below the one before: one chart per unit keeps every line readable on its own axis.
     */
    public TableWriter lineChart(String title, String categoryAxisTitle, String categoryColumn, String... seriesColumns) {
        if (rowCount > 0 || state != State.OPEN) {
            throw new IllegalStateException("ask for the chart of " + name + " before writing its rows");
        }
        if (seriesColumns.length == 0) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        int[] series = new int[seriesColumns.length];
        List<List<Double>> values = new ArrayList<>();
        for (int i = 0; i < seriesColumns.length; i++) {
            series[i] = indexOf(seriesColumns[i]);
            CellKind kind = columns.get(series[i]).kind();
            if (kind == CellKind.TEXT || kind == CellKind.BOOLEAN || kind == CellKind.DATE || kind == CellKind.DATE_TIME) {
                throw new IllegalArgumentException("series " + seriesColumns[i] + " is not numeric");
            }
            values.add(new ArrayList<>());
        }
        charts.add(new ChartPlan(title, categoryAxisTitle, indexOf(categoryColumn), series, new ArrayList<>(), values));
        return this;
    }

    /** Writes one row, values in column order. */
    public TableWriter row(Object... values) {
        if (state != State.OPEN) {
            throw new IllegalStateException("table " + name + " takes no more rows after its totals");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("table " + name + " has " + columns.size() + " columns, got "
                    + values.length + " values");
        }
        CrashPoints.reach("workbook.row");
        ensureRoom();
        Row row = current.sheet.createRow(nextRow);
        String currency = currencyColumn >= 0 ? currencyCode(values[currencyColumn]) : null;
        BigDecimal[] sums = sumsByCurrency.computeIfAbsent(currency == null ? NO_CURRENCY : currency,
                key -> new BigDecimal[columns.size()]);
        for (int i = 0; i < values.length; i++) {
            Column column = columns.get(i);
            String shownCurrency = column.currency() != null ? column.currency()
                    : currencySourceOf[i] >= 0 ? currency : null;
            int width = cells.write(row, i, column.kind(), shownCurrency, values[i], false, column.header());
            if (wrapped[i] && values[i] != null) {
                var cell = row.getCell(i);
                cell.setCellStyle(cells.styles().wrappedText(cell.getCellStyle().getQuotePrefixed()));
                // readers do not fit a row's height to wrapped text by themselves: as many lines as the text takes in
                // a full-width column, where an average letter is narrower than the digit a column's width counts
                int lines = (int) Math.ceil(DisplayWidth.of(cell.getStringCellValue(), CellWriter.MAX_TEXT_LENGTH)
                        / (CellWriter.MAX_COLUMN_WIDTH * 1.2));
                if (lines > 1) {
                    row.setHeightInPoints(Math.max(row.getHeightInPoints(),
                            lines * current.sheet.getDefaultRowHeightInPoints()));
                }
            }
            if (width > widths[i]) {
                widths[i] = width;
            }
            if (summed[i] && values[i] != null) {
                BigDecimal value = decimal(values[i], column.header());
                sums[i] = sums[i] == null ? value : sums[i].add(value);
            }
        }
        current.lastDataRow = nextRow++;
        rowCount++;
        if (parts.size() == 1) {
            for (ChartPlan chart : charts) {
                if (chart.categories().size() < CHART_POINT_LIMIT) {
                    keepChartPoint(chart, values);
                }
            }
        }
        return this;
    }

    /** Writes one row, values in column order. */
    public TableWriter row(List<?> values) {
        return row(values.toArray());
    }

    /**
     * Writes the total rows below the data, in bold: the sum of every amount and count column, one row per
     * currency when the amounts take their currency from a column (currencies in alphabetical order).
     * {@code label} goes into the first column that is neither summed nor the currency. Sums are exact; no formula
     * is written. The table takes no rows afterwards.
     */
    public TableWriter totals(String label) {
        if (state != State.OPEN) {
            throw new IllegalStateException("table " + name + " already has its totals");
        }
        Map<String, BigDecimal[]> groups = new TreeMap<>(sumsByCurrency);
        if (groups.isEmpty()) {
            groups.put(NO_CURRENCY, new BigDecimal[columns.size()]);
        }
        int labelColumn = -1;
        for (int i = 0; i < columns.size() && labelColumn < 0; i++) {
            if (!summed[i] && i != currencyColumn) {
                labelColumn = i;
            }
        }
        String shownLabel = forPeople ? DocumentLabels.label(label) : label;
        for (Map.Entry<String, BigDecimal[]> group : groups.entrySet()) {
            String currency = group.getKey().equals(NO_CURRENCY) ? null : group.getKey();
            ensureRoom();
            Row row = current.sheet.createRow(nextRow++);
            for (int i = 0; i < columns.size(); i++) {
                Column column = columns.get(i);
                Object value = null;
                CellKind kind = column.kind();
                if (i == labelColumn) {
                    value = shownLabel;
                    kind = CellKind.TEXT;
                } else if (i == currencyColumn) {
                    value = currency;
                } else if (summed[i]) {
                    BigDecimal sum = group.getValue()[i];
                    value = sum == null ? BigDecimal.ZERO : sum;
                }
                String shownCurrency = column.currency() != null ? column.currency()
                        : currencySourceOf[i] >= 0 ? currency : null;
                int width = cells.write(row, i, kind, shownCurrency, value, true, column.header());
                if (width > widths[i]) {
                    widths[i] = width;
                }
            }
        }
        state = State.TOTALLED;
        return this;
    }

    /** Data rows written so far, totals not included. */
    public long rowCount() {
        return rowCount;
    }

    /** The names of the sheets this table spans, the first one first. */
    public List<String> sheetNames() {
        return parts.stream().map(part -> part.sheet.getSheetName()).toList();
    }

    /**
     * Sets the autofilters, column widths, the header row repeated on every printed page and the charts; called once by
     * the workbook before it is saved.
     */
    void finish() {
        if (state == State.FINISHED) {
            return;
        }
        for (Part part : parts) {
            if (!document) {
                part.sheet.setAutoFilter(new CellRangeAddress(part.headerRow, part.lastDataRow, 0, columns.size() - 1));
            }
            part.sheet.setRepeatingRows(new CellRangeAddress(part.headerRow, part.headerRow, -1, -1));
            for (int i = 0; i < widths.length; i++) {
                part.sheet.setColumnWidth(i, columnWidth(widths[i]));
            }
        }
        for (int c = 0; c < charts.size(); c++) {
            if (!charts.get(c).categories().isEmpty()) {
                drawChart(parts.get(0), charts.get(c), c);
            }
        }
        state = State.FINISHED;
    }

    static int columnWidth(int characters) {
        return (Math.min(Math.max(characters, 6), CellWriter.MAX_COLUMN_WIDTH) + 1) * 256;
    }

    private void ensureRoom() {
        if (nextRow >= workbook.maxRowsPerSheet()) {
            String suffix = " (" + (parts.size() + 1) + ")";
            String base = name.length() + suffix.length() > 31 ? name.substring(0, 31 - suffix.length()) : name;
            startPart(workbook.newSheet(base + suffix), 0);
        }
    }

    /**
     * Starts a sheet of the table at {@code headerRow}. A table written for people shows each column's document label,
     * and keeps the column keys for programs in a hidden row just above: the first header row is then that row.
     */
    private void startPart(SXSSFSheet sheet, int headerRow) {
        if (forPeople) {
            Row keys = sheet.createRow(headerRow++);
            keys.setZeroHeight(true);
            for (int i = 0; i < columns.size(); i++) {
                cells.writeKey(keys, i, columns.get(i).header());
            }
        }
        if (headerRow + 1 >= workbook.maxRowsPerSheet()) {
            throw new IllegalStateException("no room for a table in sheet " + sheet.getSheetName());
        }
        Row header = sheet.createRow(headerRow);
        for (int i = 0; i < columns.size(); i++) {
            int width = forPeople ? cells.writeWrappedHeader(header, i, DocumentLabels.label(columns.get(i).header()))
                    : cells.writeLabel(header, i, columns.get(i).header(), true);
            widths[i] = Math.max(widths[i], width);
        }
        if (forPeople) {
            header.setHeightInPoints(2 * sheet.getDefaultRowHeightInPoints() + 2); // Chinese above, English below
        }
        if (!document) {
            sheet.createFreezePane(0, headerRow + 1);
        }
        current = new Part(sheet, headerRow);
        parts.add(current);
        nextRow = headerRow + 1;
    }

    private static void keepChartPoint(ChartPlan chart, Object[] values) {
        Object category = values[chart.categoryColumn()];
        chart.categories().add(category instanceof Date date ? date.toLocalDate().toString()
                : category == null ? "" : category.toString());
        for (int s = 0; s < chart.seriesColumns().length; s++) {
            Object value = values[chart.seriesColumns()[s]];
            chart.series().get(s).add(value instanceof Number number ? number.doubleValue() : null);
        }
    }

    private void drawChart(Part part, ChartPlan chart, int index) {
        XSSFSheet sheet = workbook.xssfSheet(part.sheet.getSheetName());
        String sheetName = sheet.getSheetName();
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int left = columns.size() + 1;
        int top = part.headerRow + index * CHART_ROWS;
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, left, top, left + 12, top + CHART_ROWS - 2);
        XSSFChart plot = drawing.createChart(anchor);
        plot.setTitleText(chart.title());
        plot.setTitleOverlay(false);
        plot.getOrAddLegend().setPosition(LegendPosition.BOTTOM);

        XDDFCategoryAxis categoryAxis = plot.createCategoryAxis(AxisPosition.BOTTOM);
        categoryAxis.setTitle(chart.categoryAxisTitle());
        // the dates at the foot of the chart, even where the values run below zero
        categoryAxis.setTickLabelPosition(AxisTickLabelPosition.LOW);
        XDDFValueAxis valueAxis = plot.createValueAxis(AxisPosition.LEFT);
        valueAxis.setCrosses(AxisCrosses.AUTO_ZERO);
        valueAxis.setCrossBetween(AxisCrossBetween.BETWEEN);
        boolean money = Arrays.stream(chart.seriesColumns()).allMatch(c -> columns.get(c).kind() == CellKind.AMOUNT);
        // money to the cent, as in the cells the points come from
        valueAxis.setNumberFormat(money ? CellStyles.CENTS_FORMAT : CellStyles.COUNT_FORMAT);

        int firstRow = part.headerRow + 1;
        int lastRow = firstRow + chart.categories().size() - 1;
        // the cached points are the values written, so the chart shows before any reader recalculates
        XDDFCategoryDataSource categories = XDDFDataSourcesFactory.fromArray(
                chart.categories().toArray(String[]::new),
                range(sheetName, firstRow, lastRow, chart.categoryColumn()));
        XDDFLineChartData data = (XDDFLineChartData) plot.createData(ChartTypes.LINE, categoryAxis, valueAxis);
        data.setVaryColors(false);
        for (int s = 0; s < chart.seriesColumns().length; s++) {
            int column = chart.seriesColumns()[s];
            XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromArray(
                    chart.series().get(s).toArray(Double[]::new), range(sheetName, firstRow, lastRow, column));
            values.setFormatCode(money ? CellStyles.CENTS_FORMAT : CellStyles.COUNT_FORMAT);
            XDDFLineChartData.Series series = (XDDFLineChartData.Series) data.addSeries(categories, values);
            series.setTitle(columns.get(column).header(), new CellReference(sheetName, part.headerRow, column, true, true));
            series.setSmooth(false);
            series.setMarkerStyle(MarkerStyle.NONE);
            // an explicit line: without one some readers (LibreOffice) draw the series invisibly
            XDDFLineProperties line = new XDDFLineProperties(
                    new XDDFSolidFillProperties(XDDFColor.from(SERIES_COLOURS[s % SERIES_COLOURS.length])));
            line.setWidth(2.0);
            series.setLineProperties(line);
        }
        plot.plot(data);
    }

    private static byte[] rgb(int colour) {
        return new byte[] {(byte) (colour >> 16), (byte) (colour >> 8), (byte) colour};
    }

    private static String range(String sheetName, int firstRow, int lastRow, int column) {
        return new CellRangeAddress(firstRow, lastRow, column, column).formatAsString(sheetName, true);
    }

    private int indexOf(String header) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).header().equals(header)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + name + " has no column " + header);
    }

    private static String currencyCode(Object value) {
        return Column.isCurrencyCode(value) ? (String) value : null;
    }

    private static BigDecimal decimal(Object value, String what) {
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()); // a count given in binary floating point
        }
        return CellWriter.amount(value, what);
    }
}
