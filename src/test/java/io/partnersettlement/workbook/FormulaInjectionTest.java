package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.partnersettlement.cli.SettlementCli;
import io.partnersettlement.support.TestWorkspace;

/**
 * Nothing taken from input can run as a formula in any workbook (SPEC section 9): a workspace whose every free-text
 * field — reference files, consumption files, operators' names, notes and freeze reasons — carries formula-like text
 * goes through the whole pipeline (nightly, monthly, a manual freeze, a dry run, a regeneration, confirm, a
 * countersign transition, the next period's monthly run), then every cell of every workbook under {@code out/} is
 * read back: no formula cell, no string that starts with {@code = + - @}, tab, CR or LF, every quoted string in a
 * quote-prefixed style, and every amount a number — refunds' negative amounts included.
 */
class FormulaInjectionTest {

    static final String SEPTEMBER_DATE = "2026-10-05";
    static final String OCTOBER_DATE = "2026-11-03";

    /** The characters a spreadsheet reads as the start of a formula or of a hidden line (SPEC section 9). */
    static final Set<Character> FORMULA_STARTS = Set.of('=', '+', '-', '@', '\t', '\r', '\n');

    // partners: ids, names, contracting entities and tax ids
    static final String P1 = "=P1";
    static final String P1_NAME = "=HYPERLINK(\"http://x\",\"y\")";
    static final String P1_ENTITY = "+1+1";
    static final String P1_TAX_ID = "@SUM(A1)";
    static final String P2 = "-P2";
    /** The reader strips the leading blank and tab, which leaves text that starts a formula. */
    static final String P2_NAME_RAW = " \t@SUM(B1)";
    static final String P2_NAME = "@SUM(B1)";
    static final String P2_TAX_ID = "-91310115";
    static final String P3 = "P3";
    // customers, account managers, orders, services and bill types
    static final String C1 = "-C1";
    static final String C2 = "@C2";
    static final String C3 = "+C3";
    static final String UNKNOWN_CUSTOMER = "-C9";
    static final String M1 = "=M1";
    static final String M1_NAME = "-经理一";
    static final String M2 = "@M2";
    static final String M2_NAME_RAW = "\n+经理二";
    static final String M2_NAME = "+经理二";
    static final String MILESTONE_ORDER = "=HYPERLINK(\"http://x\",\"y\")";
    static final String REFUND_ORDER = "-2+3";
    static final String USAGE_SERVICE = "@SUM(A1)";
    static final String ORDER_SERVICE = "=ecs";
    static final String CREDIT_SERVICE_RAW = "\t=cdn";
    static final String CREDIT_SERVICE = "=cdn";
    static final String P2_SERVICE = "+svc";
    static final String FROZEN_SERVICE = "-svc";
    static final String UNKNOWN_BILL_TYPE = "=1+1";
    static final String RESOURCE_TYPE = "=cmd|' /C calc'!A0";
    // what operators type on the command line
    static final String FREEZE_REASON = "=HYPERLINK(\"http://x\",\"frozen\")";
    static final String FREEZE_OPERATOR = "@ops";
    static final String DRY_RUN_OPERATOR = "+dry";
    static final String CONFIRM_OPERATOR = "+li";
    static final String CONFIRM_NOTE = "\n-checked";
    static final String TRANSITION_OPERATOR = "\tkim";
    static final String TRANSITION_NOTE = "\r=1+1";

    /** Headers of amount columns, lower-cased with spaces turned into underscores; {@code performance_<currency>} too. */
    static final Set<String> AMOUNT_HEADERS = Set.of("performance", "base", "amount", "settlement_amount",
            "original_amount", "available", "frozen_manual", "frozen_credit_unpaid", "frozen_milestone", "batch_unfrozen",
            "incentive_total", "payment_amount", "cash_equivalent", "amount_incl_tax", "tax_amount", "cash_performance",
            "other_consumption");
    /** Labels of the amounts of a statement's label/value sheet. */
    static final Set<String> AMOUNT_LABELS = Set.of("performance", "incentive_total", "frozen_total", "available_total",
            "released_from_prior", "prior_period_adjustments", "carried_in", "payable", "carried_out");

    @TempDir
    Path dir;

