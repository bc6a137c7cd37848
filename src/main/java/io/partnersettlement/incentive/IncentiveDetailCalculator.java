package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.ingest.FactKeys;
import io.partnersettlement.money.Money;
import io.partnersettlement.performance.ConsumptionClassifier;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;

/**
 * Computes a period's incentive details (SPEC 6.1–6.3): one detail per partner, customer, association type, service
 * type, order (bill types with orders), funding (CASH: cash + stored-value card; CREDIT) and currency; its base is the
 * signed performance of its records, its amount {@code round_half_up(base × rate)}. Then freezes, and the milestone
 * splits. The period's consumption is read once, sorted by customer, service, order and currency, and grouped as it
 * streams past, so memory holds one customer's block at a time whatever the size of the period.
 */
@Component
public class IncentiveDetailCalculator {

    private static final Logger log = LoggerFactory.getLogger(IncentiveDetailCalculator.class);

    private static final String PERIOD_CONSUMPTION = """
            SELECT customer_id, service_type_code, order_id, currency, bill_date, bill_type, record_count, cash_records,
                   credit_records, cash_part, cash_part_abs, credit_part, credit_part_abs
              FROM consumption_fact
             WHERE fact_key >= ? AND fact_key < ?
             ORDER BY customer_id, service_type_code, order_id, currency""";

    /** A detail as computed, before it is written. */
    public record Detail(String detailId, String period, String partnerId, String customerId, String associationType,
            String serviceTypeCode, String orderId, String funding, String currency, boolean late, BigDecimal base,
            BigDecimal rate, BigDecimal originalAmount, BigDecimal amount, DetailStatus status, FreezeReason freezeReason,
            String parentDetailId, Integer milestoneNo, BigDecimal unfreezeRatio, long recordCount) {
    }

    /** What a computation produced, and the orders whose milestones could not be applied. */
    public record Result(int details, int children, List<String> problems) {
    }

    private record GroupKey(String partnerId, String associationType, String funding) {
    }

    private static final class Group {
        BigDecimal base = BigDecimal.ZERO;
        long records;
    }

    private final JdbcTemplate jdbc;

    public IncentiveDetailCalculator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Recomputes the details of the period that no statement has settled yet; their ids do not change. */
    public Result compute(String period, LocalDate businessDate) {
        long started = System.nanoTime();
        ConsumptionClassifier classifier = ConsumptionClassifier.fromReferenceTables(jdbc);
        Rates rates = new Rates(jdbc);
        Freezes freezes = new Freezes(jdbc, period, businessDate);
        Set<String> settled = new HashSet<>(jdbc.queryForList(
                "SELECT detail_id FROM incentive_detail WHERE period = ? AND settled_statement_id IS NOT NULL",
                String.class, period));
        jdbc.update("DELETE FROM incentive_detail WHERE period = ? AND late = FALSE AND settled_statement_id IS NULL", period);

        List<Detail> batch = new ArrayList<>(1000);
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        Map<GroupKey, Group> block = new LinkedHashMap<>();
        String[] current = new String[4];
        jdbc.query(con -> {
            var statement = con.prepareStatement(PERIOD_CONSUMPTION);
            statement.setFetchSize(5000);
            statement.setLong(1, FactKeys.first(period));
            statement.setLong(2, FactKeys.after(period));
            return statement;
        }, rs -> {
            String customer = rs.getString(1);
            String service = rs.getString(2);
            String order = rs.getString(3);
            String currency = rs.getString(4);
            if (!(customer.equals(current[0]) && service.equals(current[1]) && order.equals(current[2])
                    && currency.equals(current[3]))) {
                emit(period, current, block, rates, freezes, settled, businessDate, batch, problems, counts);
                current[0] = customer;
                current[1] = service;
                current[2] = order;
                current[3] = currency;
            }
            Classification c = classifier.classify(customer, rs.getObject(5, LocalDate.class), rs.getString(6), service);
            if (!c.counts()) {
                return;
            }
            boolean refund = c.refund();
            long records = rs.getLong(7);
            // a refund subtracts the absolute value of each part, whatever sign the file used
            if (rs.getLong(8) > 0) {
                Group g = block.computeIfAbsent(new GroupKey(c.partnerId(), c.associationType(), "CASH"), k -> new Group());
                g.base = g.base.add(refund ? rs.getBigDecimal(11).negate() : rs.getBigDecimal(10));
                g.records += records;
            }
            if (rs.getLong(9) > 0) {
                Group g = block.computeIfAbsent(new GroupKey(c.partnerId(), c.associationType(), "CREDIT"), k -> new Group());
                g.base = g.base.add(refund ? rs.getBigDecimal(13).negate() : rs.getBigDecimal(12));
                g.records += records;
            }
        });
        emit(period, current, block, rates, freezes, settled, businessDate, batch, problems, counts);
        write(batch, businessDate);
        log.info("incentive details of {}: {} details, {} batch-unfrozen children, in {} ms", period, counts[0], counts[1],
                (System.nanoTime() - started) / 1_000_000);
        return new Result(counts[0], counts[1], problems);
    }

