package io.partnersettlement.ingest;

import java.math.BigDecimal;

/** Sums of the records of one {@link FactKey} within a block (a chunk). */
final class FactSums {

    long firstLine = Long.MAX_VALUE;
    int records;
    int cashRecords;
    int creditRecords;
    BigDecimal payment = BigDecimal.ZERO;
    BigDecimal cash = BigDecimal.ZERO;
    BigDecimal cashAbs = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    BigDecimal creditAbs = BigDecimal.ZERO;
    BigDecimal equivalentAbs = BigDecimal.ZERO;

    void add(ConsumptionRecord r) {
        firstLine = Math.min(firstLine, r.lineNumber());
        if (r.cashPart().signum() != 0) {
            cashRecords++;
        }
        if (r.creditPart().signum() != 0) {
            creditRecords++;
        }
        BigDecimal equivalent = r.cashPart().add(r.creditPart()).abs();
        if (records++ == 0) {
            // the first record's own amounts are the sums (amounts are read with a scale of 0 or more, as the sum's)
            payment = r.paymentAmount();
            cash = r.cashPart();
            cashAbs = r.cashPart().abs();
            credit = r.creditPart();
            creditAbs = r.creditPart().abs();
            equivalentAbs = equivalent;
            return;
        }
        payment = payment.add(r.paymentAmount());
        cash = cash.add(r.cashPart());
        cashAbs = cashAbs.add(r.cashPart().abs());
        credit = credit.add(r.creditPart());
        creditAbs = creditAbs.add(r.creditPart().abs());
        equivalentAbs = equivalentAbs.add(equivalent);
    }
}
