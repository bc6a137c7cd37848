package io.partnersettlement.run;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.EngineException;

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

        /** The identity with both sides and the verdict, as the Data Quality sheets show it. */
        public String describe() {
            return identity + ": " + left + (holds ? " = " : " ≠ ") + right + (holds ? " — holds" : " — BROKEN");
        }
    }

    /**
     * Lines read = records ingested + repeats + rejected lines, and records ingested = records summed, for each file
     * of a nightly run, with the records summed per file as the performance refresh read them from consumption_fact
     * (every period the run's files touched is refreshed, so the sums are whole).
     */
    public List<Check> ingest(long jobInstanceId, Map<Long, Long> summedByFile) {
        return files("f.job_instance_id = ?", jobInstanceId, summedByFile::get);
    }

    /**
     * The same identities for every file that brought records of the period, for its Data Quality sheet, with the
     * period's records against its outcomes first. The period's records per file are those given (as the refresh read
     * them) or else summed in one pass over the period's key range of consumption_fact; a file's records of other
     * periods are summed from its own key ranges.
     */
    public List<Check> periodTieOut(String period, Map<Long, Long> recordsByFile) {
        Map<Long, Long> inPeriod = recordsByFile != null ? recordsByFile : summedByFile(period);
        List<Check> checks = new ArrayList<>();
        checks.add(classification(period, inPeriod.values().stream().mapToLong(Long::longValue).sum()));
        checks.addAll(files("f.file_id IN (SELECT p.file_id FROM ingest_file_period p WHERE p.period = ?)", period,
                fileId -> {
                    long summed = inPeriod.getOrDefault(fileId, 0L);
                    for (String other : jdbc.queryForList(
                            "SELECT period FROM ingest_file_period WHERE file_id = ? AND period <> ?", String.class,
                            fileId, period)) {
                        long first = FactKeys.first(other) | fileId << 28;
                        summed += jdbc.queryForObject("""
                                SELECT COALESCE(SUM(record_count), 0) FROM consumption_fact
                                 WHERE fact_key >= ? AND fact_key < ?""", Long.class, first, first + (1L << 28));
                    }
                    return summed;
                }));
        return checks;
    }

    /** Records of the period summed per file, in one pass over the period's key range. */
    private Map<Long, Long> summedByFile(String period) {
        Map<Long, Long> sums = new HashMap<>();
        jdbc.query("""
                SELECT file_id, SUM(record_count) FROM consumption_fact WHERE fact_key >= ? AND fact_key < ?
                 GROUP BY file_id""", rs -> {
            sums.put(rs.getLong(1), rs.getLong(2));
        }, FactKeys.first(period), FactKeys.after(period));
        return sums;
    }

    private List<Check> files(String which, Object parameter, Function<Long, Long> summedOf) {
        List<Check> checks = new ArrayList<>();
        jdbc.query("""
                SELECT f.file_id, f.file_name, f.lines_read, f.records_ingested, f.repeats, f.rejected,
                       (SELECT COUNT(*) FROM rejected_line r WHERE r.file_id = f.file_id), f.rejects_file,
                       f.physical_lines, f.physical_lines_read
                  FROM ingest_file f WHERE %s AND f.status NOT IN ('REJECTED_FILE', 'CHANGED')
                 ORDER BY f.file_id""".formatted(which), rs -> {
            long fileId = rs.getLong(1);
            String file = rs.getString(2);
            long read = rs.getLong(3);
            long ingested = rs.getLong(4);
            long repeats = rs.getLong(5);
            long rejected = rs.getLong(6);
            long physical = rs.getLong(9);
            if (!rs.wasNull()) {
                // counted at registration from the line ends, and summed block by block as each block's lines are
                // stored: a line the reader skipped, one swallowed into another, or a block whose data was lost while
                // the reading went on past it, would show here
                checks.add(check(file + ": physical lines = lines read (header, records, rejected, blank)", physical,
                        rs.getLong(10)));
            }
            checks.add(check(file + ": lines read = ingested + repeats + rejected", read, ingested + repeats + rejected));
            checks.add(check(file + ": rejected = lines of rejects/" + rs.getString(8), rejected, rs.getLong(7)));
            Long summed = summedOf.apply(fileId);
            checks.add(check(file + ": ingested = records summed", ingested, summed == null ? 0 : summed));
        }, parameter);
        return checks;
    }

    /**
     * For each partner and currency of the period: performance = the bases of its details (rebate-free products
     * included, at rate 0; late details excluded, as late records count in no performance), and the amounts of its
     * details before any split = frozen + available (a milestone detail's batch-unfrozen parts included, a fully
     * released parent at 0). Holds right after the period's details are computed.
     */
    public List<Check> details(String period) {
        return details(period, detailTies(period));
    }

    /** The checks of {@link #details(String)} over ties already read, so a run that shows them reads them once. */
    public static List<Check> details(String period, List<Tie> ties) {
        return ties.stream().map(t -> check(period + " " + t.partnerId() + " " + t.currency() + ": " + t.identity(),
                t.left(), t.right())).toList();
    }

    /** An identity between two amounts of one partner and currency. */
    public record Tie(String partnerId, String currency, String identity, BigDecimal left, BigDecimal right) {

        public boolean holds() {
            return left.compareTo(right) == 0;
        }
    }

    /** The identities of {@link #details(String)}, per partner and currency, for the incentive workbook. */
    public List<Tie> detailTies(String period) {
        // each side grouped in its own statement (a union of both would first copy every detail of the period into a
        // temporary result) and joined here by partner and currency: one with performance and no details (or the
        // reverse) shows its missing side as 0; sums are performance, bases, amounts before splits, frozen, available
        record PartnerCurrency(String partnerId, String currency) {
        }
        Map<PartnerCurrency, BigDecimal[]> sums = new TreeMap<>(
                Comparator.comparing(PartnerCurrency::partnerId).thenComparing(PartnerCurrency::currency));
        Function<PartnerCurrency, BigDecimal[]> zeros = k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        jdbc.query("SELECT partner_id, currency, SUM(performance) FROM performance_period WHERE period = ? "
                + "GROUP BY partner_id, currency", rs -> {
            sums.computeIfAbsent(new PartnerCurrency(rs.getString(1), rs.getString(2)), zeros)[0] = rs.getBigDecimal(3);
        }, period);
        jdbc.query("""
                SELECT partner_id, currency,
                       SUM(CASE WHEN parent_detail_id IS NULL AND NOT late THEN base ELSE 0 END),
                       SUM(CASE WHEN parent_detail_id IS NULL THEN original_amount ELSE 0 END),
                       SUM(CASE WHEN status = 'FROZEN' THEN amount ELSE 0 END),
                       SUM(CASE WHEN status = 'AVAILABLE' THEN amount ELSE 0 END)
                  FROM incentive_detail WHERE period = ?
                 GROUP BY partner_id, currency""", rs -> {
            BigDecimal[] side = sums.computeIfAbsent(new PartnerCurrency(rs.getString(1), rs.getString(2)), zeros);
            for (int i = 1; i <= 4; i++) {
                side[i] = rs.getBigDecimal(i + 2);
            }
        }, period);
        List<Tie> ties = new ArrayList<>();
        sums.forEach((key, s) -> {
            ties.add(new Tie(key.partnerId(), key.currency(), "performance = Σ detail bases (late details excluded)",
                    s[0], s[1]));
            ties.add(new Tie(key.partnerId(), key.currency(), "Σ detail amounts before splits = frozen + available",
                    s[2], s[3].add(s[4])));
        });
        return ties;
    }

    /**
     * Records of a period = the records of its outcomes (attributed, unattributed, unclassified, excluded, …), with the
     * period's records as summed from consumption_fact by the caller.
     */
    public Check classification(String period, long records) {
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

    private static Check check(String identity, BigDecimal left, BigDecimal right) {
        return new Check(identity, left.stripTrailingZeros().toPlainString(), right.stripTrailingZeros().toPlainString(),
                left.compareTo(right) == 0);
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
