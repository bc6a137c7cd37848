package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.money.Money;
import io.partnersettlement.reference.PartnerTerms;
import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;
import io.partnersettlement.workbook.WritingThread;

/**
 * {@code out/<YYYY-MM>/incentives-<YYYY-MM>.xlsx}: every detail of the period (late ones included), split children
 * marked as batch-unfrozen amounts, and a per-partner summary of what is available and what is frozen, by reason.
 */
@Component
public class IncentiveWorkbook {

    static final String BATCH_UNFROZEN = "BATCH_UNFROZEN 分批次解冻";

    /**
     * In sheet order, sorted by the database (which sets a large sort aside on disk, so memory holds a batch of rows
     * whatever the period's size): by partner, then each split child after its parent, by milestone.
     */
    private static final String DETAILS = """
            SELECT detail_id, partner_id, customer_id, association_type, service_type_code, order_id, funding, base, rate,
                   amount, currency, status, freeze_reason, parent_detail_id, unfreeze_ratio, late, original_amount,
                   record_count, milestone_no, tier
              FROM incentive_detail
             WHERE period = ?
             ORDER BY partner_id, COALESCE(parent_detail_id, detail_id), COALESCE(milestone_no, 0)""";

    /** Rows handed to the writing thread at a time. */
    private static final int BATCH = 5_000;

    private static final String SUMMARY = """
            SELECT d.partner_id, MAX(p.partner_name), d.currency, COUNT(*),
                   SUM(CASE WHEN d.status = 'AVAILABLE' THEN d.amount ELSE 0 END),
                   SUM(CASE WHEN d.status = 'FROZEN' AND d.freeze_reason = 'MANUAL' THEN d.amount ELSE 0 END),
                   SUM(CASE WHEN d.status = 'FROZEN' AND d.freeze_reason = 'CREDIT_UNPAID' THEN d.amount ELSE 0 END),
                   SUM(CASE WHEN d.status = 'FROZEN' AND d.freeze_reason = 'MILESTONE' THEN d.amount ELSE 0 END),
                   SUM(CASE WHEN d.parent_detail_id IS NOT NULL THEN d.amount ELSE 0 END),
                   SUM(d.amount)
              FROM incentive_detail d LEFT JOIN partner p ON p.partner_id = d.partner_id
             WHERE d.period = ?
             GROUP BY d.partner_id, d.currency
             ORDER BY d.partner_id, d.currency""";

    private final JdbcTemplate jdbc;
    private final ControlTotals controls;

    public IncentiveWorkbook(JdbcTemplate jdbc, ControlTotals controls) {
        this.jdbc = jdbc;
        this.controls = controls;
    }

    public Path write(String period, Path outDir) {
        return write(period, outDir, null);
    }

