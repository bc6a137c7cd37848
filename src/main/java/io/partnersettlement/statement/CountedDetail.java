package io.partnersettlement.statement;

import java.math.BigDecimal;

/**
 * A detail a statement counts, with what its workbook shows of it: kept with the statement, so a confirmed statement's
 * Details sheet stays what was confirmed while later runs recompute the detail in the ledger.
 *
 * @param role             {@code OWN}, {@code RELEASED_FROM_PRIOR} or {@code PRIOR_PERIOD_ADJUSTMENT}
 * @param settlementAmount the amount converted to the partner's settlement currency
 * @param shown            the detail's columns {@link StatementGenerator#SHOWN}
 */
record CountedDetail(String detailId, String role, String status, BigDecimal amount, BigDecimal settlementAmount,
        Object[] shown) {
}
