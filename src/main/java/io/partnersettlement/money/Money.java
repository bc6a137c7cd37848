package io.partnersettlement.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Money arithmetic of the engine: rounding to a currency's minor unit, halves away from zero
 * ({@link RoundingMode#HALF_UP}: −5.005 → −5.01), and exact allocation by cumulative ratios. Amounts are
 * {@link BigDecimal} everywhere; nothing here ever touches a binary floating point number.
 */
public final class Money {

    private Money() {
    }

    /** Digits of the currency's minor unit: 2 for CNY, 0 for JPY, 3 for KWD; 2 for a code Java does not know. */
    public static int minorUnitDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** The amount rounded half away from zero to the currency's minor unit. */
    public static BigDecimal round(BigDecimal amount, String currency) {
        return amount.setScale(minorUnitDigits(currency), RoundingMode.HALF_UP);
    }

    /**
     * Splits {@code total} into parts by incremental ratios, rounding the <em>cumulative</em> released amount at each
     * step: {@code released_k = round(total × (r_1 + … + r_k))}, {@code part_k = released_k − released_(k−1)}. So the parts
     * never drift: they add up to {@code round(total × Σr)} exactly, and each is within one minor unit of its exact share.
     */
    public static List<BigDecimal> cumulativeParts(BigDecimal total, List<BigDecimal> ratios, String currency) {
        List<BigDecimal> parts = new ArrayList<>(ratios.size());
        BigDecimal cumulativeRatio = BigDecimal.ZERO;
        BigDecimal releasedBefore = round(BigDecimal.ZERO, currency);
        for (BigDecimal ratio : ratios) {
            cumulativeRatio = cumulativeRatio.add(ratio);
            BigDecimal released = round(total.multiply(cumulativeRatio), currency);
            parts.add(released.subtract(releasedBefore));
            releasedBefore = released;
        }
        return parts;
    }
}
