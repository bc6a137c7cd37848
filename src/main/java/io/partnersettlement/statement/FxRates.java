package io.partnersettlement.statement;

import java.math.BigDecimal;
import java.util.Map;

import io.partnersettlement.money.Money;

/**
 * Conversion to a partner's settlement currency (SPEC 7.1): {@code round_half_up(amount × rate)} with the rate of
 * {@code fx-rates.csv} for the amount's own period, 1 when the currencies are equal, never an inverted rate.
 */
final class FxRates {

    private final Map<String, BigDecimal> rates;

    /** @param rates the rates by {@link #key} */
    FxRates(Map<String, BigDecimal> rates) {
        this.rates = rates;
    }

    static String key(String period, String from, String to) {
        return period + from + to;
    }

    BigDecimal convert(BigDecimal amount, String period, String from, String to) {
        if (from.equals(to)) {
            return Money.round(amount, to);
        }
        BigDecimal rate = rates.get(key(period, from, to));
        if (rate == null) {
            throw new MissingRateException("no exchange rate " + from + " to " + to + " for " + period
                    + " in reference/fx-rates.csv");
        }
        return Money.round(amount.multiply(rate), to);
    }

    /** A rate the conversion needs is not in the reference data: the partner's statement cannot be generated. */
    static final class MissingRateException extends RuntimeException {
        MissingRateException(String message) {
            super(message);
        }
    }
}
