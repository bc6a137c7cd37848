package io.partnersettlement.incentive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.run.ControlTotals;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.statement.StatementGenerator;

/**
 * What the monthly settlement of a period computes, for the job and for its dry run alike: the period's details and
 * those of earlier periods that may have changed (details still frozen, which may be released now; late records), then
 * the period's statements. The job runs it for real; the dry run runs the very same code in a transaction it rolls
 * back, so its preview is what the job then does.
 */
@Component
public class MonthlySettlement {

    private final JdbcTemplate jdbc;
    private final IncentiveDetailCalculator calculator;
    private final StatementGenerator statements;
    private final ControlTotals controls;

    public MonthlySettlement(JdbcTemplate jdbc, IncentiveDetailCalculator calculator, StatementGenerator statements,
            ControlTotals controls) {
        this.jdbc = jdbc;
        this.calculator = calculator;
        this.statements = statements;
        this.controls = controls;
    }

    /** What computing the details did, period by period; {@code changed}: the periods whose workbooks to write. */
    public record Details(Map<String, IncentiveDetailCalculator.Result> results, List<String> changed) {

        /** The problems of every period, each {@code <subject>: <message>} prefixed with its period. */
        public List<String> problems() {
            List<String> all = new ArrayList<>();
            results.forEach((period, result) -> result.problems().forEach(p -> all.add(period + " " + p)));
            return all;
        }
    }

    /**
     * The earlier periods a run of {@code period} recomputes: those that received late records (ingested after the
     * period closed for a partner), and those with details still frozen and unsettled.
     */
    public List<String> earlierPeriods(String period) {
        SortedSet<String> earlier = new TreeSet<>(jdbc.queryForList("""
                SELECT p.period FROM ingest_file_period p
                 WHERE p.period < ? AND EXISTS (SELECT 1 FROM period_close c
                        WHERE c.through_period >= p.period AND c.after_file_id < p.file_id)""", String.class, period));
        earlier.addAll(periodsWithFrozenDetails(period));
        return new ArrayList<>(earlier);
    }

    /**
     * The periods before {@code period} with a detail still frozen and unsettled: period by period through the ledger's
     * period index, each answered by its first such detail (a single query over every earlier period would read all of
     * their details).
     */
    private List<String> periodsWithFrozenDetails(String period) {
        return StatementGenerator.earlierPeriods(jdbc, period).stream()
                .filter(each -> !jdbc.queryForList("""
                        SELECT 1 FROM incentive_detail
                         WHERE period = ? AND status = 'FROZEN' AND settled_statement_id IS NULL
                         FETCH FIRST 1 ROWS ONLY""", Integer.class, each).isEmpty())
                .toList();
    }

    /** Every period a run of {@code period} recomputes: the earlier ones, then the period itself. */
    public List<String> periodsComputed(String period) {
        List<String> periods = earlierPeriods(period);
        periods.add(period);
        return periods;
    }

    /**
     * Computes the details of the period and of the earlier periods it recomputes, one after the other in the caller's
     * transaction (a dry run's, rolled back afterwards). The job computes the same partitions, each in a transaction
     * of its own, through {@link #computePartition}.
     */
    public Details computeDetails(String period, LocalDate businessDate) {
        Map<String, IncentiveDetailCalculator.Result> results = new TreeMap<>();
        for (String each : periodsComputed(period)) {
            results.put(each, computePartition(each, businessDate, PartnerRange.ALL));
        }
        return details(period, results);
    }

    /** The details of one period's partners in a range: one partition of the monthly job's computation. */
    public IncentiveDetailCalculator.Result computePartition(String period, LocalDate businessDate, PartnerRange partners) {
        return calculator.compute(period, businessDate, partners);
    }

    /** What the computation of {@code period}'s run did, from each computed period's result. */
    public static Details details(String period, Map<String, IncentiveDetailCalculator.Result> results) {
        List<String> changed = new ArrayList<>();
        results.forEach((each, result) -> {
            if (result.written() > 0 || each.equals(period)) {
                changed.add(each);
            }
        });
        return new Details(results, changed);
    }

    /** Generates the statements of the period's partners in a range: one partition of the monthly job. */
    public List<String> generateStatements(String period, LocalDate businessDate, PartnerRange partners) {
        return statements.generate(period, businessDate, partners);
    }

    /** Checks that the period's statements tie out, once every partition has generated its own. */
    public void checkStatements(String period) {
        ControlTotals.require(controls.statements(period));
    }

    /** Generates the period's statements and checks they tie out; answers the partners that failed. */
    public List<String> generateStatements(String period, LocalDate businessDate) {
        List<String> problems = statements.generate(period, businessDate);
        ControlTotals.require(controls.statements(period));
        return problems;
    }
}
