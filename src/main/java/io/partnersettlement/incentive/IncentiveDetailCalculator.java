package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.partition.PartnerRange;
import io.partnersettlement.incentive.FreezeFacts.MilestoneRow;
import io.partnersettlement.performance.ClassificationRepository;
import io.partnersettlement.performance.ConsumptionClassifier;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.performance.PerformanceRule;
import io.partnersettlement.performance.PeriodCloses;
import io.partnersettlement.reference.PartnerTerms;

/**
 * Computes a period's incentive details (SPEC 6.1–6.3): one detail per partner, customer, association type, service
 * type, order (bill types with orders), funding (CASH: cash + stored-value card; CREDIT) and currency; its base is the
 * signed performance of its records, its amount {@code round_half_up(base × rate)}. Then freezes, and the milestone
 * splits. The period's consumption is read once and grouped by detail key in memory (one entry per detail of the
 * period); the result is compared with the ledger and only what changed is written. This class reads and writes; the
 * rules are values-in, values-out classes: {@link IncentiveDetailGenerator} (amount, freezes, milestone children),
 * {@link IncentiveRates}, {@link FreezeFacts}, {@link PerformanceRule} (the signed parts a record feeds).
 */
@Component
public class IncentiveDetailCalculator {

    private static final Logger log = LoggerFactory.getLogger(IncentiveDetailCalculator.class);

    /**
     * A page of the period's consumption, in key order: a page below the database's in-memory result limit streams
     * from the key index, where a result of the whole period would first be copied to a temporary file.
     */
    private static final String PERIOD_CONSUMPTION = """
            SELECT customer_id, service_type_code, order_id, currency, bill_date, bill_type, record_count, cash_records,
                   credit_records, cash_part, cash_part_abs, credit_part, credit_part_abs, file_id, fact_key
              FROM consumption_fact
             WHERE fact_key >= ? AND fact_key < ?
             ORDER BY fact_key
             FETCH FIRST 20000 ROWS ONLY""";

    private static final int PAGE_ROWS = 20_000;

    /** What a computation produced, how many ledger rows changed, and the orders whose milestones could not be applied. */
    public record Result(int details, int children, int written, List<String> problems) {
    }

    private static final class Group {
        BigDecimal base = BigDecimal.ZERO;
        long records;
    }

    private final JdbcTemplate jdbc;
    private final int detailsInMemory;

    /**
     * @param detailsInMemory detail keys a computation groups in memory; a period with more is computed in slices
     *                        ({@code settlement.details-in-memory})
     */
    public IncentiveDetailCalculator(JdbcTemplate jdbc,
            @Value("${settlement.details-in-memory:250000}") int detailsInMemory) {
        this.jdbc = jdbc;
        this.detailsInMemory = detailsInMemory;
    }

    /** Recomputes the details of the period that no statement has settled yet; their ids do not change. */
    public Result compute(String period, LocalDate businessDate) {
        return compute(period, businessDate, PartnerRange.ALL);
    }

