package io.partnersettlement.performance;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.performance.ConsumptionClassifier.Outcome;

/**
 * Rebuilds a period's performance aggregates (SPEC section 5): one pass over the period's summed consumption, each row
 * classified by the {@link ConsumptionClassifier}, totals kept per partner × period, × day, × manager, × service type,
 * × customer and per outcome — each per currency; a partition of the refresh rebuilds a range of partners, one range of
 * each period its outcomes too. Memory holds only the totals, whose size depends on partners, days,
 * managers, services and customers, never on the number of records. Runs in the caller's transaction; running it again gives the same rows.
 * The nightly refresh adds a night's rows instead when the period's {@link RefreshStates refresh state} shows the
 * aggregates to be a rebuild over the period's other files with the same classification inputs: the same totals, added.
 * This class reads and writes; what a row counts is the pure {@link PerformanceRule}.
 */
@Component
public class PerformanceRefresh {

    private static final Logger log = LoggerFactory.getLogger(PerformanceRefresh.class);

    private static final String PERIOD_CONSUMPTION = """
            SELECT customer_id, bill_date, bill_type, service_type_code, currency, record_count, payment_amount,
                   cash_part, credit_part, cash_part_abs + credit_part_abs, file_id
              FROM consumption_fact
             WHERE fact_key >= ? AND fact_key < ?""";

    private final JdbcClient client;
    private final JdbcTemplate jdbc;
    private final RefreshStates states;

    public PerformanceRefresh(JdbcClient client, JdbcTemplate jdbc, RefreshStates states) {
        this.client = client;
        this.jdbc = jdbc;
        this.states = states;
    }

    /** Periods that the files of a nightly job instance brought records, repeats or rejected lines for. */
    public List<String> periodsTouchedBy(long jobInstanceId) {
        return client.sql("""
                SELECT DISTINCT p.period FROM ingest_file_period p JOIN ingest_file i ON i.file_id = p.file_id
                 WHERE i.job_instance_id = :instance
                 ORDER BY p.period""")
                .param("instance", jobInstanceId)
                .query(String.class)
                .list();
    }

    /** Periods that the files of every nightly run of the business date touched (what a rerun of that date refreshes). */
    public List<String> periodsTouchedOn(LocalDate businessDate) {
        return client.sql("""
                SELECT DISTINCT p.period FROM ingest_file_period p JOIN ingest_file i ON i.file_id = p.file_id
                 WHERE i.job_instance_id IN (
                       SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e
                         JOIN BATCH_JOB_EXECUTION_PARAMS x ON x.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                        WHERE x.PARAMETER_NAME = 'businessDate' AND x.PARAMETER_VALUE = :date)
                 ORDER BY p.period""")
                .param("date", businessDate.toString())
                .query(String.class)
                .list();
    }

    /** Totals of one key: performance and the number of records. */
    private static final class Total {
        BigDecimal performance = BigDecimal.ZERO;
        long records;

        void add(BigDecimal amount, long count) {
            performance = performance.add(amount);
            records += count;
        }
    }

    private static final class OutcomeTotal {
        long records;
        BigDecimal payment = BigDecimal.ZERO;
        BigDecimal cashEquivalent = BigDecimal.ZERO;
        BigDecimal performance = BigDecimal.ZERO;
        LocalDate first;
        LocalDate last;
    }

    private record PartnerKey(String partnerId, String currency) {
    }

    private record DayKey(String partnerId, LocalDate day, String currency) {
    }

    private record NamedKey(String partnerId, String name, String currency) {
    }

    private record OutcomeKey(Outcome outcome, String billType, String currency) {
    }

    private record CustomerKey(String partnerId, String customerId, String managerId, String currency) {
    }

    /** A customer's performance, what else it paid with (vouchers, coupons, bonus, …), and its records. */
    private static final class CustomerTotal {
        BigDecimal performance = BigDecimal.ZERO;
        BigDecimal other = BigDecimal.ZERO;
        long records;
    }

    /** A row of the period's summed consumption. */
    private record FactRow(String customerId, LocalDate day, String billType, String service, String currency,
            long records, BigDecimal payment, BigDecimal cashEquivalent, BigDecimal absoluteParts, long fileId) {
    }

