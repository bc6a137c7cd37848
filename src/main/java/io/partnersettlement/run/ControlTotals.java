package io.partnersettlement.run;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine checks its own arithmetic after every run: identities that must hold whatever the input. A broken one
 * fails the run loudly, naming it — it means a bug or a tampered database, never bad input.
 */
@Component
public class ControlTotals {

    private final JdbcTemplate jdbc;

    public ControlTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One identity and whether it held. */
    public record Check(String identity, String left, String right, boolean holds) {
    }

    /**
     * Lines read = records ingested + repeats + rejected lines, and records ingested = records summed, for each file
     * of a nightly run. The sums read only the file's key ranges of consumption_fact (one per period it touched).
     */
    public List<Check> ingest(long jobInstanceId) {
        List<Check> checks = new ArrayList<>();
        jdbc.query("""
                SELECT f.file_id, f.file_name, f.lines_read, f.records_ingested, f.repeats, f.rejected,
                       (SELECT COUNT(*) FROM rejected_line r WHERE r.file_id = f.file_id)
                  FROM ingest_file f WHERE f.job_instance_id = ? AND f.status <> 'REJECTED_FILE'""", rs -> {
            long fileId = rs.getLong(1);
            String file = rs.getString(2);
            long read = rs.getLong(3);
            long ingested = rs.getLong(4);
            long repeats = rs.getLong(5);
            long rejected = rs.getLong(6);
            checks.add(check(file + ": lines read = ingested + repeats + rejected", read, ingested + repeats + rejected));
            checks.add(check(file + ": rejected = lines in rejected_line", rejected, rs.getLong(7)));
            long summed = 0;
            for (String period : jdbc.queryForList("SELECT period FROM ingest_file_period WHERE file_id = ?", String.class,
                    fileId)) {
                long first = io.partnersettlement.ingest.FactKeys.first(period) | fileId << 28;
                summed += jdbc.queryForObject("""
                        SELECT COALESCE(SUM(record_count), 0) FROM consumption_fact WHERE fact_key >= ? AND fact_key < ?""",
                        Long.class, first, first + (1L << 28));
            }
            checks.add(check(file + ": ingested = records summed", ingested, summed));
        }, jobInstanceId);
        return checks;
    }

    /** Records of a period = the records of its outcomes (attributed, unattributed, unclassified, excluded, …). */
    public Check classification(String period) {
        long records = jdbc.queryForObject("SELECT COALESCE(SUM(record_count), 0) FROM consumption_fact WHERE period = ?",
                Long.class, period);
        long outcomes = jdbc.queryForObject("SELECT COALESCE(SUM(record_count), 0) FROM consumption_outcome WHERE period = ?",
                Long.class, period);
        return check(period + ": records ingested = attributed + unattributed + unclassified + excluded + cooling-off "
                + "+ stored-value card + late", records, outcomes);
    }

    /** Each figure of the period's statements = the sum of the settlement amounts of the details it counts. */
    public List<Check> statements(String period) {
        List<Check> checks = new ArrayList<>();
        jdbc.query("""
                SELECT s.statement_id,
                       s.incentive_total, COALESCE(SUM(CASE WHEN x.role = 'OWN' THEN x.settlement_amount END), 0),
                       s.available_total,
                       COALESCE(SUM(CASE WHEN x.role = 'OWN' AND x.status = 'AVAILABLE' THEN x.settlement_amount END), 0),
                       s.frozen_total,
                       COALESCE(SUM(CASE WHEN x.role = 'OWN' AND x.status = 'FROZEN' THEN x.settlement_amount END), 0),
                       s.released_from_prior,
                       COALESCE(SUM(CASE WHEN x.role = 'RELEASED_FROM_PRIOR' THEN x.settlement_amount END), 0),
                       s.prior_period_adjustments,
                       COALESCE(SUM(CASE WHEN x.role = 'PRIOR_PERIOD_ADJUSTMENT' THEN x.settlement_amount END), 0),
                       s.payable + s.carried_out,
                       s.available_total + s.released_from_prior + s.prior_period_adjustments + s.carried_in
                  FROM statement s LEFT JOIN statement_detail x ON x.statement_id = s.statement_id
                 WHERE s.period = ?
                 GROUP BY s.statement_id, s.incentive_total, s.available_total, s.frozen_total, s.released_from_prior,
                          s.prior_period_adjustments, s.payable, s.carried_out, s.carried_in""", rs -> {
            String id = rs.getString(1);
            String[] names = {"incentive_total", "available_total", "frozen_total", "released_from_prior",
                    "prior_period_adjustments", "payable + carried_out = due"};
            for (int i = 0; i < names.length; i++) {
                var left = rs.getBigDecimal(2 + 2 * i);
                var right = rs.getBigDecimal(3 + 2 * i);
                checks.add(new Check(id + ": " + names[i] + " = the details it counts", left.toPlainString(),
                        right.toPlainString(), left.compareTo(right) == 0));
            }
        }, period);
        return checks;
    }

    /** Fails the run, naming every identity that does not hold. */
    public static void require(List<Check> checks) {
        List<String> broken = checks.stream().filter(c -> !c.holds())
                .map(c -> c.identity() + " (" + c.left() + " vs " + c.right() + ")").toList();
        if (!broken.isEmpty()) {
            throw new EngineException("control totals do not tie out: " + String.join("; ", broken));
        }
        CrashPoints.reach("controls.checked");
    }

    private static Check check(String identity, long left, long... rights) {
        boolean holds = true;
        StringBuilder right = new StringBuilder();
        for (long r : rights) {
            holds &= r == left;
            right.append(right.length() == 0 ? "" : " / ").append(r);
        }
        return new Check(identity, Long.toString(left), right.toString(), holds);
    }
}
