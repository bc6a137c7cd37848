package io.partnersettlement.workbook;

/** What a column holds, and therefore which cell type and number format its cells get. */
public enum CellKind {
    /** A string cell; text that could start a formula is quote-prefixed. */
    TEXT,
    /** Money: a numeric cell from a {@link java.math.BigDecimal}, two decimals with thousands separators. */
    AMOUNT,
    /** A ratio such as a tax rate or unfreeze ratio (0.06), shown with up to eight decimals. */
    RATE,
    /** A ratio shown as a percentage (0.06 shows 6.00%). */
    PERCENT,
    /** A whole number such as a record count. */
    COUNT,
    /** A date cell formatted {@code yyyy-mm-dd}. */
    DATE,
    /** A date-time cell formatted {@code yyyy-mm-dd hh:mm:ss}. */
    DATE_TIME,
    /** A boolean cell (TRUE/FALSE). */
    BOOLEAN
}
