package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the freeze rules of SPEC 6.2 decide on, for one period and business date: the operators' freezes, the customers
 * whose credit of the period is repaid by the business date, and the milestone orders with their rows.
 */
final class FreezeFacts {

    /** A milestone row of an order, with the day it was set. */
    record MilestoneRow(int number, BigDecimal ratio, LocalDate setOn) {
    }

    private final Set<String> manual;
    private final Set<String> repaidCustomers;
    private final Map<String, List<MilestoneRow>> milestones;
    private final LocalDate businessDate;

    /**
     * @param manual          the details an operator froze
     * @param repaidCustomers the customers with a repayment of the period on or before the business date
     * @param milestones      every milestone order's rows, by milestone number, whatever their dates
     */
    FreezeFacts(Set<String> manual, Set<String> repaidCustomers, Map<String, List<MilestoneRow>> milestones,
            LocalDate businessDate) {
        this.manual = manual;
        this.repaidCustomers = repaidCustomers;
        this.milestones = milestones;
        this.businessDate = businessDate;
    }

    boolean manual(String detailId) {
        return manual.contains(detailId);
    }

    /** 授信未回款: credit-funded, and the customer's credit of the period is not known to be repaid. */
    boolean creditUnpaid(String funding, String customerId) {
        return creditUnpaid(funding, repaidCustomers.contains(customerId));
    }

    /** 授信未回款 for one detail: credit-funded and not repaid. */
    static boolean creditUnpaid(String funding, boolean repaid) {
        return "CREDIT".equals(funding) && !repaid;
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
