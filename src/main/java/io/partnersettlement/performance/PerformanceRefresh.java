package io.partnersettlement.performance;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    public PerformanceRefresh(JdbcClient client, JdbcTemplate jdbc) {
        this.client = client;
        this.jdbc = jdbc;
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
     * Rebuilds the period's aggregates; answers the records of the period per file as read from consumption_fact
     * (what the control totals check the files' counters against).
     */
    public Map<Long, Long> refresh(String period) {
        return refresh(period, PartnerRange.ALL, true);
    }

    /**
     * Rebuilds the aggregates of the period's partners in {@code partners}; with {@code periodWide} also the period's
     * outcomes (which belong to no partner: unattributed and excluded records too), and answers the period's records
     * per file (else an empty map). The ranges of one split, the first of them period-wide, rebuild the period whole.
     */
    public Map<Long, Long> refresh(String period, PartnerRange partners, boolean periodWide) {
        long started = System.nanoTime();
        Totals totals = classify(period, new Totals(partners, periodWide));
        CrashPoints.reach("performance.classified");
        replace(period, totals);
        CrashPoints.reach("performance.refreshed");
        log.info("performance of {} ({}) refreshed: {} consumption rows classified in {} ms", period, partners,
                totals.rows, (System.nanoTime() - started) / 1_000_000);
        return totals.recordsByFile;
    }

    /** One pass over the period's summed consumption, each row classified and added to the totals. */
    private Totals classify(String period, Totals totals) {
        ConsumptionClassifier classifier = ClassificationRepository.classifier(jdbc);
        PeriodCloses closes = ClassificationRepository.periodCloses(jdbc);
        jdbc.query(con -> {
            var statement = con.prepareStatement(PERIOD_CONSUMPTION);
            statement.setFetchSize(5000);
            statement.setLong(1, FactKeys.first(period));
            statement.setLong(2, FactKeys.after(period));
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
        return totals;
    }

    /**
     * Replaces the period's aggregate rows of the totals' partners (and, period-wide, its outcomes) with the totals:
     * the partners whose rows go are chosen here, in Java's order of strings, as the ranges were cut.
     */
    private void replace(String period, Totals totals) {
        if (totals.periodWide) {
            client.sql("DELETE FROM consumption_outcome WHERE period = :period").param("period", period).update();
        }
        for (String table : List.of("performance_period", "performance_daily", "performance_manager",
                "performance_service", "performance_customer")) {
            if (totals.partners.equals(PartnerRange.ALL)) {
                client.sql("DELETE FROM " + table + " WHERE period = :period").param("period", period).update();
                continue;
            }
            List<String> partners = jdbc.queryForList("SELECT DISTINCT partner_id FROM " + table + " WHERE period = ?",
                    String.class, period).stream().filter(totals.partners::contains).toList();
            jdbc.batchUpdate("DELETE FROM " + table + " WHERE period = ? AND partner_id = ?", partners, 1000,
                    (ps, partner) -> {
                        ps.setString(1, period);
                        ps.setString(2, partner);
                    });
        }
        insertPeriodTotals(period, totals.period);
        insertDaily(period, totals.daily);
        insertNamed(INSERT_MANAGER_TOTAL, period, totals.byManager);
        insertNamed(INSERT_SERVICE_TOTAL, period, totals.byService);
        insertCustomers(period, totals.byCustomer);
        insertOutcomes(period, totals.outcomes);
    }

    private void insertPeriodTotals(String period, Map<PartnerKey, Total> periodTotals) {
        // FINAL once the partner's statement of the period is confirmed, ESTIMATED (预估) until then
        Set<String> confirmed = new HashSet<>(jdbc.queryForList("""
                SELECT partner_id FROM statement WHERE period = ?
                   AND status NOT IN ('ESTIMATED', 'PENDING_CONFIRMATION', 'COUNTERSIGN_REJECTED')""", String.class, period));
        jdbc.batchUpdate("""
                INSERT INTO performance_period (partner_id, period, currency, performance, record_count, status)
                VALUES (?, ?, ?, ?, ?, ?)""", new ArrayList<>(periodTotals.entrySet()), 1000, (ps, e) -> {
            ps.setString(1, e.getKey().partnerId());
            ps.setString(2, period);
            ps.setString(3, e.getKey().currency());
            ps.setBigDecimal(4, e.getValue().performance);
            ps.setLong(5, e.getValue().records);
            ps.setString(6, confirmed.contains(e.getKey().partnerId()) ? "FINAL" : "ESTIMATED");
        });
    }

    private void insertDaily(String period, Map<DayKey, Total> daily) {
        jdbc.batchUpdate("""
                INSERT INTO performance_daily (partner_id, period, bill_date, currency, performance, record_count)
                VALUES (?, ?, ?, ?, ?, ?)""", new ArrayList<>(daily.entrySet()), 1000, (ps, e) -> {
            ps.setString(1, e.getKey().partnerId());
            ps.setString(2, period);
            ps.setDate(3, Date.valueOf(e.getKey().day()));
            ps.setString(4, e.getKey().currency());
            ps.setBigDecimal(5, e.getValue().performance);
            ps.setLong(6, e.getValue().records);
        });
    }

    private void insertCustomers(String period, Map<CustomerKey, CustomerTotal> byCustomer) {
        jdbc.batchUpdate("""
                INSERT INTO performance_customer (partner_id, period, customer_id, manager_id, currency, performance,
                                                  other_consumption, record_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new ArrayList<>(byCustomer.entrySet()), 1000, (ps, e) -> {
            ps.setString(1, e.getKey().partnerId());
            ps.setString(2, period);
            ps.setString(3, e.getKey().customerId());
            ps.setString(4, e.getKey().managerId());
            ps.setString(5, e.getKey().currency());
            ps.setBigDecimal(6, e.getValue().performance);
            ps.setBigDecimal(7, e.getValue().other);
            ps.setLong(8, e.getValue().records);
        });
    }

    private void insertOutcomes(String period, Map<OutcomeKey, OutcomeTotal> outcomes) {
        jdbc.batchUpdate("""
                INSERT INTO consumption_outcome (period, outcome, bill_type, currency, record_count, payment_amount,
                                                 cash_equivalent, performance, first_bill_date, last_bill_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new ArrayList<>(outcomes.entrySet()), 1000, (ps, e) -> {
            ps.setString(1, period);
            ps.setString(2, e.getKey().outcome().name());
            ps.setString(3, e.getKey().billType());
            ps.setString(4, e.getKey().currency());
            ps.setLong(5, e.getValue().records);
            ps.setBigDecimal(6, e.getValue().payment);
            ps.setBigDecimal(7, e.getValue().cashEquivalent);
            ps.setBigDecimal(8, e.getValue().performance);
            ps.setDate(9, Date.valueOf(e.getValue().first));
            ps.setDate(10, Date.valueOf(e.getValue().last));
        });
    }

    private static final String INSERT_MANAGER_TOTAL = """
            INSERT INTO performance_manager (partner_id, period, manager_id, currency, performance, record_count)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_SERVICE_TOTAL = """
            INSERT INTO performance_service (partner_id, period, service_type_code, currency, performance, record_count)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private void insertNamed(String sql, String period, Map<NamedKey, Total> totals) {
        jdbc.batchUpdate(sql, new ArrayList<>(totals.entrySet()), 1000, (ps, e) -> {
            ps.setString(1, e.getKey().partnerId());
            ps.setString(2, period);
            ps.setString(3, e.getKey().name());
            ps.setString(4, e.getKey().currency());
            ps.setBigDecimal(5, e.getValue().performance);
            ps.setLong(6, e.getValue().records);
        });
    }
}
