package io.partnersettlement.statement;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.invoice.InvoiceListWorkbook;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;
import io.partnersettlement.workbook.DocumentLabels;

/**
 * The statement and the invoice list are documents a partner reads and prints: a title, bilingual labels that still
 * read as the names of SPEC section 9, the payable figure standing out, amounts as numbers in the settlement currency,
 * print setup, and the column keys kept for programs.
 */
class PrintedDocumentsTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theStatementAndTheInvoiceListReadAndPrintAsDocuments(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("sep.csv", CURRENT_HEADER, usage("s1", "C1", "2026-09-01", "20000.00"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            engine.nightly("2026-10-02");
            engine.monthly("2026-09", "2026-10-02");
            assertThat(engine.bean(StatementLifecycle.class).confirmPeriod("2026-09", "finance.li")).isEqualTo(1);
            engine.bean(InvoiceListWorkbook.class).writeMissing(ws.root().resolve("out"));
            engine.bean(StatementWorkbook.class).write("ST-202609-P1", ws.root().resolve("out"));
        }

        // P1: 20000.00 × 9 % (CORE, REFERRAL) = 1800.00 available, ≥ the 1,000 minimum → payable 1800.00
        try (XSSFWorkbook book = open(ws.root().resolve("out/2026-09/statements/ST-202609-P1.xlsx"))) {
            XSSFSheet statement = book.getSheet("Statement");
            assertThat(statement.getRow(0).getCell(0).getStringCellValue()).isEqualTo("对账单 Reconciliation statement");
            Map<String, Cell> figures = labelled(statement);
            assertThat(figures.keySet()).containsAll(List.of("statement_id", "partner_id", "period", "status", "currency",
                    "performance", "incentive_total", "frozen_total", "available_total", "released_from_prior",
                    "prior_period_adjustments", "carried_in", "payable", "carried_out"));
            // every label is bilingual: 应付金额 Payable
            for (int r = 2; r <= statement.getLastRowNum(); r++) {
                assertThat(statement.getRow(r).getCell(0).getStringCellValue()).containsPattern("\\p{IsHan}+ [A-Z]");
            }
            Cell payable = figures.get("payable");
            assertThat(payable.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(payable.getNumericCellValue()).isEqualTo(1800.00);
            assertThat(payable.getCellStyle().getDataFormatString()).contains("CNY");
            assertThat(book.getFontAt(payable.getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(payable.getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.MEDIUM);
            assertThat(figures.get("carried_out").getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.NONE);
            assertThat(statement.getPrintSetup().getLandscape()).isFalse();
            assertThat(statement.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            // the figures by key, for programs
            XSSFSheet data = book.getSheet("Statement data");
            assertThat(book.isSheetHidden(book.getSheetIndex(data))).isTrue();
            assertThat(labelled(data).get("payable").getNumericCellValue()).isEqualTo(1800.00);

            // Details: keys in a hidden row, the labels below it, one page wide in landscape, its header on every page
            XSSFSheet details = book.getSheet("Details");
            assertThat(details.getRow(0).getZeroHeight()).isTrue();
            List<String> keys = texts(details.getRow(0));
            assertThat(keys).containsAll(List.of("detail_id", "partner_id", "customer_id", "association_type",
                    "service_type_code", "order_id", "funding", "base", "rate", "amount", "currency", "settlement_amount",
                    "status", "freeze_reason", "parent_detail_id", "unfreeze_ratio", "late"));
            assertThat(texts(details.getRow(1)).stream().map(DocumentLabels::key).toList()).isEqualTo(keys);
            assertThat(details.getRow(1).getCell(0).getStringCellValue()).isEqualTo("明细编号\nDetail ID");
            Cell settlement = details.getRow(2).getCell(keys.indexOf("settlement_amount"));
            assertThat(settlement.getNumericCellValue()).isEqualTo(1800.00);
            assertThat(settlement.getCellStyle().getDataFormatString()).contains("CNY");
            assertThat(details.getPrintSetup().getLandscape()).isTrue();
            assertThat(details.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(details.getRepeatingRows().formatAsString()).isEqualTo("2:2");
            // still a working list on screen: filter and frozen header
            assertThat(details.getCTWorksheet().getAutoFilter().getRef()).startsWith("A2:");
            assertThat(details.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);
        }

        try (XSSFWorkbook book = open(ws.root().resolve("out/2026-09/invoice-lists/PA-202609-P1.xlsx"))) {
            XSSFSheet list = book.getSheet("Invoice List");
            assertThat(list.getRow(0).getCell(0).getStringCellValue()).isEqualTo("开票清单 Invoice list");
            Map<String, Cell> header = labelled(list);
            assertThat(header.keySet()).containsAll(List.of("application_id", "statement_id", "period", "partner_name",
                    "tax_id", "contracting_entity", "currency", "invoice_forms", "remark"));
            assertThat(header.get("currency").getStringCellValue()).isEqualTo("CNY");
            int keyRow = -1;
            for (Row row : list) {
                if (row.getZeroHeight()) {
                    keyRow = row.getRowNum();
                }
            }
            assertThat(texts(list.getRow(keyRow))).containsExactly("item", "amount_incl_tax", "product_tax_rate",
                    "partner_tax_rate", "settlement_amount", "tax_amount", "invoice_number");
            assertThat(texts(list.getRow(keyRow + 1)).stream().map(DocumentLabels::key).toList())
                    .isEqualTo(texts(list.getRow(keyRow)));
            assertThat(list.getRow(keyRow + 1).getCell(1).getStringCellValue()).isEqualTo("含税激励\nAmount incl tax");
            // the total's amount including tax is the statement's payable, a number in the settlement currency
            Cell total = header.get("total").getRow().getCell(1);
            assertThat(total.getNumericCellValue()).isEqualTo(1800.00);
            assertThat(total.getCellStyle().getDataFormatString()).contains("CNY");
            // printed, not filtered: no filter buttons, no frozen pane; one page wide, its table header on every page
            assertThat(list.getCTWorksheet().isSetAutoFilter()).isFalse();
            assertThat(list.getPaneInformation()).isNull();
            assertThat(list.getRepeatingRows().formatAsString())
                    .isEqualTo((keyRow + 2) + ":" + (keyRow + 2));
            assertThat(list.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(list.getPrintSetup().getFitHeight()).isZero();
            assertThat(list.getFitToPage()).isTrue();
            assertThat(book.isSheetHidden(book.getSheetIndex("Invoice List data"))).isTrue();
        }
    }

    private static XSSFWorkbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** The value cells of a sheet by the key their label in column A reads as (SPEC section 9). */
    private static Map<String, Cell> labelled(XSSFSheet sheet) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (Row row : sheet) {
            Cell label = row.getCell(0);
            if (label != null && label.getCellType() == CellType.STRING) {
                Cell value = row.getCell(1);
                cells.putIfAbsent(DocumentLabels.key(label.getStringCellValue()), value != null ? value : label);
            }
        }
        return cells;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }
}