    private void emit(String period, String[] key, Map<GroupKey, Group> block, Rates rates, Freezes freezes,
            Set<String> settled, LocalDate businessDate, List<Detail> batch, List<String> problems, int[] counts) {
        if (block.isEmpty()) {
            return;
        }
        String customer = key[0];
        String service = key[1];
        String order = key[2];
        String currency = key[3];
        for (Map.Entry<GroupKey, Group> e : block.entrySet()) {
            GroupKey g = e.getKey();
            String id = detailId(period, g.partnerId(), customer, g.associationType(), service, order, g.funding(),
                    currency, false);
            if (settled.contains(id)) {
                continue;
            }
            BigDecimal base = e.getValue().base;
            BigDecimal rate = rates.rate(g.partnerId(), g.associationType(), service);
            BigDecimal amount = Money.round(base.multiply(rate), currency);
            boolean creditUnpaid = "CREDIT".equals(g.funding()) && freezes.creditUnpaid(customer);
            List<MilestoneRow> milestones = freezes.milestones(order);
            boolean milestoneOrder = milestones != null;
            counts[0]++;
            if (!milestoneOrder) {
                FreezeReason reason = FreezeReason.first(freezes.manual(id), creditUnpaid, false);
                add(batch, new Detail(id, period, g.partnerId(), customer, g.associationType(), service, order,
                        g.funding(), currency, false, base, rate, amount, amount, DetailStatus.of(reason), reason, null,
                        null, null, e.getValue().records), businessDate);
                continue;
            }
            MilestoneSplit.Result split = MilestoneSplit.split(amount, currency, freezes.effective(milestones));
            if (split.invalid()) {
                String problem = "order " + order + ": its milestone ratios in effect add up to more than 1 — detail "
                        + id + " stays whole and frozen";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
            for (MilestoneSplit.Part part : split.parts()) {
                String childId = id + "-M" + part.milestoneNo();
                FreezeReason childReason = FreezeReason.first(freezes.manual(childId), creditUnpaid, false);
                add(batch, new Detail(childId, period, g.partnerId(), customer, g.associationType(), service, order,
                        g.funding(), currency, false, null, null, part.amount(), part.amount(),
                        DetailStatus.of(childReason), childReason, id, part.milestoneNo(), part.ratio(), 0), businessDate);
                counts[1]++;
            }
            boolean remainder = split.remainder().signum() != 0;
            FreezeReason reason = remainder ? FreezeReason.first(freezes.manual(id), creditUnpaid, true) : null;
            DetailStatus status = remainder ? DetailStatus.FROZEN : DetailStatus.RELEASED;
            add(batch, new Detail(id, period, g.partnerId(), customer, g.associationType(), service, order, g.funding(),
                    currency, false, base, rate, amount, split.remainder(), status, reason, null, null, null,
                    e.getValue().records), businessDate);
        }
        block.clear();
    }

    private void add(List<Detail> batch, Detail detail, LocalDate businessDate) {
        batch.add(detail);
        if (batch.size() >= 1000) {
            write(batch, businessDate);
        }
    }

    private void write(List<Detail> batch, LocalDate businessDate) {
        jdbc.batchUpdate("""
                INSERT INTO incentive_detail (detail_id, period, partner_id, customer_id, association_type,
                    service_type_code, order_id, funding, currency, late, base, rate, original_amount, amount, status,
                    freeze_reason, parent_detail_id, milestone_no, unfreeze_ratio, record_count, computed_for_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size() + 1,
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
                });
        batch.clear();
    }

    /**
     * The id of a detail: stable for its key, so a recomputation gives the same ids and a statement can name them.
     * {@code D-<YYYYMM>-<partner>-<hash of the key>}; a batch-unfrozen child adds {@code -M<milestone no>}.
     */
    static String detailId(String period, String partnerId, String customerId, String associationType, String service,
            String order, String funding, String currency, boolean late) {
        String key = String.join("\u0001", period, partnerId, customerId, associationType, service, order, funding,
                currency, late ? "late" : "");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "D-" + period.replace("-", "") + "-" + partnerId + "-" + HexFormat.of().formatHex(digest, 0, 6)
                    + (late ? "-L" : "");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Policy rates by partner tier and association type; no-rebate products earn 0. */
    private static final class Rates {
        private final Map<String, String> tiers = new HashMap<>();
        private final Map<String, BigDecimal> policy = new HashMap<>();
        private final Set<String> noRebate;

        Rates(JdbcTemplate jdbc) {
            jdbc.query("SELECT partner_id, tier FROM partner", rs -> {
                tiers.put(rs.getString(1), rs.getString(2));
            });
            jdbc.query("SELECT tier, association_type, rate FROM incentive_policy", rs -> {
                policy.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
            });
            noRebate = new HashSet<>(jdbc.queryForList("SELECT service_type_code FROM no_rebate_service", String.class));
        }

        BigDecimal rate(String partnerId, String associationType, String service) {
            if (noRebate.contains(service)) {
                return BigDecimal.ZERO;
            }
            return Objects.requireNonNull(policy.get(tiers.get(partnerId) + "/" + associationType),
                    () -> "no incentive rate for partner " + partnerId + " " + associationType);
        }
    }

    /** A milestone row of an order, with the day it was set. */
    private record MilestoneRow(int number, BigDecimal ratio, LocalDate setOn) {
    }

    /** What the freeze rules need to know: manual freezes, repaid credit, milestone orders. */
    private static final class Freezes {
        private final Set<String> manual;
        private final Set<String> repaidCustomers;
        private final Map<String, List<MilestoneRow>> milestones = new HashMap<>();
        private final LocalDate businessDate;

        Freezes(JdbcTemplate jdbc, String period, LocalDate businessDate) {
            this.businessDate = businessDate;
            manual = new HashSet<>(jdbc.queryForList("SELECT detail_id FROM manual_freeze", String.class));
            repaidCustomers = new HashSet<>(jdbc.queryForList(
                    "SELECT customer_id FROM credit_repayment WHERE bill_cycle = ? AND repaid_on <= ?", String.class,
                    period, Date.valueOf(businessDate)));
            jdbc.query("SELECT order_id, milestone_no, unfreeze_ratio, set_on FROM milestone ORDER BY order_id, milestone_no",
                    rs -> {
                        milestones.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MilestoneRow(
                                rs.getInt(2), rs.getBigDecimal(3), rs.getObject(4, LocalDate.class)));
                    });
        }

        boolean manual(String detailId) {
            return manual.contains(detailId);
        }

        boolean creditUnpaid(String customerId) {
            return !repaidCustomers.contains(customerId);
        }

        /** The order's milestone rows, whatever their dates, or {@code null} when it is no milestone order. */
        List<MilestoneRow> milestones(String orderId) {
            return orderId.isEmpty() ? null : milestones.get(orderId);
        }

        /** Only the rows set on or before the business date take effect. */
        List<MilestoneSplit.Milestone> effective(List<MilestoneRow> rows) {
            return rows.stream()
                    .filter(r -> !r.setOn().isAfter(businessDate))
                    .map(r -> new MilestoneSplit.Milestone(r.number(), r.ratio()))
                    .toList();
        }
    }
}
