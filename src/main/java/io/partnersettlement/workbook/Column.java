package io.partnersettlement.workbook;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a table: its header, what it holds and, for amounts, the currency shown in the number format.
 *
 * <p>An amount column names its currency either once ({@link #inCurrency(String)}, e.g. a statement in the
 * partner's settlement currency) or per row from a text column of the same table ({@link #currencyFrom(String)},
 * e.g. a summary with one row per partner and currency). Without either, amounts show as {@code #,##0.00}.
 *
 * @param header         the header label; SPEC names read as the label lower-cased with spaces turned into underscores
 * @param kind           what the column holds
 * @param currency       the fixed ISO 4217 code of an amount column, or {@code null}
 * @param currencyColumn the header of the text column that holds each row's currency, or {@code null}
 */
public record Column(String header, CellKind kind, String currency, String currencyColumn) {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    public Column {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(kind, "kind");
        if ((currency != null || currencyColumn != null) && kind != CellKind.AMOUNT) {
            throw new IllegalArgumentException("only an amount column has a currency: " + header);
        }
        if (currency != null && currencyColumn != null) {
            throw new IllegalArgumentException("column " + header + " has both a fixed and a per-row currency");
        }
        if (currency != null && !CURRENCY_CODE.matcher(currency).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
    }

    public static Column text(String header) { return new Column(header, CellKind.TEXT, null, null); }
    public static Column amount(String header) { return new Column(header, CellKind.AMOUNT, null, null); }
    public static Column rate(String header) { return new Column(header, CellKind.RATE, null, null); }
    public static Column percent(String header) { return new Column(header, CellKind.PERCENT, null, null); }
    public static Column count(String header) { return new Column(header, CellKind.COUNT, null, null); }
    public static Column date(String header) { return new Column(header, CellKind.DATE, null, null); }
    public static Column dateTime(String header) { return new Column(header, CellKind.DATE_TIME, null, null); }
    public static Column bool(String header) { return new Column(header, CellKind.BOOLEAN, null, null); }

    /** This amount column with every value shown in one currency, e.g. {@code 1,234.56 CNY}. */
    public Column inCurrency(String isoCode) {
        return new Column(header, kind, isoCode, null);
    }

    /** This amount column with each row's value shown in the currency held by the text column {@code header}. */
    public Column currencyFrom(String currencyColumnHeader) {
        return new Column(header, kind, null, Objects.requireNonNull(currencyColumnHeader));
    }

    static boolean isCurrencyCode(Object value) {
        return value instanceof String s && CURRENCY_CODE.matcher(s).matches();
    }
}
