package io.partnersettlement.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The arithmetic of a statement (SPEC 7.1), from values only: its totals are sums of the counted details' settlement
 * amounts, and
 *
 * <pre>
 * due = available_total + released_from_prior + prior_period_adjustments + carried_in
 * payable, carried_out = (0, due) if due &lt; 0, or the method is BANK_TRANSFER or ACCOUNT and due &lt; the minimum payout
 *                        (due, 0) otherwise
 * </pre>
 *
 * @param anything the statement has something to show: an own detail, or a released, late or carried amount
 */
record StatementFigures(BigDecimal incentiveTotal, BigDecimal frozenTotal, BigDecimal availableTotal,
        BigDecimal releasedFromPrior, BigDecimal priorPeriodAdjustments, BigDecimal carriedIn, BigDecimal payable,
        BigDecimal carriedOut, boolean anything) {

    /** The role of a period's own details that are not late, any status. */
    static final String OWN = "OWN";
    /** The role of an earlier period's detail that is not late, unsettled and available now. */
    static final String RELEASED_FROM_PRIOR = "RELEASED_FROM_PRIOR";
    /** The role of an earlier period's late detail, unsettled and available. */
    static final String PRIOR_PERIOD_ADJUSTMENT = "PRIOR_PERIOD_ADJUSTMENT";

    /** The role of a detail of an earlier period. */
    static String earlierRole(boolean late) {
        return late ? PRIOR_PERIOD_ADJUSTMENT : RELEASED_FROM_PRIOR;
    }

    /** A run inside the period makes previews ({@code ESTIMATED}); after the period has ended, confirmable ones. */
    static StatementStatus freshStatus(String period, LocalDate businessDate) {
        return businessDate.isAfter(YearMonth.parse(period).atEndOfMonth()) ? StatementStatus.PENDING_CONFIRMATION
                : StatementStatus.ESTIMATED;
    }

    /**
     * The sums a statement's figures are made of, added up one counted detail at a time (a statement may count millions
     * of details: they are written as they are read, never held): exact, so the order they come in does not matter.
     */
    static final class Tally {
        private BigDecimal frozen = BigDecimal.ZERO;
        private BigDecimal available = BigDecimal.ZERO;
        private BigDecimal incentiveTotal = BigDecimal.ZERO;
        private BigDecimal released = BigDecimal.ZERO;
        private BigDecimal adjustments = BigDecimal.ZERO;
        private boolean own;

        void add(CountedDetail c) {
            BigDecimal amount = c.settlementAmount();
            switch (c.role()) {
                case OWN -> {
                    own = true;
                    incentiveTotal = incentiveTotal.add(amount);
                    if (c.status().equals("FROZEN")) {
                        frozen = frozen.add(amount);
                    } else if (c.status().equals("AVAILABLE")) {
                        available = available.add(amount);
                    }
                }
                case RELEASED_FROM_PRIOR -> released = released.add(amount);
                case PRIOR_PERIOD_ADJUSTMENT -> adjustments = adjustments.add(amount);
                default -> throw new IllegalArgumentException("a counted detail of role " + c.role());
            }
        }
    }

    /**
     * @param counted            the details the statement counts, with their roles and settlement amounts
     * @param carriedIn          what the partner's previous statement carried out
     * @param disbursementMethod the partner's method: BANK_TRANSFER and ACCOUNT pay only from the minimum payout up
     */
    static StatementFigures of(List<CountedDetail> counted, BigDecimal carriedIn, String disbursementMethod,
            BigDecimal minimumPayout) {
        Tally tally = new Tally();
        counted.forEach(tally::add);
        return of(tally, carriedIn, disbursementMethod, minimumPayout);
    }

    /** The figures of the counted details summed up in {@code tally} (see {@link #of(List, BigDecimal, String, BigDecimal)}). */
    static StatementFigures of(Tally tally, BigDecimal carriedIn, String disbursementMethod, BigDecimal minimumPayout) {
        boolean anything = tally.own || tally.released.signum() != 0 || tally.adjustments.signum() != 0
                || carriedIn.signum() != 0;
        BigDecimal due = tally.available.add(tally.released).add(tally.adjustments).add(carriedIn);
        boolean minimumApplies = "BANK_TRANSFER".equals(disbursementMethod) || "ACCOUNT".equals(disbursementMethod);
        boolean carry = due.signum() < 0 || (minimumApplies && due.compareTo(minimumPayout) < 0);
        return new StatementFigures(tally.incentiveTotal, tally.frozen, tally.available, tally.released,
                tally.adjustments, carriedIn, carry ? BigDecimal.ZERO : due, carry ? due : BigDecimal.ZERO, anything);
    }
}
