package io.partnersettlement.ingest;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the settlement rules tell records apart by: records with equal keys are summed into one consumption fact.
 *
 * <p>A plain class rather than a record: every accepted record looks its key up in its block's map, and a record's
 * generated {@code equals} and {@code hashCode} showed up as a sixth of a reading thread's time. This one computes its
 * hash once and compares the cheap fields first.
 */
final class FactKey {

    private final long fileId;
    private final String period;
    private final LocalDate billDate;
    private final String customerId;
    private final String billType;
    private final String serviceTypeCode;
    private final String orderId;
    private final String currency;
    private final int hash;

    FactKey(long fileId, String period, LocalDate billDate, String customerId, String billType, String serviceTypeCode,
            String orderId, String currency) {
        this.fileId = fileId;
        this.period = Objects.requireNonNull(period);
        this.billDate = Objects.requireNonNull(billDate);
        this.customerId = Objects.requireNonNull(customerId);
        this.billType = Objects.requireNonNull(billType);
        this.serviceTypeCode = Objects.requireNonNull(serviceTypeCode);
        this.orderId = Objects.requireNonNull(orderId);
        this.currency = Objects.requireNonNull(currency);
        int h = Long.hashCode(fileId);
        h = 31 * h + billDate.hashCode();
        h = 31 * h + customerId.hashCode();
        h = 31 * h + billType.hashCode();
        h = 31 * h + serviceTypeCode.hashCode();
        h = 31 * h + orderId.hashCode();
        h = 31 * h + currency.hashCode();
        this.hash = h; // the period follows from the bill date's records in practice; it is compared, not hashed
    }

    /** The key of a record; the order id counts only for order bill types. */
    static FactKey of(ConsumptionRecord r, Set<String> orderBillTypes) {
        String order = orderBillTypes.contains(r.billType()) && r.tradeId() != null ? r.tradeId() : "";
        return new FactKey(r.fileId(), r.period(), r.billDate(), r.customerId(), r.billType(), r.serviceTypeCode(), order,
                r.currency());
    }

    long fileId() {
        return fileId;
    }

    String period() {
        return period;
    }

    LocalDate billDate() {
        return billDate;
    }

    String customerId() {
        return customerId;
    }

    String billType() {
        return billType;
    }

    String serviceTypeCode() {
        return serviceTypeCode;
    }

    String orderId() {
        return orderId;
    }

    String currency() {
        return currency;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof FactKey k && hash == k.hash && fileId == k.fileId && billDate.equals(k.billDate)
                && customerId.equals(k.customerId) && billType.equals(k.billType) && orderId.equals(k.orderId)
                && serviceTypeCode.equals(k.serviceTypeCode) && currency.equals(k.currency) && period.equals(k.period);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "FactKey[file " + fileId + ", " + period + ", " + billDate + ", " + customerId + ", bill type " + billType
                + ", " + serviceTypeCode + ", order " + orderId + ", " + currency + "]";
    }
}
