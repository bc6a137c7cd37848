package io.partnersettlement.invoice;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.statement.OwedInvoices;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;
import io.partnersettlement.statement.StatementWorkbook;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;
import io.partnersettlement.workbook.DocumentLabels;

/**
 * The invoice routine from confirmation to payment, through the operator's commands: a BANK_TRANSFER partner invoices
 * before it is paid (list, numbers registered, rejected, new numbers, review, disbursing, paid); an ACCOUNT_INVOICE_OWED
 * partner is paid first and owes the invoice until its numbers come (and again after a rejection). Every figure, state
 * and workbook cell is checked on the way, and the lists name the forms and addresses of each contracting entity.
 */
class InvoiceRoutineTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final String CN = "华为云计算技术有限公司";
    static final String HK = "Huawei Cloud Hong Kong Limited";
    /** Not in contracting-entities.csv: its lists take the configured defaults. */
    static final String UNLISTED = "华为软件技术有限公司";
    static final String CN_ADDRESS = "贵州省贵安新区华为云数据中心 伙伴结算财务部 收 550025";
    static final String CN_MAILBOX = "partner-invoices-cn@huaweicloud.example";

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER", CN, "0.06")
                .partner("P4", "CORE", "ACCOUNT_INVOICE_OWED", UNLISTED, "0.03")
                .partner("P9", "CORE", "BANK_TRANSFER", HK, "0")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C4", "P4", "REFERRAL", "2025-01-01", "")
                .customer("C9", "P9", "REFERRAL", "2025-01-01", "")
                .contractingEntities(CN + ",增值税专用发票 VAT special invoice," + CN_ADDRESS + "," + CN_MAILBOX
                        + ",增值税税率 {partner_tax_rate} VAT at {partner_tax_rate}",
                        HK + ",Commercial invoice 商业发票,\"9/F Cyberport 3, Hong Kong\",partner-invoices-hk@huaweicloud.example,"
                                + "No VAT 不含增值税")
                .writeReference();
        ws.inboxFile("sep.csv", CURRENT_HEADER,
                usage("s1", "C1", "2026-09-01", "20000.00"),
                usage("s4", "C4", "2026-09-02", "30000.00"),
                usage("s9", "C9", "2026-09-03", "15000.00"));
        return ws;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fromConfirmationToPaidWithARejectedInvoiceAndAnOwedOne(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        Path lists = ws.root().resolve("out/2026-09/invoice-lists");
        Path statements = ws.root().resolve("out/2026-09/statements");
        try (Engine engine = new Engine(ws.root(), url)) {
            StatementLifecycle lifecycle = engine.bean(StatementLifecycle.class);
            InvoiceReview review = engine.bean(InvoiceReview.class);
            Runnable publish = () -> {
                engine.bean(StatementWorkbook.class).writeStale(ws.root().resolve("out"));
                engine.bean(InvoiceListWorkbook.class).writeMissing(ws.root().resolve("out"));
            };
            engine.nightly("2026-10-02");
            engine.monthly("2026-09", "2026-10-02");
            assertThat(lifecycle.confirmPeriod("2026-09", "li")).isEqualTo(3);
            publish.run();
            // CORE REFERRAL 9 %: P1 20000.00 → 1800.00; P4 30000.00 → 2700.00 (no minimum payout for owed invoices);
            // P9 15000.00 → 1350.00
            assertThat(engine.jdbc().queryForList("""
                    SELECT application_id || ' ' || CAST(payable AS DECIMAL(12,2)) || ' ' || disbursement_method || ' '
                           || invoice_status FROM payment_application ORDER BY 1""", String.class)).containsExactly(
                    "PA-202609-P1 1800.00 BANK_TRANSFER AWAITED", "PA-202609-P4 2700.00 ACCOUNT_INVOICE_OWED AWAITED",
                    "PA-202609-P9 1350.00 BANK_TRANSFER AWAITED");

            // the lists: both forms and where each goes, invoice type and tax wording from the contracting entity
            Map<String, String> p1 = labels(lists.resolve("PA-202609-P1.xlsx"));
            assertThat(p1).containsEntry("contracting_entity", CN)
                    .containsEntry("invoice_type", "增值税专用发票 VAT special invoice")
                    .containsEntry("tax", "增值税税率 6% VAT at 6%")
                    .containsEntry("invoice_forms", "纸质发票 paper invoice, or 电子专票 electronic special invoice")
                    .containsEntry("paper_invoice", "纸质发票与开票清单一起邮寄至邮寄地址 Mail it with this printed list to the "
                            + "mailing address")
                    .containsEntry("electronic_invoice", "电子专票与开票清单发送至指定的公共邮箱 Send it with this list to the "
                            + "public mailbox")
                    .containsEntry("mailing_address", CN_ADDRESS).containsEntry("public_mailbox", CN_MAILBOX)
                    .containsEntry("invoice_due", "先票后款 the invoice comes before payment")
                    .containsEntry("remark", "申付单 PA-202609-P1 对账期次 2026-09")
                    .containsEntry("invoice_status", "AWAITED 待开票 fill in the invoice numbers");
            // INCENTIVE 1800.00 at 6 % / 6 %: settlement 1800.00 / 1.06 × 1.06 = 1800.00; tax 1800.00 × 0.06 / 1.06 = 101.89
            assertThat(line(lists.resolve("PA-202609-P1.xlsx"), "INCENTIVE")).containsExactly("INCENTIVE", "1800", "0.06",
                    "0.06", "1800", "101.89", "");
            assertThat(line(lists.resolve("PA-202609-P1.xlsx"), "total")).containsExactly("合计 Total", "1800", "", "", "1800",
                    "101.89", "");
            // outside mainland China: a commercial invoice without VAT, as its row says; never a VAT special invoice at 6 %
            Map<String, String> p9 = labels(lists.resolve("PA-202609-P9.xlsx"));
            assertThat(p9).containsEntry("invoice_type", "Commercial invoice 商业发票").containsEntry("tax", "No VAT 不含增值税")
                    .containsEntry("invoice_forms", "纸质发票 paper invoice, or 电子发票 electronic invoice")
                    .containsEntry("mailing_address", "9/F Cyberport 3, Hong Kong")
                    .containsEntry("public_mailbox", "partner-invoices-hk@huaweicloud.example");
            assertThat(String.join(" ", p9.values())).doesNotContain("增值税专用发票", "VAT special", "6%", "电子专票");
            // 1350.00 / 1.06 × 1.00 = 1273.58; tax 0
            assertThat(line(lists.resolve("PA-202609-P9.xlsx"), "INCENTIVE")).containsExactly("INCENTIVE", "1350", "0.06",
                    "0", "1273.58", "0", "");
            // an entity not listed takes the configured defaults; the owed partner's list says it is paid first
            Map<String, String> p4 = labels(lists.resolve("PA-202609-P4.xlsx"));
            assertThat(p4).containsEntry("contracting_entity", UNLISTED)
                    .containsEntry("invoice_type", "增值税专用发票 VAT special invoice")
                    .containsEntry("tax", "增值税税率 3%(伙伴税率)VAT at the partner tax rate 3%")
                    .containsEntry("mailing_address", "贵州省贵安新区华为云数据中心 伙伴结算财务部 收")
                    .containsEntry("public_mailbox", "invoices@partner-settlement.example")
                    .containsEntry("invoice_due", "先款后票 paid first, the invoice is owed (返华为云账户-记欠票)");
            // 2700.00 × 1.03 / 1.06 = 2623.5849… → 2623.58; tax 2623.58 × 0.03 / 1.03 = 76.4149… → 76.41
            assertThat(line(lists.resolve("PA-202609-P4.xlsx"), "INCENTIVE")).containsExactly("INCENTIVE", "2700", "0.06",
                    "0.03", "2623.58", "76.41", "");

            // numbers are registered once the application waits for them, not during countersign
            Path filled = fill(lists.resolve("PA-202609-P1.xlsx"), dir.resolve("from-partner-1.xlsx"), "INCENTIVE", "0451237");
            assertThatThrownBy(() -> review.registerList("PA-202609-P1", dir.resolve("from-partner-1.xlsx"), "op"))
                    .hasMessage("PA-202609-P1: its statement ST-202609-P1 is PENDING_COUNTERSIGN; invoice numbers are "
                            + "registered while it is [INVOICE_REJECTED, PENDING_PAYMENT_APPLICATION]");
            for (StatementStatus to : List.of(StatementStatus.COUNTERSIGNING, StatementStatus.PENDING_PAYMENT_APPLICATION)) {
                lifecycle.transition("ST-202609-P1", to, "wang", null);
                lifecycle.transition("ST-202609-P4", to, "wang", null);
            }
            // the invoice comes before payment: no review and no disbursing without its numbers
            for (StatementStatus to : List.of(StatementStatus.INVOICE_REVIEW, StatementStatus.DISBURSING)) {
                assertThatThrownBy(() -> lifecycle.transition("ST-202609-P1", to, "wang", null)).hasMessage(
                        "ST-202609-P1 waits for its invoice: register the numbers the partner filled in with ./run.sh "
                                + "invoices register --application PA-202609-P1 --file <the filled list>");
            }
            // seven digits are not an invoice number (8 or 20 digits by default): refused, nothing registered
            assertThat(register(ws, url, "PA-202609-P1", "--file", filled.toString())).isEqualTo(1);
            assertThat(engine.count("SELECT COUNT(*) FROM invoice_number")).isZero();
            // the list of another application is refused
            assertThatThrownBy(() -> review.registerList("PA-202609-P9", filled, "op")).hasMessage(
                    "from-partner-1.xlsx: this is the invoice list of PA-202609-P1, not of PA-202609-P9");

            Path good = fill(lists.resolve("PA-202609-P1.xlsx"), dir.resolve("from-partner-2.xlsx"), "INCENTIVE", "04512377");
            assertThat(register(ws, url, "PA-202609-P1", "--file", good.toString())).isZero();
            assertThat(status(engine, "ST-202609-P1")).isEqualTo("INVOICE_REVIEW");
            assertThat(line(lists.resolve("PA-202609-P1.xlsx"), "INCENTIVE")).last().isEqualTo("04512377");
            assertThat(labels(lists.resolve("PA-202609-P1.xlsx"))).containsEntry("invoice_status",
                    "IN_REVIEW 发票审核中 numbers registered, in review");
            // registering the same list again (unsure after a crash) changes nothing
            assertThat(review.registerList("PA-202609-P1", good, "op").numbers()).isEmpty();

            // the reviewer rejects it: back to the partner with the note; the number is spent
            assertThat(run(ws, url, "invoices", "reject", "--application", "PA-202609-P1", "--note",
                    "备注缺少对账期次 the remark lacks the period", "--operator", "zhao")).isZero();
            assertThat(status(engine, "ST-202609-P1")).isEqualTo("INVOICE_REJECTED");
            assertThat(labels(lists.resolve("PA-202609-P1.xlsx"))).containsEntry("invoice_status", "REJECTED 发票审核未通过")
                    .containsEntry("review_note", "发票审核未通过,请根据审核意见修改后重新提交 Rejected, issue a new invoice: "
                            + "备注缺少对账期次 the remark lacks the period");
            assertThat(line(lists.resolve("PA-202609-P1.xlsx"), "INCENTIVE")).last().isEqualTo("");
            assertThatThrownBy(() -> review.registerOne("PA-202609-P1", "INCENTIVE", "04512377", "op")).hasMessage(
                    "--item INCENTIVE: invoice number 04512377 was rejected on PA-202609-P1 INCENTIVE: a number is never "
                            + "used again, the partner issues a new invoice — nothing was registered");
            assertThatThrownBy(() -> review.registerOne("PA-202609-P1", "CARRIED_IN", "04512399", "op")).hasMessage(
                    "--item CARRIED_IN: PA-202609-P1 has no line CARRIED_IN (its lines: INCENTIVE) — nothing was registered");
            // the new invoice: review again, accepted by disbursing, paid with its date and reference
            review.registerOne("PA-202609-P1", "INCENTIVE", "04512399", "op");
            assertThat(status(engine, "ST-202609-P1")).isEqualTo("INVOICE_REVIEW");
            lifecycle.transition("ST-202609-P1", StatementStatus.DISBURSING, "zhao", null);
            assertThatThrownBy(() -> lifecycle.transition("ST-202609-P1", StatementStatus.PAID, "qian", null)).hasMessage(
                    "ST-202609-P1: PAID records the payment: --paid-on YYYY-MM-DD --reference REF");
            assertThat(run(ws, url, "transition", "--statement", "ST-202609-P1", "--to", "PAID", "--paid-on", "2026-11-20",
                    "--reference", "BT-88123", "--operator", "qian")).isZero();

            Map<String, String> statement = labels(statements.resolve("ST-202609-P1.xlsx"), "Statement");
            assertThat(statement).containsEntry("status", "PAID").containsEntry("payable", "1800")
                    .containsEntry("application_id", "PA-202609-P1").containsEntry("invoice_status", "ACCEPTED")
                    .containsEntry("invoice_numbers", "INCENTIVE 04512399").containsEntry("paid_on", "2026-11-20")
                    .containsEntry("payment_reference", "BT-88123");
            assertThat(history(statements.resolve("ST-202609-P1.xlsx"))).containsExactly(
                    "monthly-run  PENDING_CONFIRMATION generated for business date 2026-10-02",
                    "li PENDING_CONFIRMATION PENDING_COUNTERSIGN confirmed with the period, action 1 of 1",
                    "wang PENDING_COUNTERSIGN COUNTERSIGNING ",
                    "wang COUNTERSIGNING PENDING_PAYMENT_APPLICATION ",
                    "op PENDING_PAYMENT_APPLICATION INVOICE_REVIEW invoice numbers registered: INCENTIVE 04512377",
                    "zhao INVOICE_REVIEW INVOICE_REJECTED 备注缺少对账期次 the remark lacks the period",
                    "op INVOICE_REJECTED INVOICE_REVIEW invoice numbers registered: INCENTIVE 04512399",
                    "zhao INVOICE_REVIEW DISBURSING ",
                    "qian DISBURSING PAID paid on 2026-11-20, reference BT-88123");

            // the owed invoice: paid first (no review before disbursing), owed from the day of payment
            lifecycle.transition("ST-202609-P4", StatementStatus.DISBURSING, "op", null);
            assertThat(engine.bean(OwedInvoices.class).all()).isEmpty();
            lifecycle.transition("ST-202609-P4", StatementStatus.PAID, "qian", null,
                    new StatementLifecycle.Payment(LocalDate.parse("2026-11-18"), "ACC-5521"));
            publish.run();
            assertThat(owed(ws, url)).containsExactly(
                    "P4         伙伴P4有限公司         PA-202609-P4       2026-09          2,700.00 CNY  2026-11-18 AWAITED");
            assertThat(owedSheet(statements.resolve("ST-202609-P4.xlsx"))).containsExactly(
                    "PA-202609-P4 ST-202609-P4 2026-09 2700 CNY 2026-11-18 AWAITED ");
            assertThat(labels(lists.resolve("PA-202609-P4.xlsx"))).containsEntry("invoice_status", "OWED 欠票 paid, invoice owed");

            // its list comes back with a number already used by P1: refused; with its own number: no longer owed
            Path reused = fill(lists.resolve("PA-202609-P4.xlsx"), dir.resolve("from-partner-4.xlsx"), "INCENTIVE", "04512399");
            assertThatThrownBy(() -> review.registerList("PA-202609-P4", reused, "op")).hasMessage(
                    "from-partner-4.xlsx row 25 (INCENTIVE): invoice number 04512399 is already registered for "
                            + "PA-202609-P1 INCENTIVE — nothing was registered");
            Path own = fill(lists.resolve("PA-202609-P4.xlsx"), dir.resolve("from-partner-4b.xlsx"), "INCENTIVE", "04512400");
            assertThat(register(ws, url, "PA-202609-P4", "--file", own.toString())).isZero();
            assertThat(owed(ws, url)).containsExactly("no invoice is owed");
            assertThat(owedSheet(statements.resolve("ST-202609-P4.xlsx"))).isEmpty();
            // rejected: owed again, still since the day of payment; a new number, then accepted
            review.reject("PA-202609-P4", "wrong tax id", "zhao");
            publish.run();
            assertThat(owedSheet(statements.resolve("ST-202609-P4.xlsx"))).containsExactly(
                    "PA-202609-P4 ST-202609-P4 2026-09 2700 CNY 2026-11-18 REJECTED wrong tax id");
            review.registerOne("PA-202609-P4", "INCENTIVE", "04512401", "op");
            review.accept("PA-202609-P4", "zhao");
            publish.run();
            assertThat(labels(statements.resolve("ST-202609-P4.xlsx"), "Statement")).containsEntry("status", "PAID")
                    .containsEntry("payable", "2700").containsEntry("invoice_status", "ACCEPTED")
                    .containsEntry("invoice_numbers", "INCENTIVE 04512401").containsEntry("paid_on", "2026-11-18")
                    .containsEntry("payment_reference", "ACC-5521");
            assertThat(history(statements.resolve("ST-202609-P4.xlsx"))).endsWith(
                    "wang COUNTERSIGNING PENDING_PAYMENT_APPLICATION ",
                    "op PENDING_PAYMENT_APPLICATION DISBURSING ",
                    "qian DISBURSING PAID paid on 2026-11-18, reference ACC-5521",
                    "op PAID PAID owed invoice registered: INCENTIVE 04512400; in review, no longer owed",
                    "zhao PAID PAID owed invoice rejected: wrong tax id",
                    "op PAID PAID owed invoice registered: INCENTIVE 04512401; in review, no longer owed",
                    "zhao PAID PAID owed invoice accepted");

            // every number ever registered is kept, the rejected ones marked; the commands' actions are audited
            assertThat(engine.jdbc().queryForList("""
                    SELECT invoice_number || ' ' || application_id || ' ' || item || ' '
                           || CASE WHEN rejected THEN 'rejected' ELSE 'current' END FROM invoice_number
                     ORDER BY invoice_number""", String.class)).containsExactly(
                    "04512377 PA-202609-P1 INCENTIVE rejected", "04512399 PA-202609-P1 INCENTIVE current",
                    "04512400 PA-202609-P4 INCENTIVE rejected", "04512401 PA-202609-P4 INCENTIVE current");
            assertThat(engine.jdbc().queryForList("""
                    SELECT operator || ' ' || action || ' ' || subject || ' ' || COALESCE(note, '-') || ' ' || outcome
                      FROM operator_action ORDER BY action_id""", String.class)).containsExactly(
                    "op INVOICE_REGISTER PA-202609-P1 - refused: from-partner-1.xlsx row 25 (INCENTIVE): invoice number "
                            + "'0451237' is not of the configured form \\d{8}|\\d{20} (settlement.invoice-number-pattern) "
                            + "— nothing was registered",
                    "op INVOICE_REGISTER PA-202609-P1 - registered {INCENTIVE=04512377}, in review",
                    "zhao INVOICE_REJECT PA-202609-P1 备注缺少对账期次 the remark lacks the period rejected; statement "
                            + "INVOICE_REJECTED",
                    "qian TRANSITION ST-202609-P1 - now PAID",
                    "op INVOICE_REGISTER PA-202609-P4 - registered {INCENTIVE=04512400}, in review");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachListNamesTheContractingEntityInEffectForItsPeriod(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        // P1 contracts with the mainland entity until September and with the Hong Kong entity, without VAT, from October
        ws.write("reference/partners.csv", "partner_id,partner_name,tier,settlement_currency,disbursement_method,"
                + "contracting_entity,partner_tax_rate,tax_id,effective_from", List.of(
                "P1,伙伴P1有限公司,CORE,CNY,BANK_TRANSFER," + CN + ",0.06,9111P1,",
                "P1,伙伴P1有限公司,CORE,CNY,BANK_TRANSFER," + HK + ",0,9111P1,2026-10-01",
                "P4,伙伴P4有限公司,CORE,CNY,ACCOUNT_INVOICE_OWED," + UNLISTED + ",0.03,9111P4,",
                "P9,伙伴P9有限公司,CORE,CNY,BANK_TRANSFER," + HK + ",0,9111P9,"));
        ws.inboxFile("oct.csv", CURRENT_HEADER, usage("o1", "C1", "2026-10-01", "20000.00"));
        String url = fixture.database(database);
        Path out = ws.root().resolve("out");
        try (Engine engine = new Engine(ws.root(), url)) {
            StatementLifecycle lifecycle = engine.bean(StatementLifecycle.class);
            assertThat(engine.nightly("2026-11-02").getStatus().isUnsuccessful()).isFalse();
            engine.monthly("2026-09", "2026-11-02");
            lifecycle.confirmPeriod("2026-09", "li");
            engine.monthly("2026-10", "2026-11-02");
            lifecycle.confirmPeriod("2026-10", "li");
            engine.bean(InvoiceListWorkbook.class).writeMissing(out);
            Path september = out.resolve("2026-09/invoice-lists/PA-202609-P1.xlsx");
            Path october = out.resolve("2026-10/invoice-lists/PA-202610-P1.xlsx");
            assertThat(labels(september)).containsEntry("contracting_entity", CN)
                    .containsEntry("invoice_type", "增值税专用发票 VAT special invoice")
                    .containsEntry("mailing_address", CN_ADDRESS).containsEntry("public_mailbox", CN_MAILBOX);
            assertThat(labels(october)).containsEntry("contracting_entity", HK)
                    .containsEntry("invoice_type", "Commercial invoice 商业发票").containsEntry("tax", "No VAT 不含增值税")
                    .containsEntry("mailing_address", "9/F Cyberport 3, Hong Kong")
                    .containsEntry("public_mailbox", "partner-invoices-hk@huaweicloud.example");
            // 20000.00 × 9 % = 1800.00 each month; September at 6 % / 6 %: 1800.00, tax 101.89;
            // October at the Hong Kong terms (partner rate 0): 1800.00 / 1.06 = 1698.1132… → 1698.11, tax 0
            assertThat(line(september, "INCENTIVE")).containsExactly("INCENTIVE", "1800", "0.06", "0.06", "1800",
                    "101.89", "");
            assertThat(line(october, "INCENTIVE")).containsExactly("INCENTIVE", "1800", "0.06", "0", "1698.11", "0", "");
        }
    }

    static int run(TestWorkspace ws, String url, String... args) {
        return Cli.run(ws.root(), url, args);
    }

    static int register(TestWorkspace ws, String url, String application, String... args) {
        List<String> all = new ArrayList<>(List.of("invoices", "register", "--application", application));
        all.addAll(List.of(args));
        all.addAll(List.of("--operator", "op"));
        return Cli.run(ws.root(), url, all);
    }

    static String status(Engine engine, String statementId) {
        return engine.jdbc().queryForObject("SELECT status FROM statement WHERE statement_id = ?", String.class,
                statementId);
    }

    /** The lines {@code ./run.sh invoices owed} prints, its header left out. */
    static List<String> owed(TestWorkspace ws, String url) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(ws, url, "invoices", "owed")).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("P") && !l.startsWith("partner") || l.startsWith("no invoice")).toList();
    }

    /** The partner's copy of the list with invoice numbers typed in (as text, as a text-formatted cell keeps them). */
    static Path fill(Path list, Path target, String item, String number) throws IOException {
        try (InputStream in = Files.newInputStream(list); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("Invoice List");
            int numberColumn = -1;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING
                            && DocumentLabels.key(cell.getStringCellValue()).equals("invoice_number")) {
                        numberColumn = cell.getColumnIndex();
                    }
                }
                if (row.getCell(0) != null && row.getCell(0).getCellType() == CellType.STRING
                        && row.getCell(0).getStringCellValue().equals(item)) {
                    // a new cell, as a spreadsheet program writes it (POI keeps an inline string's old text)
                    var style = row.getCell(numberColumn).getCellStyle();
                    row.removeCell(row.getCell(numberColumn));
                    Cell cell = row.createCell(numberColumn);
                    cell.setCellStyle(style);
                    cell.setCellValue(number);
                }
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                book.write(out);
            }
        }
        return target;
    }

    static Map<String, String> labels(Path workbook) throws IOException {
        return labels(workbook, "Invoice List");
    }

    /** Column A's labels, as their keys (SPEC section 9), → column B, down to the table below them. */
    static Map<String, String> labels(Path workbook, String sheetName) throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Row row : book.getSheet(sheetName)) {
                if (row.getZeroHeight() || row.getCell(0) == null || row.getCell(0).getCellType() != CellType.STRING) {
                    continue;
                }
                String key = DocumentLabels.key(row.getCell(0).getStringCellValue());
                if (key.equals("item")) {
                    break;
                }
                labels.putIfAbsent(key, text(row.getCell(1)));
            }
        }
        return labels;
    }

    /** The cells of the list's table row whose first cell is {@code item} (or reads as it). */
    static List<String> line(Path workbook, String item) throws IOException {
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Row row : book.getSheet("Invoice List")) {
                String first = text(row.getCell(0));
                if (!row.getZeroHeight() && (first.equals(item) || DocumentLabels.key(first).equals(item))) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < 7; i++) {
                        cells.add(text(row.getCell(i)));
                    }
                    return cells;
                }
            }
        }
        throw new AssertionError("no line " + item + " in " + workbook);
    }

    /** The History sheet's rows: who, from, to, note. */
    static List<String> history(Path workbook) throws IOException {
        return rows(workbook, "History", 1, 4);
    }

    static List<String> owedSheet(Path workbook) throws IOException {
        return rows(workbook, "Owed Invoices", 0, 7);
    }

    /** A table sheet's data rows, cells {@code from}..{@code to}: the hidden key row and the header left out. */
    static List<String> rows(Path workbook, String sheetName, int from, int to) throws IOException {
        List<String> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            boolean header = true;
            for (Row row : book.getSheet(sheetName)) {
                if (row.getZeroHeight()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (int i = from; i <= to; i++) {
                    cells.add(text(row.getCell(i)));
                }
                rows.add(String.join(" ", cells));
            }
        }
        return rows;
    }

    /** A cell as text: numbers without trailing zeros, dates as ISO days. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            if (org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
                LocalDate day = cell.getLocalDateTimeCellValue().toLocalDate();
                return day.toString();
            }
            return new java.math.BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros()
                    .toPlainString();
        }
        return cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString();
    }
}
