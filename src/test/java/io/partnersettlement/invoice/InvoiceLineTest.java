package io.partnersettlement.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class InvoiceLineTest {

    @Test
    void aPartnerWithTheProductsRateInvoicesTheAmountItself() {
        // 1800.00 / 1.06 × 1.06 = 1800.00; tax 1800.00 × 0.06 / 1.06 = 101.886… → 101.89
        InvoiceLine line = InvoiceLine.of("INCENTIVE", new BigDecimal("1800.00"), new BigDecimal("0.06"), new BigDecimal("0.06"));
        assertThat(line.settlementAmount()).isEqualByComparingTo("1800.00");
        assertThat(line.taxAmount()).isEqualByComparingTo("101.89");
    }

    @Test
    void aSmallTaxpayerAtThreePercentInvoicesLess() {
        // 1000.00 / 1.06 × 1.03 = 971.698… → 971.70; tax 971.70 × 0.03 / 1.03 = 28.302… → 28.30
        InvoiceLine line = InvoiceLine.of("CARRIED_IN", new BigDecimal("1000.00"), new BigDecimal("0.06"), new BigDecimal("0.03"));
        assertThat(line.settlementAmount()).isEqualByComparingTo("971.70");
        assertThat(line.taxAmount()).isEqualByComparingTo("28.30");
    }

    @Test
    void aThirteenPercentPartnerInvoicesMore() {
        // 90.00 / 1.06 × 1.13 = 95.943… → 95.94; tax 95.94 × 0.13 / 1.13 = 11.037… → 11.04
        InvoiceLine line = InvoiceLine.of("RELEASED_FROM_PRIOR", new BigDecimal("90.00"), new BigDecimal("0.06"),
                new BigDecimal("0.13"));
        assertThat(line.settlementAmount()).isEqualByComparingTo("95.94");
        assertThat(line.taxAmount()).isEqualByComparingTo("11.04");
    }
}
