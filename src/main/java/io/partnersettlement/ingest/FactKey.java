package io.partnersettlement.ingest;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the settlement rules tell records apart by: records with equal keys are summed into one consumption fact.
 *
 * <p>{@code equals} and {@code hashCode} are written out: every accepted record looks its key up in its block's map,
 * and the ones a record generates go through method handles shared by every record class, which showed up as a sixth
 * of a reading thread's time. The map compares hashes before it calls {@code equals}.
 */
record FactKey(long fileId, String period, LocalDate billDate, String customerId, String billType,
        String serviceTypeCode, String orderId, String currency) {

    FactKey {
        Objects.requireNonNull(period);
        Objects.requireNonNull(billDate);
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(billType);
        Objects.requireNonNull(serviceTypeCode);
        Objects.requireNonNull(orderId);
        Objects.requireNonNull(currency);
    }

    /** The key of a record; the order id counts only for order bill types. */
    static FactKey of(ConsumptionRecord r, Set<String> orderBillTypes) {
        String order = orderBillTypes.contains(r.billType()) && r.tradeId() != null ? r.tradeId() : "";
        return new FactKey(r.fileId(), r.period(), r.billDate(), r.customerId(), r.billType(), r.serviceTypeCode(), order,
                r.currency());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactKey k && fileId == k.fileId && billDate.equals(k.billDate)
                && customerId.equals(k.customerId) && billType.equals(k.billType) && orderId.equals(k.orderId)
                && serviceTypeCode.equals(k.serviceTypeCode) && currency.equals(k.currency) && period.equals(k.period);
    }

    @Override
    public int hashCode() {
        // the period goes with the bill date: compared, not hashed
        int h = Long.hashCode(fileId);
        h = 31 * h + billDate.hashCode();
        h = 31 * h + customerId.hashCode();
        h = 31 * h + billType.hashCode();
        h = 31 * h + serviceTypeCode.hashCode();
        h = 31 * h + orderId.hashCode();
        return 31 * h + currency.hashCode();
    }
}