    /** The period's totals as the rows are classified: memory grows with the keys, never with the records. */
    private static final class Totals {
        final Map<PartnerKey, Total> period = new HashMap<>();
        final Map<DayKey, Total> daily = new HashMap<>();
        final Map<NamedKey, Total> byManager = new HashMap<>();
        final Map<NamedKey, Total> byService = new HashMap<>();
        final Map<OutcomeKey, OutcomeTotal> outcomes = new HashMap<>();
        final Map<CustomerKey, CustomerTotal> byCustomer = new HashMap<>();
        final Map<Long, Long> recordsByFile = new HashMap<>();
        long rows;

        /** The partners whose totals these are; the period's outcomes and records per file only when {@code periodWide}. */
        final PartnerRange partners;
        final boolean periodWide;

        Totals(PartnerRange partners, boolean periodWide) {
            this.partners = partners;
            this.periodWide = periodWide;
        }

        void add(FactRow row, Classification c) {
            rows++;
            BigDecimal performance = PerformanceRule.performance(c, row.cashEquivalent(), row.absoluteParts());
            if (periodWide) {
                recordsByFile.merge(row.fileId(), row.records(), Long::sum);
                addOutcome(row, c, performance);
            }
            if (c.counts() && partners.contains(c.partnerId())) {
                long count = row.records();
                period.computeIfAbsent(new PartnerKey(c.partnerId(), row.currency()), k -> new Total())
                        .add(performance, count);
                daily.computeIfAbsent(new DayKey(c.partnerId(), row.day(), row.currency()), k -> new Total())
                        .add(performance, count);
                byManager.computeIfAbsent(new NamedKey(c.partnerId(), c.managerId(), row.currency()), k -> new Total())
                        .add(performance, count);
                byService.computeIfAbsent(new NamedKey(c.partnerId(), row.service(), row.currency()), k -> new Total())
                        .add(performance, count);
                CustomerTotal customer = byCustomer.computeIfAbsent(
                        new CustomerKey(c.partnerId(), row.customerId(), c.managerId(), row.currency()),
                        k -> new CustomerTotal());
                customer.performance = customer.performance.add(performance);
                customer.other = customer.other.add(PerformanceRule.otherConsumption(c, row.payment(),
                        row.cashEquivalent()));
                customer.records += count;
            }
        }

        private void addOutcome(FactRow row, Classification c, BigDecimal performance) {
            OutcomeTotal o = outcomes.computeIfAbsent(new OutcomeKey(c.outcome(), row.billType(), row.currency()),
                    k -> new OutcomeTotal());
            o.records += row.records();
            o.payment = o.payment.add(row.payment());
            o.cashEquivalent = o.cashEquivalent.add(row.cashEquivalent());
            o.performance = o.performance.add(performance);
            o.first = o.first == null || row.day().isBefore(o.first) ? row.day() : o.first;
            o.last = o.last == null || row.day().isAfter(o.last) ? row.day() : o.last;
        }
    }

    /**
     * What a partition's refresh did: the period's records per file (period-wide only), the inputs' digest, and the
     * files its aggregates are now a full rebuild over.
     */
    public record Refreshed(Map<Long, Long> recordsByFile, long classifierDigest, FileSet files) {
    }

    /**
     * How the nightly run refreshes each period it touched: the night's files added to the aggregates when the period's
     * refresh state says they are a full rebuild over the period's other files with today's classification inputs; a
     * rerun, no state, other inputs or other files, and the period is rebuilt whole.
     */
    public Map<String, RefreshMode> modes(List<String> periods, long jobInstanceId, boolean rerun) {
        Map<String, RefreshMode> modes = new LinkedHashMap<>();
        Long inputs = null;
        for (String period : periods) {
            Optional<RefreshStates.State> state = states.find(period);
            RefreshMode mode;
            if (rerun) {
                mode = RefreshMode.full("a rerun rebuilds its periods");
            } else if (state.isEmpty()) {
                mode = RefreshMode.full("no refresh state");
            } else {
                inputs = inputs != null ? inputs : ClassificationRepository.inputs(jdbc).digest();
                FileSet earlier = states.filesBefore(period, jobInstanceId);
                mode = state.get().classifierDigest() != inputs ? RefreshMode.full("the classification inputs changed")
                        : !state.get().files().equals(earlier)
                                ? RefreshMode.full("its files are not those of its last refresh")
                                : RefreshMode.incremental(inputs, earlier);
            }
            log.info("performance of {} to refresh: {}", period, mode);
            modes.put(period, mode);
        }
        return modes;
    }

