package io.partnersettlement.invoice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of an invoice list (SPEC 8): a part of the payable amount, with what the partner invoices for it.
 * {@code settlement_amount = round_half_up(incl / (1 + product_rate) × (1 + partner_rate), 2)};
 * {@code tax_amount = round_half_up(settlement_amount × partner_rate / (1 + partner_rate), 2)}.
 */
public record InvoiceLine(String item, BigDecimal amountInclTax, BigDecimal productTaxRate, BigDecimal partnerTaxRate,
        BigDecimal settlementAmount, BigDecimal taxAmount) {

    /** Exact intermediate quotients: far more digits than any amount has, rounded only once at the end. */
    private static final int QUOTIENT_SCALE = 20;

    public static InvoiceLine of(String item, BigDecimal amountInclTax, BigDecimal productTaxRate,
            BigDecimal partnerTaxRate) {
        BigDecimal onePlusPartner = BigDecimal.ONE.add(partnerTaxRate);
        BigDecimal settlement = amountInclTax.multiply(onePlusPartner)
                .divide(BigDecimal.ONE.add(productTaxRate), QUOTIENT_SCALE, RoundingMode.HALF_UP)
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = settlement.multiply(partnerTaxRate)
                .divide(onePlusPartner, QUOTIENT_SCALE, RoundingMode.HALF_UP)
                .setScale(2, RoundingMode.HALF_UP);
        return new InvoiceLine(item, amountInclTax, productTaxRate, partnerTaxRate, settlement, tax);
    }
}
