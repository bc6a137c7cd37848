package io.partnersettlement.statement;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.reference.PartnerTerms;
import io.partnersettlement.workspace.EngineSettings;

/**
 * Generates the statements of a period (SPEC 7.1): for each partner, its own details of the period, the details of
 * earlier periods released since, and what the previous statement carried out, all converted to the partner's
 * settlement currency detail by detail with the rate of the detail's own period. Statements already confirmed are
 * never touched; the others are regenerated. This class reads and writes; the arithmetic is {@link StatementFigures}
 * and {@link FxRates}, values in and values out.
 */
@Component
public class StatementGenerator {

    private static final Logger log = LoggerFactory.getLogger(StatementGenerator.class);

    public static final String SYSTEM = "monthly-run";

    private final JdbcTemplate jdbc;
    private final EngineSettings settings;
    private final Clock clock;

    public StatementGenerator(JdbcTemplate jdbc, EngineSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    private record Partner(String id, String currency, String method) {
    }

    /** What a statement keeps of each detail it counts, after its role, status, amount and settlement amount. */
    static final List<String> SHOWN = List.of("period", "partner_id", "customer_id", "association_type",
            "service_type_code", "order_id", "funding", "currency", "late", "base", "rate", "freeze_reason",
            "parent_detail_id", "milestone_no", "unfreeze_ratio", "tier");

    private static final String COLUMNS = "detail_id, currency, amount, status, late, " + String.join(", ", SHOWN);

    /** A partner's own details of the period that are not late, unsettled, any status. */
    private static final String OWN = "SELECT " + COLUMNS + """

             FROM incentive_detail
             WHERE period = ? AND partner_id = ? AND settled_statement_id IS NULL AND late = FALSE
             ORDER BY detail_id""";

    /** A partner's details of an earlier period that are AVAILABLE now and unsettled, late ones included. */
    private static final String EARLIER = "SELECT " + COLUMNS + """

             FROM incentive_detail
             WHERE period = ? AND partner_id = ? AND settled_statement_id IS NULL AND status = 'AVAILABLE'
             ORDER BY detail_id""";

    private record Previous(String statementId, StatementStatus status, BigDecimal carriedOut) {
    }

    public static String statementId(String period, String partnerId) {
        return "ST-" + period.replace("-", "") + "-" + partnerId;
    }

    /** Generates the period's statements; answers the partners that failed, each with its reason. */
    public List<String> generate(String period, LocalDate businessDate) {
        return generate(period, businessDate, PartnerRange.ALL);
    }

    /**
     * Generates the statements of the period's partners in {@code range}: a partition of the monthly job. A statement
     * reads and writes only its own partner's rows, so partitions may run in any order, at once.
     */
    public List<String> generate(String period, LocalDate businessDate, PartnerRange range) {
        StatementStatus fresh = StatementFigures.freshStatus(period, businessDate);
        Map<String, BigDecimal> rates = new HashMap<>();
        jdbc.query("SELECT period, from_currency, to_currency, rate FROM fx_rate", rs -> {
            rates.put(FxRates.key(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getBigDecimal(4));
        });
        FxRates fx = new FxRates(rates);
        // each partner's terms in effect for the period: its settlement currency and disbursement method then
        List<Partner> partners = PartnerTerms.inEffect(jdbc, period).values().stream()
                .map(t -> new Partner(t.partnerId(), t.settlementCurrency(), t.disbursementMethod()))
                .filter(p -> range.contains(p.id()))
                .sorted(Comparator.comparing(Partner::id))
                .toList();
        List<String> earlierPeriods = earlierPeriods(jdbc, period);
        List<String> problems = new ArrayList<>();
        int generated = 0;
        for (Partner partner : partners) {
            String id = statementId(period, partner.id());
            StatementStatus existing = jdbc.query("SELECT status FROM statement WHERE statement_id = ?",
                    rs -> rs.next() ? StatementStatus.valueOf(rs.getString(1)) : null, id);
            if (existing != null && !existing.regenerable()) {
                continue;
            }
            try {
                if (generate(partner, period, earlierPeriods, businessDate, fresh, existing, fx)) {
                    generated++;
                    CrashPoints.reach("statements.generated");
                }
            } catch (FxRates.MissingRateException e) {
                problems.add("partner " + partner.id() + ": " + e.getMessage() + " — its statement for " + period
                        + " was not generated");
            }
        }
        log.info("statements of {}{}: {} generated as {}, {} partner(s) failed", period,
                range.equals(PartnerRange.ALL) ? "" : " (" + range + ")", generated, fresh, problems.size());
        return problems;
    }

    /** The periods before {@code period} that have details, found by stepping through the ledger's period index. */
    public static List<String> earlierPeriods(JdbcTemplate jdbc, String period) {
        List<String> periods = new ArrayList<>();
        String next = "";
        while (true) {
            List<String> found = jdbc.queryForList("""
                    SELECT period FROM incentive_detail WHERE period > ? AND period < ?
                     ORDER BY period FETCH FIRST 1 ROWS ONLY""", String.class, next, period);
            if (found.isEmpty()) {
                return periods;
            }
            next = found.get(0);
            periods.add(next);
        }
    }

    private boolean generate(Partner partner, String period, List<String> earlierPeriods, LocalDate businessDate,
            StatementStatus status, StatementStatus existing, FxRates fx) {
        String id = statementId(period, partner.id());
        if (existing != null && jdbc.update("UPDATE statement SET status = status WHERE statement_id = ? AND status = ?",
                id, existing.name()) != 1) {
            // compare-and-set: a statement confirmed (or moved on) since its status was read is never overwritten
            throw new EngineException(id + " is no longer " + existing + " (another action changed it meanwhile): it was "
                    + "not regenerated");
        }
        jdbc.update("DELETE FROM statement_detail WHERE statement_id = ?", id);
        jdbc.update("DELETE FROM statement WHERE statement_id = ?", id);
        Lines lines = count(id, partner, period, earlierPeriods, fx);
        BigDecimal performance = performance(partner, period, fx);
        Previous previous = previous(partner.id(), period);
        BigDecimal carriedIn = previous == null ? BigDecimal.ZERO : previous.carriedOut();
        boolean predecessorConfirmed = previous == null || previous.status().confirmed();
        StatementFigures figures = StatementFigures.of(lines.tally, carriedIn, partner.method(),
                settings.minimumPayout());
        if (!figures.anything()) {
            if (lines.written > 0) {
                jdbc.update("DELETE FROM statement_detail WHERE statement_id = ?", id);
            }
            return false;
        }
        insert(id, partner, period, status, performance, figures, businessDate, predecessorConfirmed);
        if (status != StatementStatus.ESTIMATED) {
            close(partner.id(), period);
        }
        jdbc.update("""
                INSERT INTO statement_history (statement_id, changed_at, changed_by, from_status, to_status, note)
                VALUES (?, ?, ?, ?, ?, ?)""", id, Timestamp.from(clock.instant()), SYSTEM,
                existing == null ? null : existing.name(), status.name(),
                (existing == null ? "generated" : "regenerated") + " for business date " + businessDate);
        return true;
    }

    /**
     * Writes the statement's lines, the partner's details it counts (released and late ones of earlier periods, then
     * its own), as they are read, a batch at a time, and sums them up.
     */
    private Lines count(String id, Partner partner, String period, List<String> earlierPeriods, FxRates fx) {
        Lines lines = new Lines(id);
        // period by period, in order, each a (period, partner) slice of the ledger's period index: one query with an
        // OR over periods would read the whole ledger for every partner
        for (String detailPeriod : earlierPeriods) {
            stream(EARLIER, detailPeriod, partner.id(), rs -> {
                lines.add(counted(rs, StatementFigures.earlierRole(rs.getBoolean(5)), detailPeriod, partner, fx));
            });
        }
        stream(OWN, period, partner.id(), rs -> {
            lines.add(counted(rs, StatementFigures.OWN, period, partner, fx));
        });
        lines.flush();
        return lines;
    }

    /** Runs a query of a period's and a partner's details, their rows fetched a batch at a time. */
    private void stream(String sql, String period, String partnerId, RowCallbackHandler row) {
        jdbc.query(con -> {
            var statement = con.prepareStatement(sql);
            statement.setFetchSize(Lines.BATCH);
            statement.setString(1, period);
            statement.setString(2, partnerId);
            return statement;
        }, row);
    }

    /** A statement's lines as they are read: summed up, and written a batch at a time (never all held at once). */
    private final class Lines {
        static final int BATCH = 1000;
        final String id;
        final StatementFigures.Tally tally = new StatementFigures.Tally();
        final List<CountedDetail> batch = new ArrayList<>(BATCH);
        long written;

        Lines(String id) {
            this.id = id;
        }

        void add(CountedDetail line) {
            tally.add(line);
            batch.add(line);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            jdbc.batchUpdate("INSERT INTO statement_detail (statement_id, detail_id, role, status, amount, "
                    + "settlement_amount, " + String.join(", ", SHOWN) + ") VALUES (?, ?, ?, ?, ?, ?"
                    + ", ?".repeat(SHOWN.size()) + ")", batch, BATCH, (ps, c) -> {
                        ps.setString(1, id);
                        ps.setString(2, c.detailId());
                        ps.setString(3, c.role());
                        ps.setString(4, c.status());
                        ps.setBigDecimal(5, c.amount());
                        ps.setBigDecimal(6, c.settlementAmount());
                        for (int i = 0; i < c.shown().length; i++) {
                            ps.setObject(7 + i, c.shown()[i]);
                        }
                    });
            written += batch.size();
            batch.clear();
        }
    }

    /** The partner's performance of the period in its settlement currency: converted per currency, rounded once. */
    private BigDecimal performance(Partner partner, String period, FxRates fx) {
        BigDecimal performance = BigDecimal.ZERO;
        for (var row : jdbc.queryForList("SELECT currency, performance FROM performance_period WHERE partner_id = ? AND period = ?",
                partner.id(), period)) {
            performance = performance.add(fx.convert((BigDecimal) row.get("performance"), period,
                    (String) row.get("currency"), partner.currency()));
        }
        return performance;
    }

    /** The partner's latest statement before the period, or {@code null}. */
    private Previous previous(String partnerId, String period) {
        return jdbc.query("""
                SELECT statement_id, status, carried_out FROM statement
                 WHERE partner_id = ? AND period < ? ORDER BY period DESC""",
                rs -> rs.next() ? new Previous(rs.getString(1), StatementStatus.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3)) : null, partnerId, period);
    }

    private void insert(String id, Partner partner, String period, StatementStatus status, BigDecimal performance,
            StatementFigures f, LocalDate businessDate, boolean predecessorConfirmed) {
        jdbc.update("""
                INSERT INTO statement (statement_id, partner_id, period, status, currency, performance, incentive_total,
                    frozen_total, available_total, released_from_prior, prior_period_adjustments, carried_in, payable,
                    carried_out, generated_for_date, predecessor_confirmed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, partner.id(), period, status.name(),
                partner.currency(), performance, f.incentiveTotal(), f.frozenTotal(), f.availableTotal(),
                f.releasedFromPrior(), f.priorPeriodAdjustments(), f.carriedIn(), f.payable(), f.carriedOut(),
                Date.valueOf(businessDate), predecessorConfirmed);
        jdbc.update("UPDATE statement SET partner_name = (SELECT partner_name FROM partner WHERE partner_id = ?) "
                + "WHERE statement_id = ?", partner.id(), id);
    }

    /**
     * A statement that is not a preview closes its period, and every earlier one, for the partner, the first time:
     * records of those periods ingested from now on are late. It closes on the files ingested and settled (archived),
     * never on files only registered: their records are in no statement yet, so they must count as late.
     */
    private void close(String partnerId, String period) {
        jdbc.update("""
                INSERT INTO period_close (partner_id, through_period, after_file_id)
                SELECT ?, ?, COALESCE((SELECT MAX(file_id) FROM ingest_file WHERE status = 'ARCHIVED'), 0)
                 WHERE NOT EXISTS (SELECT 1 FROM period_close WHERE partner_id = ? AND through_period >= ?)""",
                partnerId, period, partnerId, period);
    }

    private static CountedDetail counted(ResultSet rs, String role, String detailPeriod, Partner partner, FxRates fx)
            throws SQLException {
        BigDecimal amount = rs.getBigDecimal(3);
        Object[] shown = new Object[SHOWN.size()];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = rs.getObject(6 + i);
        }
        return new CountedDetail(rs.getString(1), role, rs.getString(4), amount,
                fx.convert(amount, detailPeriod, rs.getString(2), partner.currency()), shown);
    }
}
