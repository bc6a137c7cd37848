package io.partnersettlement.statement;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.LabelValueWriter;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;
import io.partnersettlement.workbook.WritingThread;

/**
 * {@code out/<YYYY-MM>/statements/ST-<YYYYMM>-<partner>.xlsx}: the statement's figures (label, value), exactly the
 * details it counts with their settlement amounts, and its history.
 */
@Component
public class StatementWorkbook {

    private static final List<String> AMOUNTS = List.of("performance", "incentive_total", "frozen_total",
            "available_total", "released_from_prior", "prior_period_adjustments", "carried_in", "payable", "carried_out");

    private final JdbcTemplate jdbc;
    private final OwedInvoices owedInvoices;

    public StatementWorkbook(JdbcTemplate jdbc, OwedInvoices owedInvoices) {
        this.jdbc = jdbc;
        this.owedInvoices = owedInvoices;
    }

    /**
     * Rewrites the workbook of every statement changed since its workbook was written — after a process died between
     * an action's commit and its workbooks, say — and answers their ids.
     */
    public List<String> writeStale(Path outDir) {
        List<String> stale = jdbc.queryForList(
                "SELECT statement_id FROM statement WHERE workbook_stale = TRUE ORDER BY statement_id", String.class);
        stale.forEach(id -> write(id, outDir));
        return stale;
    }

    /**
     * Writes the workbooks of every statement of the period: one statement's workbook is written on a second thread
     * while the next statement is read.
     */
    public void writePeriod(String period, Path outDir) {
        writePeriod(period, PartnerRange.ALL, outDir);
    }

    /**
     * Writes the workbooks of the period's statements of the partners in {@code partners}: a partition of the monthly
     * job. Each workbook is its own file, written whole from its statement's rows alone.
     */
    public void writePeriod(String period, PartnerRange partners, Path outDir) {
        List<String> ids = new ArrayList<>();
        jdbc.query("SELECT statement_id, partner_id FROM statement WHERE period = ? ORDER BY statement_id", rs -> {
            if (partners.contains(rs.getString(2))) {
                ids.add(rs.getString(1));
            }
        }, period);
        try (WritingThread writer = new WritingThread("statement-workbooks")) {
            String previous = null;
            for (String id : ids) {
                write(id, outDir, writer);
                if (previous != null) {
                    markWritten(previous);
                }
                previous = id;
            }
            writer.await();
            if (previous != null) {
                markWritten(previous);
            }
        }
    }

    public Path write(String statementId, Path outDir) {
        Path[] saved = new Path[1];
        try (WritingThread writer = new WritingThread("statement-workbook")) {
            write(statementId, outDir, saved, writer);
            writer.await();
        }
        markWritten(statementId);
        return saved[0];
    }

    private void write(String statementId, Path outDir, WritingThread writer) {
        write(statementId, outDir, new Path[1], writer);
    }

    /**
     * Reads a statement on this thread (a dry run's rows are visible to its transaction alone) and hands its workbook
     * to the writing thread piece by piece: the Statement sheet, its lines a batch at a time (a statement may count
     * millions of details: never all held at once), then the rest, and the save; {@code saved} receives the path.
     */
    private void write(String statementId, Path outDir, Path[] saved, WritingThread writer) {
        Contents contents = read(statementId);
        Sheets sheets = new Sheets(contents);
        try {
            writer.submit(sheets::start);
            lines(statementId, sheets, writer, saved, outDir);
        } catch (RuntimeException e) {
            // the workbook's temporary files go with the failure
            try {
                writer.await();
            } catch (RuntimeException failed) {
                e.addSuppressed(failed);
            }
            sheets.discard();
            throw e;
        }
    }

