package io.partnersettlement.invoice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.reference.PartnerTerms;
import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.LabelValueWriter;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The invoice list (开票清单) of a payment application: {@code out/<YYYY-MM>/invoice-lists/PA-<YYYYMM>-<partner>.xlsx},
 * laid out as a document the partner prints: who invoices whom, in which currency, the invoice type and tax of the
 * contracting entity, both forms and where each goes, the remark the invoice must carry, one line per part of the
 * payable amount, a total, and the invoice-number column the partner fills in (and the engine fills once registered).
 */
@Component
public class InvoiceListWorkbook {

    private final JdbcTemplate jdbc;
    private final EngineSettings settings;

    public InvoiceListWorkbook(JdbcTemplate jdbc, EngineSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** The lines of an application: the non-zero parts of its statement's payable amount. */
    public List<InvoiceLine> lines(String applicationId) {
        Map<String, Object> s = jdbc.queryForMap("""
                SELECT s.available_total, s.released_from_prior, s.prior_period_adjustments, s.carried_in,
                       t.partner_tax_rate
                  FROM payment_application a JOIN statement s ON s.statement_id = a.statement_id
                  JOIN partner_term t ON %s
                 WHERE a.application_id = ?""".formatted(PartnerTerms.IN_EFFECT_FOR.formatted("a")), applicationId);
        BigDecimal partnerRate = (BigDecimal) s.get("partner_tax_rate");
        List<InvoiceLine> lines = new ArrayList<>();
        String[][] items = {{"INCENTIVE", "available_total"}, {"RELEASED_FROM_PRIOR", "released_from_prior"},
                {"PRIOR_PERIOD_ADJUSTMENT", "prior_period_adjustments"}, {"CARRIED_IN", "carried_in"}};
        for (String[] item : items) {
            BigDecimal amount = (BigDecimal) s.get(item[1]);
            if (amount.signum() != 0) {
                lines.add(InvoiceLine.of(item[0], amount.setScale(2, RoundingMode.HALF_UP),
                        settings.productTaxRate(), partnerRate));
            }
        }
        return lines;
    }

    /**
     * Sets aside the list of every application withdrawn since it was written (a rejected countersign withdraws it;
     * the next confirmation makes a new one of the same id), as {@code PA-…-withdrawn-<created>.xlsx}, and writes the
     * list of every application that has none for its current creation, or that changed since its list was written
     * (invoice numbers registered or rejected, paid). So the list under an application's name always totals its
     * statement's payable as confirmed, and shows its invoice as the ledger has it.
     */
    public void writeMissing(Path outDir) {
        for (var row : jdbc.queryForList("""
                SELECT f.application_id, f.period, f.created_at FROM invoice_list_file f
                 WHERE NOT EXISTS (SELECT 1 FROM payment_application a
                                    WHERE a.application_id = f.application_id AND a.created_at = f.created_at)""")) {
            String id = (String) row.get("application_id");
            setAside(target(outDir, (String) row.get("period"), id),
                    ((Timestamp) row.get("created_at")).toLocalDateTime());
            jdbc.update("DELETE FROM invoice_list_file WHERE application_id = ?", id);
        }
        for (String id : jdbc.queryForList("""
                SELECT a.application_id FROM payment_application a
                 WHERE NOT EXISTS (SELECT 1 FROM invoice_list_file f
                                    WHERE f.application_id = a.application_id AND f.created_at = a.created_at)
                 ORDER BY a.application_id""", String.class)) {
            write(id, outDir);
            jdbc.update("""
                    INSERT INTO invoice_list_file (application_id, period, created_at)
                    SELECT application_id, period, created_at FROM payment_application WHERE application_id = ?""", id);
        }
        for (String id : jdbc.queryForList(
                "SELECT application_id FROM payment_application WHERE list_stale = TRUE ORDER BY application_id",
                String.class)) {
            write(id, outDir);
        }
    }

    /** A withdrawn application's list, kept as history under a name that says so. */
    private static void setAside(Path list, LocalDateTime created) {
        if (!Files.exists(list)) {
            return;
        }
        String name = list.getFileName().toString().replace(".xlsx", "") + "-withdrawn-"
                + created.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".xlsx";
        try {
            Files.move(list, list.resolveSibling(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the withdrawn invoice list " + list, e);
        }
    }

    static Path target(Path outDir, String period, String applicationId) {
        return outDir.resolve(period).resolve("invoice-lists").resolve(applicationId + ".xlsx");
    }

    public Path write(String applicationId, Path outDir) {
        Map<String, Object> a = jdbc.queryForMap("""
                SELECT a.application_id, a.statement_id, a.period, a.currency, a.payable, a.disbursement_method,
                       a.invoice_status, a.review_note, a.owed_since, p.partner_name, p.tax_id, t.partner_tax_rate,
                       t.contracting_entity
                  FROM payment_application a JOIN partner p ON p.partner_id = a.partner_id
                  JOIN partner_term t ON %s
                 WHERE a.application_id = ?""".formatted(PartnerTerms.IN_EFFECT_FOR.formatted("a")), applicationId);
        String period = (String) a.get("period");
        String currency = (String) a.get("currency");
        String entity = (String) a.get("contracting_entity");
        InvoiceTerms terms = InvoiceTerms.of(jdbc, settings, entity, (BigDecimal) a.get("partner_tax_rate"));
        boolean owed = "ACCOUNT_INVOICE_OWED".equals(a.get("disbursement_method"));
        Map<String, String> numbers = new HashMap<>();
        jdbc.query("SELECT item, invoice_number FROM invoice_number WHERE application_id = ? AND rejected = FALSE",
                rs -> {
                    numbers.put(rs.getString(1), rs.getString(2));
                }, applicationId);
        try (WorkbookFile book = WorkbookFile.createDocument()) {
            LabelValueWriter header = book.labelValues("Invoice List");
            header.title("开票清单 Invoice list")
                    .text("application_id", applicationId)
                    .text("statement_id", a.get("statement_id"))
                    .text("period", period)
                    .text("partner_name", a.get("partner_name"))
                    .text("tax_id", a.get("tax_id"))
                    .text("contracting_entity", entity)
                    .text("结算币种 Currency", currency)
                    .text("invoice_type", terms.invoiceType())
                    .text("税率说明 Tax", terms.taxWording())
                    .text("invoice_forms", "纸质发票 paper invoice, or " + terms.electronicForm() + " "
                            + terms.electronicFormInEnglish())
                    .text("纸质发票 Paper invoice", "纸质发票与开票清单一起邮寄至邮寄地址 Mail it with this printed list to the mailing address")
                    .text("电子发票 Electronic invoice", terms.electronicForm() + "与开票清单发送至指定的公共邮箱 Send it with this list to the public mailbox")
                    .text("mailing_address", terms.mailingAddress())
                    .text("public_mailbox", terms.publicMailbox())
                    .text("开票时点 Invoice due", owed ? "先款后票 paid first, the invoice is owed (返华为云账户-记欠票)"
                            : "先票后款 the invoice comes before payment")
                    .text("remark", "申付单 " + applicationId + " 对账期次 " + period)
                    .text("finance_contact", settings.financeContact())
                    .text("发票状态 Invoice status", statusText((String) a.get("invoice_status"), owed && a.get("owed_since") != null));
            if (a.get("review_note") != null) {
                header.text("审核意见 Review note", "发票审核未通过,请根据审核意见修改后重新提交 Rejected, issue a new invoice: "
                        + a.get("review_note"));
            }
            header.blank();
            TableWriter table = header.table(Column.text("item"), Column.amount("amount_incl_tax").inCurrency(currency),
                    Column.percent("product_tax_rate"), Column.percent("partner_tax_rate"),
                    Column.amount("settlement_amount").inCurrency(currency), Column.amount("tax_amount").inCurrency(currency),
                    Column.text("invoice_number")).asDocument();
            for (InvoiceLine line : lines(applicationId)) {
                // an empty text cell rather than none: a number typed into it stays text, all its digits kept
                table.row(line.item(), line.amountInclTax(), line.productTaxRate(), line.partnerTaxRate(),
                        line.settlementAmount(), line.taxAmount(), numbers.getOrDefault(line.item(), ""));
            }
            table.totals("total");
            book.printAsDocument("Invoice List", true, "开票清单 " + applicationId);
            Path saved = book.save(target(outDir, period, applicationId));
            jdbc.update("UPDATE payment_application SET list_stale = FALSE WHERE application_id = ?", applicationId);
            return saved;
        }
    }

    private static String statusText(String status, boolean owedNow) {
        return switch (status) {
            case "IN_REVIEW" -> "IN_REVIEW 发票审核中 numbers registered, in review";
            case "REJECTED" -> "REJECTED 发票审核未通过" + (owedNow ? ", owed" : "");
            case "ACCEPTED" -> "ACCEPTED 发票审核通过";
            default -> owedNow ? "OWED 欠票 paid, invoice owed" : "AWAITED 待开票 fill in the invoice numbers";
        };
    }
}
