package io.partnersettlement.ingest;

import java.time.LocalDate;
import java.util.Set;

/** What the settlement rules tell records apart by: records with equal keys are summed into one consumption fact. */
record FactKey(long fileId, String period, LocalDate billDate, String customerId, String billType,
        String serviceTypeCode, String orderId, String currency) {

    /** The key of a record; the order id counts only for order bill types. */
    static FactKey of(ConsumptionRecord r, Set<String> orderBillTypes) {
        String order = orderBillTypes.contains(r.billType()) && r.tradeId() != null ? r.tradeId() : "";
        return new FactKey(r.fileId(), r.period(), r.billDate(), r.customerId(), r.billType(), r.serviceTypeCode(), order,
                r.currency());
    }
}