    @Test
    void nothingTakenFromInputRunsAsAFormulaAndAmountsStayNumbers() throws IOException {
        TestWorkspace ws = hostileWorkspace();

        assertThat(run(ws, "nightly", "--date", SEPTEMBER_DATE)).isZero();
        assertThat(run(ws, "monthly", "--period", "2026-09", "--date", SEPTEMBER_DATE)).isZero();
        String frozenDetail = detailIdOf(ws.root().resolve("out/2026-09/incentives-2026-09.xlsx"), FROZEN_SERVICE);
        assertThat(run(ws, "freeze", "--detail=" + frozenDetail, "--reason=" + FREEZE_REASON,
                "--operator=" + FREEZE_OPERATOR)).isZero();
        assertThat(run(ws, "monthly", "--period", "2026-09", "--date", SEPTEMBER_DATE, "--dry-run",
                "--operator=" + DRY_RUN_OPERATOR)).isZero();
        // regenerating the period shows the freeze and the dry run in the History of the incentives workbook
        assertThat(run(ws, "monthly", "--period", "2026-09", "--date", SEPTEMBER_DATE)).isZero();
        assertThat(run(ws, "confirm", "--statements=ST-202609-" + P1 + ",ST-202609-" + P2 + ",ST-202609-" + P3,
                "--operator=" + CONFIRM_OPERATOR, "--note=" + CONFIRM_NOTE)).isZero();
        assertThat(run(ws, "transition", "--statement=ST-202609-" + P1, "--to", "COUNTERSIGNING",
                "--operator=" + TRANSITION_OPERATOR, "--note=" + TRANSITION_NOTE)).isZero();
        assertThat(run(ws, "monthly", "--period", "2026-10", "--date", OCTOBER_DATE)).isZero();

        // the fields that validate their text turned the hostile lines away: a bad amount, a bad currency code
        assertThat(Files.readAllLines(ws.root().resolve("rejects/consumption-2026.csv.rejects.csv")))
                .anySatisfy(line -> assertThat(line).contains(",BAD_NUMBER,").contains("=R10"))
                .anySatisfy(line -> assertThat(line).contains(",BAD_VALUE,").contains("@R13"));

        Path out = ws.root().resolve("out");
        Map<String, Scan> scans = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".xlsx")).sorted().toList()) {
                String name = out.relativize(file).toString();
                scans.put(name, scan(file, name));
            }
        }

        List<String> leaks = scans.values().stream().flatMap(s -> s.leaks().stream()).toList();
        assertThat(leaks).as("cells that could run as formulas, or amounts written as text").isEmpty();

        // the workbooks the pipeline must have written, and the hostile text each must show, quoted
        Map<String, List<String>> expected = new TreeMap<>();
        expected.put("2026-09/performance-2026-09.xlsx", List.of(P1, P1_NAME, P2, P2_NAME, M1, M1_NAME, M2, M2_NAME,
                USAGE_SERVICE, ORDER_SERVICE, CREDIT_SERVICE, P2_SERVICE, FROZEN_SERVICE, UNKNOWN_BILL_TYPE));
        expected.put("2026-09/incentives-2026-09.xlsx", List.of(P1, P1_NAME, P2, P2_NAME, C1, C2, C3, MILESTONE_ORDER,
                REFUND_ORDER, USAGE_SERVICE, ORDER_SERVICE, CREDIT_SERVICE, P2_SERVICE, FROZEN_SERVICE, FREEZE_REASON,
                FREEZE_OPERATOR, DRY_RUN_OPERATOR));
        expected.put("2026-09/statements/ST-202609-" + P1 + ".xlsx", List.of(P1, P1_NAME, C1, MILESTONE_ORDER,
                REFUND_ORDER, USAGE_SERVICE, ORDER_SERVICE, CREDIT_SERVICE, CONFIRM_OPERATOR, CONFIRM_NOTE,
                TRANSITION_OPERATOR, TRANSITION_NOTE));
        expected.put("2026-09/statements/ST-202609-" + P2 + ".xlsx", List.of(P2, P2_NAME, C2, P2_SERVICE,
                FROZEN_SERVICE, CONFIRM_OPERATOR, CONFIRM_NOTE));
        expected.put("2026-09/statements/ST-202609-" + P3 + ".xlsx", List.of(C3, CONFIRM_OPERATOR, CONFIRM_NOTE));
        expected.put("2026-09/invoice-lists/PA-202609-" + P1 + ".xlsx", List.of(P1_NAME, P1_ENTITY, P1_TAX_ID));
        expected.put("2026-09/invoice-lists/PA-202609-" + P2 + ".xlsx", List.of(P2_NAME, P2_TAX_ID));
        expected.put("2026-09/dry-run/2026-09/incentives-2026-09.xlsx", List.of(P1, C1, MILESTONE_ORDER, REFUND_ORDER,
                FROZEN_SERVICE));
        expected.put("2026-10/performance-2026-10.xlsx", List.of(P1, P1_NAME, M1, M1_NAME, USAGE_SERVICE));
        expected.put("2026-10/incentives-2026-10.xlsx", List.of(P1, P1_NAME, C1, USAGE_SERVICE));
        expected.put("2026-10/statements/ST-202610-" + P1 + ".xlsx", List.of(P1, P1_NAME, C1, USAGE_SERVICE));
        assertThat(scans.keySet()).containsAll(expected.keySet());
        expected.forEach((file, texts) -> assertThat(scans.get(file).neutralised()).as("quoted cells of %s", file)
                .containsAll(texts.stream().map(text -> "'" + text).toList()));
        // no workbook passes for want of input: each holds quoted input text and numeric amounts
        scans.forEach((file, scan) -> {
            assertThat(scan.neutralised()).as("quoted cells of %s", file).isNotEmpty();
            assertThat(scan.amounts()).as("amount cells of %s", file).isNotEmpty();
        });

        // the refund of order -2+3: −500.00 performance on 2026-09-10, × 9 % (CORE, REFERRAL) = −45.00 incentive
        assertThat(scans.get("2026-09/performance-2026-09.xlsx").amounts()).contains(-500.0);
        assertThat(scans.get("2026-09/incentives-2026-09.xlsx").amounts()).contains(-45.0);
        assertThat(scans.get("2026-09/statements/ST-202609-" + P1 + ".xlsx").amounts()).contains(-45.0);
        // P1 pays 20000 × 9 % − 45 + half of the milestone order's 900 = 1800 − 45 + 450 = 2205.00
        assertThat(scans.get("2026-09/invoice-lists/PA-202609-" + P1 + ".xlsx").amounts()).contains(2205.0);

        System.out.println("quoted input cells per workbook: " + scans.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().neutralised().size()).collect(Collectors.joining(", ")));
    }

    /**
     * Reference and consumption files whose free text all starts like a formula; the amounts: P1 (CORE, bank transfer)
     * 20000.00 usage, a refund of −500.00, a milestone order of 10000.00 half released and 1000.00 on unpaid credit;
     * P2 (LEADING, resale) 50000.00 and 3000.00 (frozen by an operator); P3 1000.00; and October usage and a refund.
     */
    TestWorkspace hostileWorkspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"));
        ws.write("reference/partners.csv", "partner_id,partner_name,tier,settlement_currency,disbursement_method,"
                + "contracting_entity,partner_tax_rate,tax_id", List.of(
                csv(P1, P1_NAME, "CORE", "CNY", "BANK_TRANSFER", P1_ENTITY, "0.06", P1_TAX_ID),
                csv(P2, P2_NAME_RAW, "LEADING", "CNY", "ACCOUNT", "华为云计算技术有限公司", "0.06", P2_TAX_ID),
                csv(P3, "\t伙伴三", "STANDARD", "CNY", "VOUCHER_QUOTA", "-entity", "0.06", "=1+2")));
        ws.write("reference/customers.csv",
                "customer_id,customer_name,partner_id,association_type,associated_on,dissociated_on", List.of(
                csv(C1, "=客户一", P1, "REFERRAL", "2025-01-01", ""),
                csv(C2, "+客户二", P2, "RESALE", "2025-01-01", ""),
                csv(C3, "\r客户三", P3, "REFERRAL", "2025-01-01", "")));
        ws.write("reference/account-managers.csv", "customer_id,manager_id,manager_name,assigned_on", List.of(
                csv(C1, M1, M1_NAME, "2025-06-01"),
                csv(C2, M2, M2_NAME_RAW, "2025-06-01")));
        ws.write("reference/milestones.csv", "order_id,milestone_no,unfreeze_ratio,set_on",
                List.of(csv(MILESTONE_ORDER, "1", "0.5", "2026-09-15")));
        ws.write("reference/credit-repayments.csv", "customer_id,bill_cycle,repaid_on",
                List.of(csv(C3, "2026-08", "2026-09-01")));

        ws.write("inbox/consumption-2026.csv", TestWorkspace.CURRENT_HEADER, List.of(
                record("=R1", C1, "2026-09-03", "5", USAGE_SERVICE, "", "20000.00", "0"),
                record("+R2", C1, "2026-09-10", "4", USAGE_SERVICE, REFUND_ORDER, "-500.00", "0"),
                record("@R3", C1, "2026-09-12", "1", ORDER_SERVICE, MILESTONE_ORDER, "10000.00", "0"),
                record("-R4", C1, "2026-09-14", "5", CREDIT_SERVICE_RAW, "", "0", "1000.00"),
                record("R5", C2, "2026-09-05", "5", P2_SERVICE, "", "50000.00", "0"),
                record("R6", C2, "2026-09-06", "5", FROZEN_SERVICE, "", "3000.00", "0"),
                record("R7", C2, "2026-09-07", UNKNOWN_BILL_TYPE, P2_SERVICE, "", "100.00", "0"),
                record("R8", C3, "2026-09-08", "5", "\nX.svc", "", "1000.00", "0"),
                record("R9", UNKNOWN_CUSTOMER, "2026-09-09", "5", "@svc", "", "700.00", "0"),
                record("+R11", C1, "2026-10-03", "5", USAGE_SERVICE, "", "2000.00", "0"),
                record("R12", C1, "2026-10-04", "20", USAGE_SERVICE, "", "-300.00", "0"),
                // rejected: cash_amount is no number, the currency no ISO 4217 code
                csv("=R10", C1, "2026-09-09", "", "", "5", USAGE_SERVICE, "", "", "3", "", "1.00", "=1+1", "0", "0", "0",
                        "0", "", "", "", "", "", "CNY"),
                csv("@R13", C1, "2026-09-09", "", "", "5", USAGE_SERVICE, "", "", "3", "", "1.00", "1.00", "0", "0", "0",
                        "0", "", "", "", "", "", "@EU")));
        return ws;
    }

    /** One consumption line in the current layout: payment = cash + credit; resource and region carry hostile text. */
    static String record(String id, String customer, String billDate, String billType, String service, String tradeId,
            String cash, String credit) {
        String payment = new BigDecimal(cash).add(new BigDecimal(credit)).toPlainString();
        return csv(id, customer, billDate, "", "", billType, service, RESOURCE_TYPE, "-cn-north-4", "3", tradeId, payment,
                cash, credit, "0", "0", "0", "", "", "", "", "", "CNY");
    }

    /** One CSV line; a field holding a comma, a quote or a line break is quoted. */
    static String csv(String... fields) {
        return Arrays.stream(fields)
                .map(f -> f.matches("(?s).*[,\"\r\n].*") ? "\"" + f.replace("\"", "\"\"") + "\"" : f)
                .collect(Collectors.joining(","));
    }

    int run(TestWorkspace ws, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace=" + ws.root());
        return SettlementCli.execute(all.toArray(new String[0]));
    }

    /** The id of the detail of the incentives workbook whose service type is {@code service}. */
    static String detailIdOf(Path workbook, String service) throws IOException {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet details = book.getSheet("Details");
            List<String> header = new ArrayList<>();
            details.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            int serviceColumn = header.indexOf("service_type_code");
            for (Row row : details) {
                Cell cell = row.getCell(serviceColumn);
                // quoted or not: a leak is for the scan to report, not for this look-up to trip on
                if (row.getRowNum() > 0 && cell != null
                        && List.of(service, "'" + service).contains(cell.getStringCellValue())) {
                    return row.getCell(header.indexOf("detail_id")).getStringCellValue();
                }
            }
        }
        throw new AssertionError("no detail of service " + service + " in " + workbook);
    }

    /**
     * What one workbook holds: its quoted input texts, the values of its amount cells, and every leak — a formula
     * cell, a string that starts like a formula, a quoted string without the quote-prefixed style, an amount as text.
     */
    record Scan(List<String> neutralised, List<Double> amounts, List<String> leaks) {
    }

    static Scan scan(Path file, String name) throws IOException {
        List<String> neutralised = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Sheet sheet : book) {
                String where = name + " " + sheet.getSheetName() + "!";
                if (!((XSSFSheet) sheet).getHyperlinkList().isEmpty()) {
                    leaks.add(where + " holds hyperlinks");
                }
                Map<Integer, String> amountColumns = Map.of();
                for (Row row : sheet) {
                    if (isHeader(row)) {
                        amountColumns = amountColumns(row);
                    }
                    for (Cell cell : row) {
                        String at = where + cell.getAddress();
                        checkCell(cell, at, neutralised, leaks);
                        if (amountColumns.containsKey(cell.getColumnIndex()) && !isHeader(row)) {
                            checkAmount(cell, at + " (" + amountColumns.get(cell.getColumnIndex()) + ")", amounts, leaks);
                        }
                    }
                    // a label/value sheet: column A names the amount, column B holds it
                    Cell label = row.getCell(0);
                    if (!isHeader(row) && label != null && label.getCellType() == CellType.STRING
                            && AMOUNT_LABELS.contains(name(label.getStringCellValue())) && amountColumns.isEmpty()) {
                        Cell value = row.getCell(1);
                        checkAmount(value, where + "B" + (row.getRowNum() + 1) + " (" + label.getStringCellValue() + ")",
                                amounts, leaks);
                    }
                }
            }
        }
        return new Scan(neutralised, amounts, leaks);
    }

    /** No formula cell at all; a string never starts like a formula and, behind a quote, is in a quote-prefixed style. */
    static void checkCell(Cell cell, String at, List<String> neutralised, List<String> leaks) {
        if (cell.getCellType() == CellType.FORMULA) {
            leaks.add(at + " is a formula: " + cell.getCellFormula());
            return;
        }
        if (cell.getCellType() != CellType.STRING) {
            return;
        }
        String text = cell.getStringCellValue();
        if (!text.isEmpty() && FORMULA_STARTS.contains(text.charAt(0))) {
            leaks.add(at + " starts like a formula: " + printable(text));
        }
        if (text.length() > 1 && text.charAt(0) == '\'' && FORMULA_STARTS.contains(text.charAt(1))) {
            if (cell.getCellStyle().getQuotePrefixed()) {
                neutralised.add(text);
            } else {
                leaks.add(at + " is quoted text without the quote-prefixed style: " + printable(text));
            }
        }
    }

    /** An amount is a numeric cell or empty, never text (SPEC section 9). */
    static void checkAmount(Cell cell, String at, List<Double> amounts, List<String> leaks) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return;
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            amounts.add(cell.getNumericCellValue());
        } else {
            leaks.add(at + " is an amount written as " + cell.getCellType() + ": " + cell);
        }
    }

    /** A table's header row: grey and bold, in the header style of the workbook toolkit (an emphasised figure is not). */
    static boolean isHeader(Row row) {
        Cell first = row.getCell(row.getFirstCellNum());
        return first != null && first.getCellStyle().getFillPattern() == FillPatternType.SOLID_FOREGROUND
                && first.getCellStyle().getFillForegroundColor() == IndexedColors.GREY_25_PERCENT.getIndex();
    }

    static Map<Integer, String> amountColumns(Row header) {
        Map<Integer, String> columns = new TreeMap<>();
        for (Cell cell : header) {
            String name = name(cell.getStringCellValue());
            if (AMOUNT_HEADERS.contains(name) || name.startsWith("performance_")) {
                columns.put(cell.getColumnIndex(), name);
            }
        }
        return columns;
    }

    /** A header or label as the SPEC names it: any Chinese part set aside, lower-cased, spaces turned into underscores. */
    static String name(String label) {
        return DocumentLabels.key(label);
    }

    static String printable(String text) {
        return text.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }
}
