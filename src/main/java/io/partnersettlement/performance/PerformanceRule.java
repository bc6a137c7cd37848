package io.partnersettlement.performance;

import java.math.BigDecimal;

import io.partnersettlement.performance.ConsumptionClassifier.Classification;

/**
 * The performance of classified consumption (SPEC section 5), from values only: consumption adds its cash part (cash +
 * stored-value card) and credit part as they are; a refund subtracts the absolute value of each part, whatever sign the
 * file used; anything that is not attributed counts 0.
 */
public final class PerformanceRule {

    private PerformanceRule() {
    }

    /** One part as it counts: the part itself for consumption, minus its absolute value for a refund. */
    public static BigDecimal signedPart(Classification c, BigDecimal part, BigDecimal absolutePart) {
        return c.refund() ? absolutePart.negate() : part;
    }

    /**
     * @param cashEquivalent cash part + credit part, as the file signed them
     * @param absoluteParts  |cash part| + |credit part|
     */
    public static BigDecimal performance(Classification c, BigDecimal cashEquivalent, BigDecimal absoluteParts) {
        return c.counts() ? signedPart(c, cashEquivalent, absoluteParts) : BigDecimal.ZERO;
    }

    /**
     * What a customer paid otherwise (vouchers, coupons, bonus, debt, write-off): payment − cash part − credit part;
     * a refund subtracts its absolute value.
     */
    public static BigDecimal otherConsumption(Classification c, BigDecimal payment, BigDecimal cashEquivalent) {
        BigDecimal other = payment.subtract(cashEquivalent);
        return c.refund() ? other.abs().negate() : other;
    }
}
