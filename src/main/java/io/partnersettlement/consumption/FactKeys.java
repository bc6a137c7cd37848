package io.partnersettlement.consumption;

/**
 * Keys of {@code consumption_fact}: {@code period number << 48 | file_id << 28 | line}, where the line is the first line
 * of the file that the row sums. Every line feeds exactly one row, so keys are unique; a period's rows form one key
 * range, read without a second index. Periods lie in the years 2000-2099 (the parser rejects others), whose numbers are
 * below 2^15: the largest key, of 2099-12, is under 2^63. A file has fewer than 2^28 lines (a longer one is set aside
 * whole before it is read, {@code TOO_MANY_LINES}).
 */
public final class FactKeys {

    public static final int LINE_BITS = 28;
    public static final int FILE_BITS = 20;
    static final int PERIOD_BITS = 63 - LINE_BITS - FILE_BITS;
    /** Lines a file may have: every line number of it fits the key. */
    public static final long MAX_LINES = (1L << LINE_BITS) - 1;

    private FactKeys() {
    }

    public static long of(String period, long fileId, long line) {
        if (fileId >= 1L << FILE_BITS || line >= 1L << LINE_BITS) {
            throw new IllegalStateException("file " + fileId + " line " + line + " is beyond the fact key's range");
        }
        return (long) periodNumber(period) << (LINE_BITS + FILE_BITS) | fileId << LINE_BITS | line;
    }

    /** The first line of the file that a key's row sums. */
    public static long lineOf(long key) {
        return key & MAX_LINES;
    }

    /** The first key of a period. */
    public static long first(String period) {
        return (long) periodNumber(period) << (LINE_BITS + FILE_BITS);
    }

    /** The first key after a period. */
    public static long after(String period) {
        return (long) (periodNumber(period) + 1) << (LINE_BITS + FILE_BITS);
    }

    /** Months since year 0: 2026-09 is 2026 × 12 + 8. */
    static int periodNumber(String period) {
        int number = Integer.parseInt(period, 0, 4, 10) * 12 + Integer.parseInt(period, 5, 7, 10) - 1;
        if (number < 0 || number >= 1 << PERIOD_BITS) {
            throw new IllegalArgumentException("period " + period + " is beyond the fact key's range");
        }
        return number;
    }
}