    /**
     * Recomputes the unsettled details of the period's partners in {@code partners}: a partition of the monthly job.
     * Each detail belongs to one partner, so the partitions of a period together compute exactly what one computation
     * of every partner does, whichever order they run in. A period with more detail keys than
     * {@code settlement.details-in-memory} is computed slice by slice ({@link DetailSlices}): the same details, the same
     * ledger rows, in memory a slice at a time.
     */
    public Result compute(String period, LocalDate businessDate, PartnerRange partners) {
        long started = System.nanoTime();
        ConsumptionClassifier classifier = ClassificationRepository.classifier(jdbc);
        IncentiveRates rates = rates(period);
        FreezeFacts freezes = freezeFacts(period, businessDate);
        PeriodCloses closes = ClassificationRepository.periodCloses(jdbc);
        Computed computed = new Computed(period, rates, freezes);
        int written = 0;
        try (Grouping grouping = groups(period, classifier, closes, partners)) {
            if (grouping.slices == null) {
                Set<String> settled = new HashSet<>();
                settled(period, partners, (id, slice) -> settled.add(id), computed);
                List<IncentiveDetail> details = computed.generate(grouping.groups, settled);
                // the details hold what is needed from here on: the groups' memory goes before the ledger's rows come
                grouping.groups.clear();
                CrashPoints.reach("details.computed");
                written = store(period, details, businessDate, ledger(period, partners));
            } else {
                computed.sliced = true;
                try (DetailSlices settled = new DetailSlices("settled", 1);
                        DetailSlices ledger = new DetailSlices("ledger", LEDGER_COLUMNS)) {
                    settled(period, partners, (id, slice) -> settled.add(slice, id), computed);
                    ledger(period, partners).rows((id, before) -> {
                        Object[] row = new Object[LEDGER_COLUMNS];
                        row[0] = id;
                        System.arraycopy(before, 0, row, 1, before.length);
                        ledger.add(DetailSlices.of((String) before[1], (String) before[3], (String) before[4]), row);
                    });
                    for (int slice = 0; slice < DetailSlices.SLICES; slice++) {
                        Map<DetailKey, Group> groups = grouping.slice(slice);
                        Set<String> settledIds = new HashSet<>();
                        settled.read(slice, row -> settledIds.add((String) row[0]));
                        List<IncentiveDetail> details = computed.generate(groups, settledIds);
                        groups.clear();
                        CrashPoints.reach("details.computed");
                        int at = slice;
                        written += store(period, details, businessDate, reader -> ledger.read(at, row ->
                                reader.accept((String) row[0], Arrays.copyOfRange(row, 1, LEDGER_COLUMNS))));
                    }
                }
            }
        }
        Collections.sort(computed.problems);
        CrashPoints.reach("details.stored");
        // the words of the run's report: every detail of the period, children and those settled already included
        log.info("incentive details of {}{}: {} incentive details ({} of them batch-unfrozen children), {} settled in "
                + "confirmed statements (kept as they are); {} ledger rows written, in {} ms{}", period,
                partners.equals(PartnerRange.ALL) ? "" : " (" + partners + ")",
                computed.parents + computed.children + computed.settled, computed.children + computed.settledChildren,
                computed.settled, written, (System.nanoTime() - started) / 1_000_000,
                computed.sliced ? " (in " + DetailSlices.SLICES + " slices: more than " + detailsInMemory
                        + " detail keys)" : "");
        return new Result(computed.parents, computed.children, written, computed.problems);
    }

    /** The details a computation generated, and what the run's report says of them. */
    private static final class Computed {
        final String period;
        final IncentiveRates rates;
        final FreezeFacts freezes;
        final List<String> problems = new ArrayList<>();
        int parents;
        int children;
        int settled;
        long settledChildren;
        boolean sliced;

        Computed(String period, IncentiveRates rates, FreezeFacts freezes) {
            this.period = period;
            this.rates = rates;
            this.freezes = freezes;
        }

        /** Each group's details; its milestone problems into {@link #problems}. */
        List<IncentiveDetail> generate(Map<DetailKey, Group> groups, Set<String> settledIds) {
            List<IncentiveDetail> details = new ArrayList<>(groups.size() + 16);
            groups.forEach((key, group) -> {
                var generated = IncentiveDetailGenerator.generate(period, key, group.base, group.records, rates,
                        freezes, settledIds);
                if (generated.details().isEmpty()) {
                    return;
                }
                if (generated.milestoneOrder()) {
                    CrashPoints.reach("details.split");
                }
                if (generated.problem() != null) {
                    problems.add(generated.problem());
                }
                details.addAll(generated.details());
                parents++;
                children += generated.children();
            });
            return details;
        }
    }

