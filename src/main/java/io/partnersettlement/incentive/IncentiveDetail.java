package io.partnersettlement.incentive;

import java.math.BigDecimal;

/** An incentive detail as the rules compute it, before it is written to the ledger. */
record IncentiveDetail(String detailId, String period, String partnerId, String customerId, String associationType,
        String serviceTypeCode, String orderId, String funding, String currency, boolean late, BigDecimal base,
        BigDecimal rate, BigDecimal originalAmount, BigDecimal amount, DetailStatus status, FreezeReason freezeReason,
        String parentDetailId, Integer milestoneNo, BigDecimal unfreezeRatio, long recordCount, String tier) {
}