    /**
     * Rebuilds the period's aggregates; answers the records of the period per file as read from consumption_fact
     * (what the control totals check the files' counters against).
     */
    public Map<Long, Long> refresh(String period) {
        return refresh(period, PartnerRange.ALL, true).recordsByFile();
    }

    /**
     * Rebuilds the aggregates of the period's partners in {@code partners}; with {@code periodWide} also the period's
     * outcomes (which belong to no partner: unattributed and excluded records too), and answers the period's records
     * per file (else an empty map). The ranges of one split, the first of them period-wide, rebuild the period whole.
     */
    public Refreshed refresh(String period, PartnerRange partners, boolean periodWide) {
        return rebuild(period, partners, periodWide, System.nanoTime(), ClassificationRepository.inputs(jdbc), "full");
    }

    /**
     * The nightly refresh of a range as planned: incremental, the night's rows (its job instance's files) classified
     * and added to the range's rows, and the period-wide range's records per file those of the state plus the night's;
     * rebuilt whole when planned so, or when the state, the inputs or the earlier files are no longer what the plan
     * found (another run refreshed the period since, say).
     */
    public Refreshed refresh(String period, PartnerRange partners, boolean periodWide, RefreshMode mode,
            long jobInstanceId) {
        long started = System.nanoTime();
        ClassificationRepository.Inputs inputs = ClassificationRepository.inputs(jdbc);
        if (!mode.incremental()) {
            return rebuild(period, partners, periodWide, started, inputs, "full, " + mode.why());
        }
        Optional<RefreshStates.State> state = states.find(period);
        boolean asPlanned = state.isPresent() && state.get().classifierDigest() == mode.classifierDigest()
                && state.get().files().equals(mode.earlierFiles()) && inputs.digest() == mode.classifierDigest()
                && states.filesBefore(period, jobInstanceId).equals(mode.earlierFiles());
        if (!asPlanned) {
            return rebuild(period, partners, periodWide, started, inputs, "full, its state changed since the plan");
        }
        List<Long> files = states.filesOf(period, jobInstanceId);
        // a file's rows of the period are one key range: its first line's key up to the next file's
        List<long[]> ranges = files.stream().map(f -> FactKeys.of(period, f, 0))
                .map(first -> new long[] {first, first + (1L << FactKeys.LINE_BITS)}).toList();
        Totals totals = classify(period, ranges, new Totals(partners, periodWide), inputs);
        CrashPoints.reach("performance.classified");
        add(period, totals);
        CrashPoints.reach("performance.refreshed");
        log.info("performance of {} ({}) refreshed, incremental: {} night rows of {} file(s) classified and added to "
                + "those of {} in {} ms", period, partners, totals.rows, files.size(), mode.earlierFiles(),
                (System.nanoTime() - started) / 1_000_000);
        Map<Long, Long> records = new HashMap<>();
        if (periodWide) {
            records.putAll(RecordsByFile.parse(state.get().recordsByFile()));
            records.putAll(totals.recordsByFile);
        }
        return new Refreshed(records, inputs.digest(), mode.earlierFiles().plus(FileSet.of(files)));
    }

    private Refreshed rebuild(String period, PartnerRange partners, boolean periodWide, long started,
            ClassificationRepository.Inputs inputs, String how) {
        FileSet files = states.files(period);
        Totals totals = classify(period, List.of(new long[] {FactKeys.first(period), FactKeys.after(period)}),
                new Totals(partners, periodWide), inputs);
        CrashPoints.reach("performance.classified");
        replace(period, totals);
        CrashPoints.reach("performance.refreshed");
        log.info("performance of {} ({}) refreshed, {}: {} consumption rows classified in {} ms", period, partners, how,
                totals.rows, (System.nanoTime() - started) / 1_000_000);
        return new Refreshed(totals.recordsByFile, inputs.digest(), files);
    }

    /** One pass over key ranges of the period's summed consumption, each row classified and added to the totals. */
    private Totals classify(String period, List<long[]> keyRanges, Totals totals,
            ClassificationRepository.Inputs inputs) {
        ConsumptionClassifier classifier = inputs.classifier();
        PeriodCloses closes = inputs.closes();
        for (long[] keys : keyRanges) {
            jdbc.query(con -> {
                var statement = con.prepareStatement(PERIOD_CONSUMPTION);
                statement.setFetchSize(5000);
                statement.setLong(1, keys[0]);
                statement.setLong(2, keys[1]);
                return statement;
            }, rs -> {
                FactRow row = new FactRow(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBigDecimal(7),
                        rs.getBigDecimal(8).add(rs.getBigDecimal(9)), rs.getBigDecimal(10), rs.getLong(11));
                Classification c = classifier.classify(row.customerId(), row.day(), row.billType(), row.service());
                if (c.counts() && closes.late(c.partnerId(), period, row.fileId())) {
                    // late for its partner: counted in no period's performance, settled as a prior-period adjustment
                    c = c.late();
                }
                totals.add(row, c);
            });
        }
        return totals;
    }

