package io.partnersettlement.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MoneyTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void roundsHalvesAwayFromZeroToTheMinorUnit() {
        assertThat(Money.round(d("5.005"), "CNY")).isEqualByComparingTo("5.01");
        assertThat(Money.round(d("-5.005"), "CNY")).isEqualByComparingTo("-5.01");
        assertThat(Money.round(d("5.00499999"), "CNY")).isEqualByComparingTo("5.00");
        // yen has no minor unit, the Kuwaiti dinar three digits
        assertThat(Money.round(d("100.5"), "JPY")).isEqualByComparingTo("101");
        assertThat(Money.round(d("1.0005"), "KWD")).isEqualByComparingTo("1.001");
    }

    @Test
    void cumulativeRoundingKeepsThePartsWhole() {
        // A = 100.01, ratios 0.3, 0.3: released 30.003 → 30.00, then 60.006 → 60.01; parts 30.00 and 30.01
        assertThat(Money.cumulativeParts(d("100.01"), List.of(d("0.3"), d("0.3")), "CNY"))
                .containsExactly(d("30.00"), d("30.01"));
        // a refund: A = −0.05 split in thirds: released −0.0167 → −0.02, −0.0333 → −0.03, −0.05; parts −0.02 −0.01 −0.02
        BigDecimal third = d("0.33333333");
        List<BigDecimal> parts = Money.cumulativeParts(d("-0.05"), List.of(third, third, d("0.33333334")), "CNY");
        assertThat(parts).containsExactly(d("-0.02"), d("-0.01"), d("-0.02"));
    }

    /** Property: for random amounts, currencies and ratio sequences the parts sum to the whole, each near its share. */
    @Test
    void partsAlwaysSumToTheWholeAndStayWithinAMinorUnitOfTheirShare() {
        Random random = new Random(20261121L);
        String[] currencies = {"CNY", "JPY", "KWD", "USD", "EUR"};
        for (int trial = 0; trial < 20_000; trial++) {
            String currency = currencies[random.nextInt(currencies.length)];
            int digits = Money.minorUnitDigits(currency);
            BigDecimal total = BigDecimal.valueOf(random.nextLong() % 100_000_000_00L, digits)
                    .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
            List<BigDecimal> ratios = new ArrayList<>();
            BigDecimal left = BigDecimal.ONE;
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n && left.signum() > 0; i++) {
                BigDecimal r = i == n - 1 && random.nextBoolean() ? left
                        : left.multiply(BigDecimal.valueOf(random.nextInt(10_000), 4)).setScale(8, RoundingMode.DOWN);
                if (r.signum() == 0) {
                    continue;
                }
                ratios.add(r);
                left = left.subtract(r);
            }
            List<BigDecimal> parts = Money.cumulativeParts(total, ratios, currency);
            BigDecimal sumRatios = ratios.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal sum = parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(Money.round(total.multiply(sumRatios), currency));
            BigDecimal minorUnit = BigDecimal.ONE.movePointLeft(digits);
            for (int i = 0; i < parts.size(); i++) {
                BigDecimal exact = total.multiply(ratios.get(i));
                assertThat(parts.get(i).subtract(exact).abs()).isLessThanOrEqualTo(minorUnit);
                assertThat(parts.get(i).scale()).isEqualTo(digits);
            }
        }
    }
}
