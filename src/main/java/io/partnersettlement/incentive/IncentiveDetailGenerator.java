package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.partnersettlement.incentive.FreezeFacts.MilestoneRow;
import io.partnersettlement.money.Money;

/**
 * The details one detail key makes (SPEC 6.1–6.3), from values only: the amount {@code round_half_up(base × rate)},
 * its freeze (MANUAL, then CREDIT_UNPAID, then MILESTONE) and, for a milestone order, the batch-unfrozen children split
 * off by the effective milestone rows. Details already settled by a confirmed statement are left out: they never change.
 */
final class IncentiveDetailGenerator {

    /**
     * @param details        the key's unsettled details, children first and the parent last; empty when the parent is
     *                       settled
     * @param children       how many of them are batch-unfrozen children
     * @param milestoneOrder the key's order is a milestone order (and its parent is not settled)
     * @param problem        why the order's milestones could not be applied, or {@code null}
     */
    record Generated(List<IncentiveDetail> details, int children, boolean milestoneOrder, String problem) {

        static final Generated SETTLED = new Generated(List.of(), 0, false, null);
    }

    private IncentiveDetailGenerator() {
    }

    /**
     * @param base    the signed performance of the key's records
     * @param records how many records feed the key
     * @param settled ids of the period's details that confirmed statements settled
     */
    static Generated generate(String period, DetailKey key, BigDecimal base, long records, IncentiveRates rates,
            FreezeFacts freezes, Set<String> settled) {
        String id = key.detailId(period);
        if (settled.contains(id)) {
            return Generated.SETTLED;
        }
        String tier = rates.tier(key.partnerId());
        BigDecimal rate = rates.rate(key.partnerId(), key.associationType(), key.serviceTypeCode());
        BigDecimal amount = Money.round(base.multiply(rate), key.currency());
        boolean creditUnpaid = freezes.creditUnpaid(key.funding(), key.customerId());
        List<MilestoneRow> milestones = freezes.milestones(key.orderId());
        if (milestones == null) {
            FreezeReason reason = FreezeReason.first(freezes.manual(id), creditUnpaid, false);
            return new Generated(List.of(detail(id, period, key, tier, base, rate, amount, amount, DetailStatus.of(reason),
                    reason, null, null, null, records)), 0, false, null);
        }
        MilestoneSplit.Result split = MilestoneSplit.split(amount, key.currency(), freezes.effective(milestones));
        String problem = split.invalid() ? "order " + key.orderId() + ": its milestone ratios in effect add up to more "
                + "than 1 — detail " + id + " stays whole and frozen" : null;
        List<IncentiveDetail> details = new ArrayList<>(split.parts().size() + 1);
        for (MilestoneSplit.Part part : split.parts()) {
            String childId = id + "-M" + part.milestoneNo();
            if (!settled.contains(childId)) {
                FreezeReason childReason = FreezeReason.first(freezes.manual(childId), creditUnpaid, false);
                details.add(detail(childId, period, key, tier, null, null, part.amount(), part.amount(),
                        DetailStatus.of(childReason), childReason, id, part.milestoneNo(), part.ratio(), 0));
            }
        }
        int children = details.size();
        boolean remainder = split.remainder().signum() != 0;
        FreezeReason reason = remainder ? FreezeReason.first(freezes.manual(id), creditUnpaid, true) : null;
        details.add(detail(id, period, key, tier, base, rate, amount, split.remainder(),
                remainder ? DetailStatus.FROZEN : DetailStatus.RELEASED, reason, null, null, null, records));
        return new Generated(details, children, true, problem);
    }

    private static IncentiveDetail detail(String id, String period, DetailKey key, String tier, BigDecimal base,
            BigDecimal rate, BigDecimal originalAmount, BigDecimal amount, DetailStatus status, FreezeReason reason,
            String parentId, Integer milestoneNo, BigDecimal ratio, long records) {
        return new IncentiveDetail(id, period, key.partnerId(), key.customerId(), key.associationType(),
                key.serviceTypeCode(), key.orderId(), key.funding(), key.currency(), key.late(), base, rate,
                originalAmount, amount, status, reason, parentId, milestoneNo, ratio, records, tier);
    }
}