    /** The period's aggregate rows of a range of partners, in Java's order of strings, as the ranges were cut. */
    private List<String> partnersWithRows(String table, String period, PartnerRange partners) {
        return jdbc.queryForList("SELECT DISTINCT partner_id FROM " + table + " WHERE period = ?", String.class, period)
                .stream().filter(partners::contains).toList();
    }

    /**
     * Replaces the period's aggregate rows of the totals' partners (and, period-wide, its outcomes) with the totals:
     * the partners whose rows go are chosen here, in Java's order of strings, as the ranges were cut.
     */
    private void replace(String period, Totals totals) {
        if (totals.periodWide) {
            client.sql("DELETE FROM consumption_outcome WHERE period = :period").param("period", period).update();
        }
        for (Aggregate aggregate : Aggregate.values()) {
            if (aggregate == Aggregate.OUTCOME) {
                continue;
            }
            if (totals.partners.equals(PartnerRange.ALL)) {
                client.sql("DELETE FROM " + aggregate.table + " WHERE period = :period").param("period", period)
                        .update();
                continue;
            }
            jdbc.batchUpdate("DELETE FROM " + aggregate.table + " WHERE period = ? AND partner_id = ?",
                    partnersWithRows(aggregate.table, period, totals.partners), 1000, (ps, partner) -> {
                        ps.setString(1, period);
                        ps.setString(2, partner);
                    });
        }
        Set<String> confirmed = confirmed(period);
        for (Aggregate aggregate : Aggregate.values()) {
            batch(aggregate.insert, aggregate.rows(period, totals, confirmed));
        }
    }

