package io.partnersettlement.incentive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.partnersettlement.money.Money;

/**
 * Milestone unfreeze splitting (分批次解冻, SPEC 6.3): each effective milestone row of an order splits a child off the
 * parent detail, by cumulative rounding so that the children and the remaining parent always add up to the parent's
 * original amount exactly.
 */
public final class MilestoneSplit {

    /** A milestone row in effect: its number and incremental ratio. */
    public record Milestone(int number, BigDecimal ratio) {
    }

    /** A child split off the parent. */
    public record Part(int milestoneNo, BigDecimal ratio, BigDecimal amount) {
    }

    /**
     * @param parts     the children, in milestone order; empty when the split is invalid
     * @param remainder what stays on the parent
     * @param invalid   the effective ratios add up to more than 1: nothing is split
     */
    public record Result(List<Part> parts, BigDecimal remainder, boolean invalid) {
    }

    private MilestoneSplit() {
    }

    /** @param milestones the order's rows with {@code set_on} on or before the business date, by milestone number */
    public static Result split(BigDecimal amount, String currency, List<Milestone> milestones) {
        BigDecimal total = milestones.stream().map(Milestone::ratio).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(BigDecimal.ONE) > 0) {
            return new Result(List.of(), amount, true);
        }
        List<BigDecimal> amounts = Money.cumulativeParts(amount, milestones.stream().map(Milestone::ratio).toList(),
                currency);
        List<Part> parts = new ArrayList<>(amounts.size());
        BigDecimal released = BigDecimal.ZERO;
        for (int i = 0; i < amounts.size(); i++) {
            parts.add(new Part(milestones.get(i).number(), milestones.get(i).ratio(), amounts.get(i)));
            released = released.add(amounts.get(i));
        }
        return new Result(parts, amount.subtract(released), false);
    }
}