    private void lines(String statementId, Sheets sheets, WritingThread writer, Path[] saved, Path outDir) {
        List<List<Object[]>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
        jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT detail_id, role, period, partner_id, customer_id, association_type, service_type_code,
                           order_id, funding, base, rate, amount, currency, settlement_amount, status, freeze_reason,
                           parent_detail_id, unfreeze_ratio, late, tier
                      FROM statement_detail
                     WHERE statement_id = ?
                     ORDER BY role, period, COALESCE(parent_detail_id, detail_id), COALESCE(milestone_no, 0)""");
            statement.setFetchSize(BATCH);
            statement.setString(1, statementId);
            return statement;
        }, rs -> {
            List<Object[]> rows = batch.get(0);
            if (rows.size() == BATCH) {
                writer.submit(() -> rows.forEach(sheets.details::row));
                batch.set(0, new ArrayList<>(BATCH));
            }
            batch.get(0).add(new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13),
                    rs.getBigDecimal(14), rs.getString(15),
                    "FROZEN".equals(rs.getString(15)) ? rs.getString(16) : null, rs.getString(17),
                    rs.getBigDecimal(18), rs.getBoolean(19), rs.getString(20)});
        });
        List<Object[]> last = batch.get(0);
        writer.submit(() -> {
            last.forEach(sheets.details::row);
            saved[0] = sheets.finish(outDir);
        });
    }

    /** Lines read and handed to the writing thread at a time. */
    private static final int BATCH = 5_000;

    private void markWritten(String statementId) {
        jdbc.update("UPDATE statement SET workbook_stale = FALSE WHERE statement_id = ?", statementId);
    }

    /** What a statement's workbook shows, as read from the ledger. */
    private record Contents(String statementId, Map<String, Object> statement, String partnerName,
            List<Object[]> history, Map<String, Object> application, String invoiceNumbers,
            List<OwedInvoices.OwedInvoice> owed) {
    }

    private Contents read(String statementId) {
        var s = jdbc.queryForMap("SELECT * FROM statement WHERE statement_id = ?", statementId);
        // the partner's name and the details as the statement keeps them: a confirmed statement's sheets never change
        String partnerName = s.get("partner_name") != null ? (String) s.get("partner_name")
                : jdbc.queryForList("SELECT partner_name FROM partner WHERE partner_id = ?", String.class,
                        s.get("partner_id")).stream().findFirst().orElse("");
        List<Object[]> history = new ArrayList<>();
        jdbc.query("""
                SELECT changed_at, changed_by, from_status, to_status, note FROM statement_history
                 WHERE statement_id = ? ORDER BY entry_id""", rs -> {
            history.add(new Object[] {rs.getTimestamp(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5)});
        }, statementId);
        Map<String, Object> application = jdbc.queryForList("""
                SELECT application_id, invoice_status, review_note FROM payment_application WHERE statement_id = ?""",
                statementId).stream().findFirst().orElse(null);
        String numbers = application == null ? null : String.join(", ", jdbc.queryForList("""
                SELECT item || ' ' || invoice_number FROM invoice_number WHERE application_id = ? AND rejected = FALSE
                 ORDER BY item""", String.class, application.get("application_id")));
        return new Contents(statementId, s, partnerName, history, application, numbers,
                owedInvoices.of((String) s.get("partner_id")));
    }

    /** A statement's workbook, written on the writing thread: the Statement sheet, the lines, the rest and the save. */
    private static final class Sheets {
        private final Contents contents;
        private WorkbookFile book;
        private TableWriter details;

        Sheets(Contents contents) {
            this.contents = contents;
        }

        /** Closes the workbook unsaved (after a failure), if it was started and not saved. */
        void discard() {
            if (book != null) {
                book.close();
                book = null;
            }
        }

        void start() {
            var s = contents.statement();
            String period = (String) s.get("period");
            String currency = (String) s.get("currency");
            book = WorkbookFile.createDocument();
            LabelValueWriter sheet = book.labelValues("Statement");
            sheet.title("对账单 Reconciliation statement");
            sheet.text("statement_id", contents.statementId());
            sheet.text("partner_id", (String) s.get("partner_id"));
            sheet.text("partner_name", contents.partnerName());
            sheet.text("period", period);
            sheet.text("status", (String) s.get("status"));
            sheet.text("结算币种 Currency", currency);
            for (String amount : AMOUNTS) {
                if (amount.equals("payable")) {
                    sheet.emphasised(amount, (BigDecimal) s.get(amount), currency);
                } else {
                    sheet.amount(amount, (BigDecimal) s.get(amount), currency);
                }
            }
            sheet.date("generated_for", ((Date) s.get("generated_for_date")).toLocalDate());
            Map<String, Object> application = contents.application();
            if (application != null) {
                sheet.text("application_id", application.get("application_id"));
                sheet.text("发票状态 Invoice status", application.get("invoice_status"));
                sheet.text("发票号码 Invoice numbers", contents.invoiceNumbers().isEmpty() ? null : contents.invoiceNumbers());
                sheet.text("审核意见 Review note", application.get("review_note"));
            }
            sheet.date("付款日期 Paid on", s.get("paid_on") == null ? null : ((Date) s.get("paid_on")).toLocalDate());
            sheet.text("付款凭证号 Payment reference", s.get("payment_reference"));

            details = book.table("Details", List.of(Column.text("detail_id"), Column.text("role"),
                    Column.text("period"), Column.text("partner_id"), Column.text("customer_id"),
                    Column.text("association_type"), Column.text("service_type_code"), Column.text("order_id"),
                    Column.text("funding"), Column.amount("base").currencyFrom("currency"), Column.rate("rate"),
                    Column.amount("amount").currencyFrom("currency"), Column.text("currency"),
                    Column.amount("settlement_amount").inCurrency(currency), Column.text("status"),
                    Column.text("freeze_reason"), Column.text("parent_detail_id"), Column.rate("unfreeze_ratio"),
                    Column.bool("late"), Column.text("tier")));
        }

        Path finish(Path outDir) {
            var s = contents.statement();
            String period = (String) s.get("period");
            TableWriter history = book.table("History", List.of(Column.dateTime("changed_at"), Column.text("changed_by"),
                    Column.text("from_status"), Column.text("to_status"), Column.text("note")));
            contents.history().forEach(history::row);

            // what the partner owes (返华为云账户-记欠票): paid first, invoice still to come
            TableWriter owed = book.table("Owed Invoices", List.of(Column.text("application_id"),
                    Column.text("statement_id"), Column.text("period"), Column.amount("欠票金额 Amount").currencyFrom("currency"),
                    Column.text("currency"), Column.date("欠票日期 Owed since"), Column.text("发票状态 Invoice status"),
                    Column.text("审核意见 Review note")));
            for (OwedInvoices.OwedInvoice o : contents.owed()) {
                owed.row(o.applicationId(), o.statementId(), o.period(), o.amount(), o.currency(), o.owedSince(),
                        o.invoiceStatus(), o.reviewNote());
            }
            String page = "对账单 " + contents.statementId() + " " + contents.partnerName() + " " + period;
            book.printAsDocument("Statement", false, page)
                    .printAsDocument("Details", true, page)
                    .printAsDocument("History", true, page)
                    .printAsDocument("Owed Invoices", true, page);
            try (WorkbookFile saving = book) {
                book = null;
                return saving.save(outDir.resolve(period).resolve("statements").resolve(contents.statementId() + ".xlsx"));
            }
        }
    }
}
