package io.partnersettlement.ingest;

import java.math.BigDecimal;

/** Sums of the records of one {@link FactKey} within a chunk. */
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
        records++;
        if (r.cashPart().signum() != 0) {
            cashRecords++;
        }
        if (r.creditPart().signum() != 0) {
            creditRecords++;
        }
        payment = payment.add(r.paymentAmount());
        cash = cash.add(r.cashPart());
        cashAbs = cashAbs.add(r.cashPart().abs());
        credit = credit.add(r.creditPart());
        creditAbs = creditAbs.add(r.creditPart().abs());
        equivalentAbs = equivalentAbs.add(r.cashPart().add(r.creditPart()).abs());
    }

    void add(FactSums other) {
        firstLine = Math.min(firstLine, other.firstLine);
        records += other.records;
        cashRecords += other.cashRecords;
        creditRecords += other.creditRecords;
        payment = payment.add(other.payment);
        cash = cash.add(other.cash);
        cashAbs = cashAbs.add(other.cashAbs);
        credit = credit.add(other.credit);
        creditAbs = creditAbs.add(other.creditAbs);
        equivalentAbs = equivalentAbs.add(other.equivalentAbs);
    }
}
