package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbookToolkitTest {

    @TempDir
    Path dir;

    private static final List<Column> LEDGER = List.of(
            Column.text("partner_id"), Column.text("currency"),
            Column.amount("amount").currencyFrom("currency"), Column.count("record_count"), Column.date("bill_date"));

    @Test
    void aFullSheetContinuesOnNumberedSheetsWithTheSameHeader() throws IOException {
        Path file = dir.resolve("rows.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create(10)) {
            TableWriter table = workbook.table("Rows", LEDGER);
            for (int i = 1; i <= 25; i++) {
                table.row("P" + i, "CNY", new BigDecimal(i), (long) i, LocalDate.of(2026, 9, 1));
            }
            assertThat(table.sheetNames()).containsExactly("Rows", "Rows (2)", "Rows (3)");
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            // 10 rows per sheet, one of them the header: 9 + 9 + 7 = 25 data rows
            assertThat(read.getNumberOfSheets()).isEqualTo(3);
            int[] dataRows = {9, 9, 7};
            int next = 1;
            for (int s = 0; s < 3; s++) {
                XSSFSheet sheet = read.getSheetAt(s);
                assertThat(texts(sheet.getRow(0))).containsExactly("partner_id", "currency", "amount", "record_count", "bill_date");
                assertThat(sheet.getLastRowNum()).isEqualTo(dataRows[s]);
                assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
                assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:E" + (dataRows[s] + 1));
                for (int r = 1; r <= dataRows[s]; r++) {
                    assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo("P" + next++);
                }
            }
        }
    }

    @Test
    void textThatCouldRunAsAFormulaIsQuotedWhileNumbersStayNumbers() throws IOException {
        Path file = dir.resolve("inert.xlsx");
        List<String> dangerous = List.of("=1+1", "+86", "-x", "@a", "\tx", "\rx", "\nx", "=HYPERLINK(\"http://x\")");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            TableWriter table = workbook.table("Inert", Column.text("text"), Column.amount("amount"));
            for (String text : dangerous) {
                table.row(text, new BigDecimal("-12.34"));
            }
            table.row("华为云计算技术有限公司", new BigDecimal("-0.01"));
            table.row("a=b", null);
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Inert");
            for (int r = 1; r <= dangerous.size(); r++) {
                Cell text = sheet.getRow(r).getCell(0);
                assertThat(text.getCellType()).isEqualTo(CellType.STRING);
                assertThat(text.getStringCellValue()).isEqualTo("'" + dangerous.get(r - 1));
                assertThat(text.getCellStyle().getQuotePrefixed()).isTrue();
                Cell amount = sheet.getRow(r).getCell(1);
                assertThat(amount.getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(amount.getNumericCellValue()).isEqualTo(-12.34);
            }
            Cell chinese = sheet.getRow(dangerous.size() + 1).getCell(0);
            assertThat(chinese.getStringCellValue()).isEqualTo("华为云计算技术有限公司");
            assertThat(chinese.getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(sheet.getRow(dangerous.size() + 1).getCell(1).getNumericCellValue()).isEqualTo(-0.01);
            assertThat(sheet.getRow(dangerous.size() + 2).getCell(0).getStringCellValue()).isEqualTo("a=b");
            assertThat(sheet.getRow(dangerous.size() + 2).getCell(1)).isNull();
        }
    }

    @Test
    void theHeaderIsBoldFrozenAndFilteredAndTheColumnsFitTheirContent() throws IOException {
        Path file = dir.resolve("header.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            TableWriter table = workbook.table("Partners",
                    Column.text("partner_name"), Column.text("ascii_name"), Column.text("remark"), Column.amount("amount"));
            table.row("华为云计算技术有限公司", "Huawei Cloud Co Ltd", "x".repeat(500), new BigDecimal("1234567.89"));
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Partners");
            Cell header = sheet.getRow(0).getCell(0);
            assertThat(read.getFontAt(header.getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:D2");
            // 11 Chinese characters show as wide as 22 Latin ones; the 19-character Latin name is narrower
            assertThat(sheet.getColumnWidth(0)).isEqualTo((22 + 1) * 256);
            assertThat(sheet.getColumnWidth(1)).isEqualTo((19 + 1) * 256);
            assertThat(sheet.getColumnWidth(2)).isEqualTo((60 + 1) * 256);
            // "1,234,567.89" is 12 characters, and the blank that keeps it off the next column's text one more
            assertThat(sheet.getColumnWidth(3)).isEqualTo((13 + 1) * 256);
        }
    }

    @Test
    void datesAreDateCellsAndAmountsAreExactNumbersWithACurrencyFormat() throws IOException {
        Path file = dir.resolve("cells.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            workbook.table("Cells", Column.date("bill_date"), Column.amount("amount").inCurrency("CNY"),
                            Column.rate("rate"), Column.percent("share"), Column.bool("late"), Column.count("records"))
                    .row(LocalDate.of(2026, 9, 30), new BigDecimal("1234.56000000"), new BigDecimal("0.06"),
                            new BigDecimal("0.25"), true, 3L);
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            Row row = read.getSheet("Cells").getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(0))).isTrue();
            assertThat(row.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 9, 30));
            assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1234.56);
            assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00 \"CNY\"_);-#,##0.00 \"CNY\"_)");
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(0.06);
            assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(3.0);
        }
    }

    @Test
    void amountsRefuseBinaryFloatingPoint() {
        try (WorkbookFile workbook = WorkbookFile.create()) {
            TableWriter table = workbook.table("Money", Column.amount("amount"));
            assertThatThrownBy(() -> table.row(12.34)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BigDecimal");
        }
    }

    @Test
    void totalsAreNumbersPerCurrencyNotFormulas() throws IOException {
        Path file = dir.resolve("totals.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            TableWriter table = workbook.table("Totals", LEDGER);
            table.row("P1", "CNY", new BigDecimal("0.10"), 1L, null);
            table.row("P2", "USD", new BigDecimal("5.00"), 2L, null);
            table.row("P3", "CNY", new BigDecimal("0.20"), 3L, null);
            table.totals("total");
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Totals");
            // CNY: 0.10 + 0.20 = 0.30 (exact, not 0.30000000000000004), 1 + 3 = 4 records; USD: 5.00, 2 records
            assertThat(texts(sheet.getRow(4))).startsWith("total", "CNY");
            assertThat(sheet.getRow(4).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(4).getCell(2).getNumericCellValue()).isEqualTo(0.3);
            assertThat(sheet.getRow(4).getCell(3).getNumericCellValue()).isEqualTo(4.0);
            assertThat(texts(sheet.getRow(5))).startsWith("total", "USD");
            assertThat(sheet.getRow(5).getCell(2).getNumericCellValue()).isEqualTo(5.0);
            // the filter covers the data rows; the totals stay below it
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:E4");
        }
    }

    @Test
    void theSaveIsAtomicAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out").resolve("2026-09").resolve("book.xlsx");
        for (String version : List.of("first", "second")) {
            try (WorkbookFile workbook = WorkbookFile.create()) {
                workbook.table("Sheet", Column.text("version")).row(version);
                assertThat(workbook.save(target)).isEqualTo(target);
            }
        }
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("book.xlsx");
        }
        try (XSSFWorkbook read = open(target)) {
            assertThat(read.getSheet("Sheet").getRow(1).getCell(0).getStringCellValue()).isEqualTo("second");
        }
    }

    @Test
    void aFailedSaveLeavesWhatWasAtTheTargetAndNoPartialFile() throws IOException {
        // the target is a folder with a file in it, so the final rename cannot replace it
        Path target = dir.resolve("book.xlsx");
        Files.createDirectories(target);
        Files.writeString(target.resolve("kept.txt"), "kept");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            workbook.table("Sheet", Column.text("x")).row("y");
            assertThatThrownBy(() -> workbook.save(target)).isInstanceOf(io.partnersettlement.fault.EngineException.class)
                    .hasMessageStartingWith("cannot write workbook " + target.toAbsolutePath() + ": Is a directory");
        }
        assertThat(Files.readString(target.resolve("kept.txt"))).isEqualTo("kept");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("book.xlsx");
        }
    }

    @Test
    void aLineChartOfTheDailyRowsOpensInTheSavedWorkbook() throws IOException {
        Path file = dir.resolve("trend.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            TableWriter trend = workbook.table("Daily Trend", Column.date("bill_date"),
                            Column.amount("performance_CNY").inCurrency("CNY"), Column.amount("performance_USD").inCurrency("USD"))
                    .lineChart("Daily performance", "Bill date", "bill_date", "performance_CNY", "performance_USD");
            for (int day = 1; day <= 30; day++) {
                trend.row(LocalDate.of(2026, 9, day), new BigDecimal(day * 10), BigDecimal.valueOf(day));
            }
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Daily Trend");
            assertThat(sheet.getLastRowNum()).isEqualTo(30);
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            var lineChart = charts.get(0).getCTChart().getPlotArea().getLineChartArray(0);
            assertThat(lineChart.getSerArray()).hasSize(2);
            var series = lineChart.getSerArray(0);
            assertThat(series.getCat().getStrRef().getF()).isEqualTo("'Daily Trend'!$A$2:$A$31");
            assertThat(series.getVal().getNumRef().getF()).isEqualTo("'Daily Trend'!$B$2:$B$31");
            assertThat(series.getVal().getNumRef().getNumCache().getPtCount().getVal()).isEqualTo(30);
            assertThat(series.getVal().getNumRef().getNumCache().getPtArray(29).getV()).isEqualTo("300.0");
            assertThat(charts.get(0).getTitleText().getString()).isEqualTo("Daily performance");
        }
    }

    @Test
    void aLabelValueSheetCanCarryATableBelowIt() throws IOException {
        Path file = dir.resolve("invoice.xlsx");
        try (WorkbookFile workbook = WorkbookFile.create()) {
            LabelValueWriter header = workbook.labelValues("Invoice List")
                    .text("application_id", "PA-202609-P001")
                    .text("partner_name", "=cmd|' /C calc'!A0")
                    .date("period_start", LocalDate.of(2026, 9, 1))
                    .amount("payable", new BigDecimal("1060.00"), "CNY");
            TableWriter lines = header.table(Column.text("item"), Column.amount("amount_incl_tax").inCurrency("CNY"),
                    Column.text("invoice_number"));
            lines.row("INCENTIVE", new BigDecimal("1000.00"), null);
            lines.row("CARRIED_IN", new BigDecimal("60.00"), null);
            lines.totals("total");
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Invoice List");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("application_id");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("PA-202609-P001");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).startsWith("'=");
            assertThat(DateUtil.isCellDateFormatted(sheet.getRow(2).getCell(1))).isTrue();
            assertThat(sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(1060.0);
            assertThat(texts(sheet.getRow(5))).containsExactly("item", "amount_incl_tax", "invoice_number");
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 6);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A6:C8");
            // 1000.00 + 60.00 = 1060.00, the payable above
            assertThat(sheet.getRow(8).getCell(0).getStringCellValue()).isEqualTo("total");
            assertThat(sheet.getRow(8).getCell(1).getNumericCellValue()).isEqualTo(1060.0);
        }
    }

    @Test
    void aDocumentShowsLabelsForPeopleAndKeepsTheKeysForPrograms() throws IOException {
        Path file = dir.resolve("document.xlsx");
        try (WorkbookFile workbook = WorkbookFile.createDocument()) {
            LabelValueWriter header = workbook.labelValues("Invoice List")
                    .title("开票清单 Invoice list")
                    .text("application_id", "PA-202609-P001")
                    .text("mailbox_of_record", "invoices@example.com")
                    .emphasised("payable", new BigDecimal("1060.00"), "CNY");
            TableWriter lines = header.table(Column.text("item"), Column.amount("amount_incl_tax").inCurrency("CNY"),
                    Column.text("invoice_number")).asDocument();
            lines.row("INCENTIVE", new BigDecimal("1000.00"), null);
            lines.row("CARRIED_IN", new BigDecimal("60.00"), null);
            lines.totals("total");
            workbook.printAsDocument("Invoice List", true, "开票清单 PA-202609-P001");
            workbook.save(file);
        }
        try (XSSFWorkbook read = open(file)) {
            XSSFSheet sheet = read.getSheet("Invoice List");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("开票清单 Invoice list");
            assertThat(read.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getFontHeightInPoints())
                    .isEqualTo((short) 16);
            // rows 2-4: the labels read as their keys (SPEC section 9); a key nobody labelled is spelled out
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("申付单号 Application ID");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("Mailbox of record");
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("应付金额 Payable");
            for (int r = 2; r <= 4; r++) {
                assertThat(DocumentLabels.key(sheet.getRow(r).getCell(0).getStringCellValue()))
                        .isIn("application_id", "mailbox_of_record", "payable");
            }
            // the payable stands out: bold, larger, boxed; still a number in its currency
            Cell payable = sheet.getRow(4).getCell(1);
            assertThat(payable.getNumericCellValue()).isEqualTo(1060.0);
            assertThat(payable.getCellStyle().getDataFormatString()).contains("CNY");
            assertThat(read.getFontAt(payable.getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(read.getFontAt(payable.getCellStyle().getFontIndex()).getFontHeightInPoints()).isEqualTo((short) 13);
            assertThat(payable.getCellStyle().getBorderTop()).isEqualTo(org.apache.poi.ss.usermodel.BorderStyle.MEDIUM);
            // the table: keys in a hidden row, then the document labels, then the lines
            assertThat(texts(sheet.getRow(6))).containsExactly("item", "amount_incl_tax", "invoice_number");
            assertThat(sheet.getRow(6).getZeroHeight()).isTrue();
            assertThat(texts(sheet.getRow(7))).containsExactly("项目\nItem", "含税激励\nAmount incl tax", "发票号码\nInvoice number");
            assertThat(texts(sheet.getRow(7))).extracting(DocumentLabels::key)
                    .containsExactly("item", "amount_incl_tax", "invoice_number");
            assertThat(sheet.getRow(8).getCell(1).getNumericCellValue()).isEqualTo(1000.0);
            // 1000.00 + 60.00 = 1060.00, the payable above
            assertThat(sheet.getRow(10).getCell(0).getStringCellValue()).isEqualTo("合计 Total");
            assertThat(sheet.getRow(10).getCell(1).getNumericCellValue()).isEqualTo(1060.0);
            // a printed list: no filter buttons, no frozen pane; its header row on every page, one page wide, landscape
            assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isFalse();
            assertThat(sheet.getPaneInformation()).isNull();
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("8:8");
            assertThat(sheet.getFitToPage()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).isZero();
            assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(sheet.getHeader().getCenter()).isEqualTo("开票清单 PA-202609-P001");
            // the figures for programs, by key, on a hidden sheet
            XSSFSheet data = read.getSheet("Invoice List data");
            assertThat(read.isSheetHidden(read.getSheetIndex(data))).isTrue();
            assertThat(data.getRow(0).getCell(0).getStringCellValue()).isEqualTo("application_id");
            assertThat(data.getRow(2).getCell(0).getStringCellValue()).isEqualTo("payable");
            assertThat(data.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(1060.0);
        }
    }

    @Test
    void everyDocumentLabelReadsAsItsKey() {
        assertThat(DocumentLabels.key("应付金额 Payable")).isEqualTo("payable");
        assertThat(DocumentLabels.key("往期调整 Prior period adjustments")).isEqualTo("prior_period_adjustments");
        assertThat(DocumentLabels.key("Incentive total")).isEqualTo("incentive_total");
        assertThat(DocumentLabels.label("carried_out")).isEqualTo("结转下期 Carried out");
        assertThat(DocumentLabels.label("Already for people")).isEqualTo("Already for people");
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        return new XSSFWorkbook(Files.newInputStream(file));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell cell : row) {
            texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : String.valueOf(cell));
        }
        return texts;
    }
}