    /**
     * Adds the totals to the period's rows: each key's row updated, or inserted when it has none yet; outcomes' bill
     * dates widened. Then every row of the range's partners gets the status (and the fresh workbook mark) that a
     * rebuild would insert it with, since a statement may have been confirmed or rejected since the last refresh.
     */
    private void add(String period, Totals totals) {
        Set<String> confirmed = confirmed(period);
        for (Aggregate aggregate : Aggregate.values()) {
            List<Object[]> rows = aggregate.rows(period, totals, confirmed);
            int[] updated = batch(aggregate.update, rows);
            List<Object[]> missing = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (updated[i] == 0) {
                    missing.add(rows.get(i));
                } else if (updated[i] != 1) {
                    throw new IllegalStateException(aggregate.table + ": " + updated[i] + " rows for one key");
                }
            }
            batch(aggregate.insert, missing);
        }
        jdbc.batchUpdate("""
                UPDATE performance_period SET status = ?, workbook_stale = FALSE
                 WHERE period = ? AND partner_id = ?""",
                partnersWithRows("performance_period", period, totals.partners), 1000, (ps, partner) -> {
                    ps.setString(1, status(confirmed, partner));
                    ps.setString(2, period);
                    ps.setString(3, partner);
                });
    }

    /** Runs the statement once per row, a thousand rows a batch; answers each row's update count. */
    private int[] batch(String sql, List<Object[]> rows) {
        int[] counts = new int[rows.size()];
        int i = 0;
        for (int[] chunk : jdbc.batchUpdate(sql, rows, 1000,
                (ps, args) -> new ArgumentPreparedStatementSetter(args).setValues(ps))) {
            for (int count : chunk) {
                counts[i++] = count;
            }
        }
        return counts;
    }

    /** The partners whose statement of the period is confirmed: their performance is FINAL, ESTIMATED (预估) until. */
    private Set<String> confirmed(String period) {
        return new HashSet<>(jdbc.queryForList("""
                SELECT partner_id FROM statement WHERE period = ?
                   AND status NOT IN ('ESTIMATED', 'PENDING_CONFIRMATION', 'COUNTERSIGN_REJECTED')""", String.class,
                period));
    }

    private static String status(Set<String> confirmed, String partner) {
        return confirmed.contains(partner) ? "FINAL" : "ESTIMATED";
    }

    /**
     * The aggregate tables, each with its statements: the insert of a new key's row and the update adding to an
     * existing one take the same parameters, the amounts first and the key after.
     */
    private enum Aggregate {
        PERIOD("performance_period", """
                INSERT INTO performance_period (status, performance, record_count, partner_id, period, currency)
                VALUES (?, ?, ?, ?, ?, ?)""", """
                UPDATE performance_period SET status = ?, performance = performance + ?, record_count = record_count + ?
                 WHERE partner_id = ? AND period = ? AND currency = ?"""),
        DAILY("performance_daily", """
                INSERT INTO performance_daily (performance, record_count, partner_id, period, bill_date, currency)
                VALUES (?, ?, ?, ?, ?, ?)""", """
                UPDATE performance_daily SET performance = performance + ?, record_count = record_count + ?
                 WHERE partner_id = ? AND period = ? AND bill_date = ? AND currency = ?"""),
        MANAGER("performance_manager", """
                INSERT INTO performance_manager (performance, record_count, partner_id, period, manager_id, currency)
                VALUES (?, ?, ?, ?, ?, ?)""", """
                UPDATE performance_manager SET performance = performance + ?, record_count = record_count + ?
                 WHERE partner_id = ? AND period = ? AND manager_id = ? AND currency = ?"""),
        SERVICE("performance_service", """
                INSERT INTO performance_service (performance, record_count, partner_id, period, service_type_code,
                                                 currency)
                VALUES (?, ?, ?, ?, ?, ?)""", """
                UPDATE performance_service SET performance = performance + ?, record_count = record_count + ?
                 WHERE partner_id = ? AND period = ? AND service_type_code = ? AND currency = ?"""),
        CUSTOMER("performance_customer", """
                INSERT INTO performance_customer (performance, other_consumption, record_count, partner_id, period,
                                                  customer_id, manager_id, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", """
                UPDATE performance_customer SET performance = performance + ?,
                       other_consumption = other_consumption + ?, record_count = record_count + ?
                 WHERE partner_id = ? AND period = ? AND customer_id = ? AND manager_id = ? AND currency = ?"""),
        OUTCOME("consumption_outcome", """
                INSERT INTO consumption_outcome (record_count, payment_amount, cash_equivalent, performance,
                                                 first_bill_date, last_bill_date, period, outcome, bill_type, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", """
                UPDATE consumption_outcome SET record_count = record_count + ?, payment_amount = payment_amount + ?,
                       cash_equivalent = cash_equivalent + ?, performance = performance + ?,
                       first_bill_date = LEAST(first_bill_date, ?), last_bill_date = GREATEST(last_bill_date, ?)
                 WHERE period = ? AND outcome = ? AND bill_type = ? AND currency = ?""");

        final String table;
        final String insert;
        final String update;

        Aggregate(String table, String insert, String update) {
            this.table = table;
            this.insert = insert;
            this.update = update;
        }

        /** The totals as this table's rows: the parameters of its insert and update. */
        List<Object[]> rows(String period, Totals totals, Set<String> confirmed) {
            List<Object[]> rows = new ArrayList<>();
            switch (this) {
                case PERIOD -> totals.period.forEach((k, t) -> rows.add(new Object[] {status(confirmed, k.partnerId()),
                        t.performance, t.records, k.partnerId(), period, k.currency()}));
                case DAILY -> totals.daily.forEach((k, t) -> rows.add(new Object[] {t.performance, t.records,
                        k.partnerId(), period, Date.valueOf(k.day()), k.currency()}));
                case MANAGER -> totals.byManager.forEach((k, t) -> rows.add(new Object[] {t.performance, t.records,
                        k.partnerId(), period, k.name(), k.currency()}));
                case SERVICE -> totals.byService.forEach((k, t) -> rows.add(new Object[] {t.performance, t.records,
                        k.partnerId(), period, k.name(), k.currency()}));
                case CUSTOMER -> totals.byCustomer.forEach((k, t) -> rows.add(new Object[] {t.performance, t.other,
                        t.records, k.partnerId(), period, k.customerId(), k.managerId(), k.currency()}));
                case OUTCOME -> totals.outcomes.forEach((k, o) -> rows.add(new Object[] {o.records, o.payment,
                        o.cashEquivalent, o.performance, Date.valueOf(o.first), Date.valueOf(o.last), period,
                        k.outcome().name(), k.billType(), k.currency()}));
            }
            return rows;
        }
    }
}
