package io.partnersettlement.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A valid consumption record, reduced to what settlement needs; the archived file keeps the rest.
 *
 * @param fingerprint hash of every known column's value (synonyms mapped, numbers by value): equal content, equal hash
 * @param cashPart    cash + stored-value card
 */
record ConsumptionRecord(long fileId, long lineNumber, String id, long fingerprint, String customerId, LocalDate billDate,
        String period, String billType, String serviceTypeCode, String tradeId, String currency,
        BigDecimal paymentAmount, BigDecimal cashPart, BigDecimal creditPart, String rawLine) {
}