    /** Writes the workbook; {@code ties} are the period's detail ties as the run verified them, or null to read them. */
    public Path write(String period, Path outDir, List<ControlTotals.Tie> ties) {
        Map<String, BigDecimal> fx = new HashMap<>();
        jdbc.query("SELECT from_currency, to_currency, rate FROM fx_rate WHERE period = ?", rs -> {
            fx.put(rs.getString(1) + ">" + rs.getString(2), rs.getBigDecimal(3));
        }, period);
        Map<String, String> settlementCurrencies = new HashMap<>();
        PartnerTerms.inEffect(jdbc, period)
                .forEach((partner, term) -> settlementCurrencies.put(partner, term.settlementCurrency()));
        try (WorkbookFile book = WorkbookFile.create()) {
            TableWriter summary = book.table("Partner Summary", List.of(Column.text("partner_id"),
                    Column.text("partner_name"), Column.text("currency"), Column.count("details"),
                    Column.amount("available").currencyFrom("currency"),
                    Column.amount("frozen_manual").currencyFrom("currency"),
                    Column.amount("frozen_credit_unpaid").currencyFrom("currency"),
                    Column.amount("frozen_milestone").currencyFrom("currency"),
                    Column.amount("batch_unfrozen").currencyFrom("currency"),
                    Column.amount("incentive_total").currencyFrom("currency")));
            jdbc.query(SUMMARY, rs -> {
                summary.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                        rs.getBigDecimal(10));
            }, period);
            summary.totals("total");

            TableWriter details = book.table("Details", List.of(Column.text("detail_id"), Column.text("partner_id"),
                    Column.text("customer_id"), Column.text("association_type"), Column.text("service_type_code"),
                    Column.text("order_id"), Column.text("funding"), Column.amount("base").currencyFrom("currency"),
                    Column.rate("rate"), Column.amount("amount").currencyFrom("currency"), Column.text("currency"),
                    Column.amount("settlement_amount"),
                    Column.text("settlement_currency"), Column.text("status"), Column.text("freeze_reason"),
                    Column.text("parent_detail_id"), Column.rate("unfreeze_ratio"), Column.bool("late"),
                    Column.text("kind"), Column.amount("original_amount").currencyFrom("currency"),
                    Column.count("records"), Column.text("tier")));
            // a batch of rows is written on a second thread while the next batch is read
            List<List<Object[]>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
            try (WritingThread writer = new WritingThread("incentive-workbook")) {
                jdbc.query(con -> {
                    var statement = con.prepareStatement(DETAILS);
                    statement.setFetchSize(1000);
                    statement.setString(1, period);
                    return statement;
                }, rs -> {
                    String partner = rs.getString(2);
                    List<Object[]> rows = batch.get(0);
                    if (rows.size() == BATCH) {
                        writer.submit(() -> rows.forEach(details::row));
                        batch.set(0, new ArrayList<>(BATCH));
                    }
                    BigDecimal amount = rs.getBigDecimal(10);
                    String currency = rs.getString(11);
                    String settlementCurrency = settlementCurrencies.get(partner);
                    BigDecimal settlement = null;
                    if (settlementCurrency != null && settlementCurrency.equals(currency)) {
                        settlement = amount;
                    } else if (settlementCurrency != null && fx.containsKey(currency + ">" + settlementCurrency)) {
                        settlement = Money.round(amount.multiply(fx.get(currency + ">" + settlementCurrency)),
                                settlementCurrency);
                    }
                    String id = rs.getString(1);
                    String parent = rs.getString(14);
                    batch.get(0).add(new Object[] {id,
                            partner, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBigDecimal(8), rs.getBigDecimal(9), amount, currency, settlement, settlementCurrency,
                            rs.getString(12), rs.getString(13), parent, rs.getBigDecimal(15), rs.getBoolean(16),
                            parent != null ? BATCH_UNFROZEN : "DETAIL", rs.getBigDecimal(17), rs.getLong(18),
                            rs.getString(20)});
                });
                List<Object[]> last = batch.get(0);
                writer.submit(() -> last.forEach(details::row));
                writer.await();
            }
            // the actions that concern the period: freezes and releases of its details, reruns and dry runs of it
            TableWriter history = book.table("History", List.of(Column.dateTime("when"), Column.text("who"),
                    Column.text("action"), Column.text("subject"), Column.text("note"), Column.text("outcome")));
            jdbc.query("""
                    SELECT a.acted_at, a.operator, a.action, a.detail_id, a.reason,
                           COALESCE(a.from_status, '') || ' > ' || COALESCE(a.to_status, '')
                      FROM detail_action a JOIN incentive_detail d ON d.detail_id = a.detail_id
                     WHERE d.period = ?
                    UNION ALL
                    SELECT o.acted_at, o.operator, o.action, o.subject, o.note, o.outcome FROM operator_action o
                     WHERE o.subject IN (?, ?)
                     ORDER BY 1""", rs -> {
                history.row(rs.getTimestamp(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6));
            }, period, "monthly " + period, "period " + period);
            // the tie-out the run verified: performance against the details' bases, the details against their freezes
            TableWriter quality = book.table("Data Quality", List.of(Column.text("partner_id"), Column.text("currency"),
                    Column.text("identity"), Column.amount("left").currencyFrom("currency"),
                    Column.amount("right").currencyFrom("currency"), Column.text("result")));
            for (var tie : ties != null ? ties : controls.detailTies(period)) {
                quality.row(tie.partnerId(), tie.currency(), tie.identity(), tie.left(), tie.right(),
                        tie.holds() ? "holds" : "BROKEN");
            }
            return book.save(outDir.resolve(period).resolve("incentives-" + period + ".xlsx"));
        }
    }
}