    /**
     * The ids of the partners' details of the period that confirmed statements settled (they never change), each with
     * its slice; counted into {@code computed}.
     */
    private void settled(String period, PartnerRange partners, SettledId sink, Computed computed) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT detail_id, partner_id, customer_id, service_type_code, order_id FROM incentive_detail
                     WHERE period = ? AND settled_statement_id IS NOT NULL""");
            statement.setFetchSize(5000);
            statement.setString(1, period);
            return statement;
        }, rs -> {
            if (partners.contains(rs.getString(2))) {
                String id = rs.getString(1);
                computed.settled++;
                if (id.matches(".*-M\\d+")) {
                    computed.settledChildren++;
                }
                sink.add(id, DetailSlices.of(rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        });
    }

    private interface SettledId {
        void add(String id, int slice);
    }

    /** The period's consumption grouped by detail key: in memory, or, past the limit, set aside slice by slice. */
    private static final class Grouping implements AutoCloseable {
        final Map<DetailKey, Group> groups = new HashMap<>();
        final int limit;
        DetailSlices slices;

        Grouping(int limit) {
            this.limit = limit;
        }

        void add(DetailKey key, BigDecimal part, long records) {
            Group g = groups.computeIfAbsent(key, k -> new Group());
            g.base = g.base.add(part);
            g.records += records;
            if (groups.size() > limit) {
                setAside();
            }
        }

        /** Moves the groups in memory to their slices' files (a group may be set aside in several parts). */
        void setAside() {
            if (slices == null) {
                slices = new DetailSlices("details", 10);
            }
            groups.forEach((k, g) -> slices.add(DetailSlices.of(k.customerId(), k.serviceTypeCode(), k.orderId()),
                    k.partnerId(), k.customerId(), k.associationType(), k.serviceTypeCode(), k.orderId(), k.funding(),
                    k.currency(), k.late(), g.base, g.records));
            groups.clear();
        }

        /** One slice's groups, its parts added up (exactly: amounts are added, never rounded). */
        Map<DetailKey, Group> slice(int slice) {
            Map<DetailKey, Group> groups = new HashMap<>();
            slices.read(slice, row -> {
                Group g = groups.computeIfAbsent(new DetailKey((String) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4], (String) row[5], (String) row[6], (Boolean) row[7]),
                        k -> new Group());
                g.base = g.base.add((BigDecimal) row[8]);
                g.records += (Long) row[9];
            });
            return groups;
        }

        @Override
        public void close() {
            if (slices != null) {
                slices.close();
            }
        }
    }

    /** The period's consumption, page by page in key order, grouped by detail key. */
    private Grouping groups(String period, ConsumptionClassifier classifier, PeriodCloses closes,
            PartnerRange partners) {
        Grouping grouping = new Grouping(detailsInMemory);
        long[] next = {FactKeys.first(period)};
        int[] rows = new int[1];
        do {
            long from = next[0];
            rows[0] = 0;
            jdbc.query(con -> {
                var statement = con.prepareStatement(PERIOD_CONSUMPTION);
                statement.setFetchSize(5000);
                statement.setLong(1, from);
                statement.setLong(2, FactKeys.after(period));
                return statement;
            }, rs -> {
                rows[0]++;
                next[0] = rs.getLong(15) + 1;
                group(rs, period, classifier, closes, partners, grouping);
            });
        } while (rows[0] == PAGE_ROWS);
        if (grouping.slices != null) {
            grouping.setAside();
        }
        return grouping;
    }

    /** Adds a consumption row to the groups of the details it feeds; a row that counts for nothing is skipped. */
    private static void group(ResultSet rs, String period, ConsumptionClassifier classifier, PeriodCloses closes,
            PartnerRange partners, Grouping groups) throws SQLException {
        String customer = rs.getString(1);
        String service = rs.getString(2);
        Classification c = classifier.classify(customer, rs.getObject(5, LocalDate.class), rs.getString(6), service);
        if (!c.counts() || !partners.contains(c.partnerId())) {
            return;
        }
        // records that came after the period closed for the partner form late details of their own
        boolean late = closes.late(c.partnerId(), period, rs.getLong(14));
        // a refund subtracts the absolute value of each part, whatever sign the file used; a detail counts the
        // records with a part of its funding (not the chunk's, which would make the count depend on chunking)
        long cashRecords = rs.getLong(8);
        long creditRecords = rs.getLong(9);
        if (cashRecords > 0) {
            groups.add(new DetailKey(c.partnerId(), customer, c.associationType(), service, rs.getString(3), "CASH",
                    rs.getString(4), late), PerformanceRule.signedPart(c, rs.getBigDecimal(10), rs.getBigDecimal(11)),
                    cashRecords);
        }
        if (creditRecords > 0) {
            groups.add(new DetailKey(c.partnerId(), customer, c.associationType(), service, rs.getString(3), "CREDIT",
                    rs.getString(4), late), PerformanceRule.signedPart(c, rs.getBigDecimal(12), rs.getBigDecimal(13)),
                    creditRecords);
        }
    }

    /** Where the ledger's rows of a computation come from: each row's id and its columns as {@link #stored} gives them. */
    private interface LedgerRows {
        void rows(java.util.function.BiConsumer<String, Object[]> row);
    }

    /** The ledger's id column and the 18 stored columns a computation compares. */
    private static final int LEDGER_COLUMNS = 19;

    /** The unsettled details of the period's partners in the range, as the ledger holds them. */
    private LedgerRows ledger(String period, PartnerRange partners) {
        return row -> jdbc.query(con -> {
            var statement = con.prepareStatement("""
                    SELECT detail_id, partner_id, customer_id, association_type, service_type_code, order_id, funding,
                           currency, base, rate, original_amount, amount, status, freeze_reason, parent_detail_id,
                           milestone_no, unfreeze_ratio, record_count, tier
                      FROM incentive_detail WHERE period = ? AND settled_statement_id IS NULL""");
            statement.setFetchSize(5000);
            statement.setString(1, period);
            return statement;
        }, rs -> {
            if (!partners.contains(rs.getString(2))) {
                // another partition's partner
                return;
            }
            row.accept(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getObject(16, Integer.class), rs.getBigDecimal(17), rs.getLong(18),
                rs.getString(19)});
        });
    }

    /**
     * Writes what changed against the details in the ledger: new details are inserted, changed ones replaced, vanished
     * ones deleted; a rerun over the same inputs writes nothing. The ledger's rows are streamed past the computed
     * details (sorted by id, found by binary search), so a rerun holds no second copy of the period in memory.
     */
    private int store(String period, List<IncentiveDetail> details, LocalDate businessDate, LedgerRows ledger) {
        // in key order, deletes and inserts touch each page of the ledger's indexes once, and inserts append to them
        details.sort(Comparator.comparing(IncentiveDetail::detailId));
        String[] ids = details.stream().map(IncentiveDetail::detailId).toArray(String[]::new);
        BitSet unchanged = new BitSet(ids.length);
        BitSet replaced = new BitSet(ids.length);
        List<String> gone = new ArrayList<>();
        ledger.rows((id, before) -> {
            int at = Arrays.binarySearch(ids, id);
            if (at < 0) {
                gone.add(id);
                return;
            }
            (sameColumns(before, stored(details.get(at))) ? unchanged : replaced).set(at);
        });
        // a new detail has no row to delete: deleting it anyway costs an index search per detail of a first run
        int vanished = gone.size();
        replaced.stream().forEach(at -> gone.add(ids[at]));
        Collections.sort(gone);
        jdbc.batchUpdate("DELETE FROM incentive_detail WHERE detail_id = ?", gone, 1000, (ps, id) -> ps.setString(1, id));
        List<IncentiveDetail> batch = new ArrayList<>(1000);
        for (int at = unchanged.nextClearBit(0); at < ids.length; at = unchanged.nextClearBit(at + 1)) {
            batch.add(details.get(at));
            if (batch.size() == 1000) {
                write(batch, businessDate);
            }
        }
        if (!batch.isEmpty()) {
            write(batch, businessDate);
        }
        return ids.length - unchanged.cardinality() + vanished;
    }

    /** A computed detail's stored columns, in the order {@link #store} reads them from the ledger. */
    private static Object[] stored(IncentiveDetail d) {
        return new Object[] {d.partnerId(), d.customerId(), d.associationType(), d.serviceTypeCode(), d.orderId(),
            d.funding(), d.currency(), d.base(), d.rate(), d.originalAmount(), d.amount(), d.status().name(),
            d.freezeReason() == null ? null : d.freezeReason().name(), d.parentDetailId(), d.milestoneNo(),
            d.unfreezeRatio(), d.recordCount(), d.tier()};
    }

    /** True when every stored column holds the computed value: amounts by value (the ledger keeps 8 decimals). */
    private static boolean sameColumns(Object[] stored, Object[] computed) {
        for (int i = 0; i < stored.length; i++) {
            Object a = stored[i];
            Object b = computed[i];
            boolean same = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private void write(List<IncentiveDetail> batch, LocalDate businessDate) {
        CrashPoints.reach("details.write");
        jdbc.batchUpdate("""
                INSERT INTO incentive_detail (detail_id, period, partner_id, customer_id, association_type,
                    service_type_code, order_id, funding, currency, late, base, rate, original_amount, amount, status,
                    freeze_reason, parent_detail_id, milestone_no, unfreeze_ratio, record_count, computed_for_date, tier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size() + 1,
                (ps, d) -> {
                    ps.setString(1, d.detailId());
                    ps.setString(2, d.period());
                    ps.setString(3, d.partnerId());
                    ps.setString(4, d.customerId());
                    ps.setString(5, d.associationType());
                    ps.setString(6, d.serviceTypeCode());
                    ps.setString(7, d.orderId());
                    ps.setString(8, d.funding());
                    ps.setString(9, d.currency());
                    ps.setBoolean(10, d.late());
                    ps.setBigDecimal(11, d.base());
                    ps.setBigDecimal(12, d.rate());
                    ps.setBigDecimal(13, d.originalAmount());
                    ps.setBigDecimal(14, d.amount());
                    ps.setString(15, d.status().name());
                    ps.setString(16, d.freezeReason() == null ? null : d.freezeReason().name());
                    ps.setString(17, d.parentDetailId());
                    ps.setObject(18, d.milestoneNo());
                    ps.setBigDecimal(19, d.unfreezeRatio());
                    ps.setLong(20, d.recordCount());
                    ps.setDate(21, Date.valueOf(businessDate));
                    ps.setString(22, d.tier());
                });
        batch.clear();
    }

    /** The policy rates by partner tier and association type, both as in effect for the period (whenever it is computed). */
    private IncentiveRates rates(String period) {
        Map<String, String> tiers = new HashMap<>();
        PartnerTerms.inEffect(jdbc, period).forEach((partner, term) -> tiers.put(partner, term.tier()));
        Map<String, BigDecimal> policy = new HashMap<>();
        jdbc.query("""
                SELECT r.tier, r.association_type, r.rate FROM incentive_policy_rate r
                 WHERE r.from_period = (SELECT MAX(x.from_period) FROM incentive_policy_rate x
                                         WHERE x.tier = r.tier AND x.association_type = r.association_type
                                           AND x.from_period <= ?)""", rs -> {
            policy.put(IncentiveRates.policyKey(rs.getString(1), rs.getString(2)), rs.getBigDecimal(3));
        }, period);
        Set<String> noRebate = new HashSet<>(jdbc.queryForList("SELECT service_type_code FROM no_rebate_service",
                String.class));
        return new IncentiveRates(tiers, policy, noRebate);
    }

    /** What the freeze rules decide on: manual freezes, the period's repaid credit, milestone orders. */
    private FreezeFacts freezeFacts(String period, LocalDate businessDate) {
        Set<String> manual = new HashSet<>(jdbc.queryForList("SELECT detail_id FROM manual_freeze", String.class));
        Set<String> repaidCustomers = new HashSet<>(jdbc.queryForList(
                "SELECT customer_id FROM credit_repayment WHERE bill_cycle = ? AND repaid_on <= ?", String.class,
                period, Date.valueOf(businessDate)));
        Map<String, List<MilestoneRow>> milestones = new HashMap<>();
        jdbc.query("SELECT order_id, milestone_no, unfreeze_ratio, set_on FROM milestone ORDER BY order_id, milestone_no",
                rs -> {
                    milestones.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MilestoneRow(
                            rs.getInt(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class)));
                });
        return new FreezeFacts(manual, repaidCustomers, milestones, businessDate);
    }
}
