package io.partnersettlement.sampledata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One consumption record of the sample inbox. Amounts are whole units of 1e-8 (the finest the engine accepts) and are
 * written with the record's scale; a bad line is made from a copy whose values are overridden as text.
 */
final class SampleRecord {

    static final long UNIT = 100_000_000L;
    static final long CENT = 1_000_000L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** How {@code trade_time} is written: all name the same instant. */
    enum TimeStyle { UTC_PLUS_8, UTC_Z, UTC_PLUS_0, NO_OFFSET }

    /** How amounts are written: {@code 0.00}, {@code 0}, or every trailing zero dropped ({@code 1.5} for 1.50). */
    enum AmountStyle { AT_SCALE, PLAIN_ZERO, STRIPPED }

    final String[] text = new String[RecordColumn.values().length];
    final long[] units = new long[RecordColumn.values().length];
    int scale = 2;
    LocalDateTime tradeTime;
    TimeStyle timeStyle = TimeStyle.UTC_PLUS_8;
    private final Map<RecordColumn, String> overrides = new EnumMap<>(RecordColumn.class);
    private final Set<RecordColumn> unquoted = EnumSet.noneOf(RecordColumn.class);

    SampleRecord() {
        Arrays.fill(text, "");
    }

    SampleRecord copy() {
        SampleRecord c = new SampleRecord();
        System.arraycopy(text, 0, c.text, 0, text.length);
        System.arraycopy(units, 0, c.units, 0, units.length);
        c.scale = scale;
        c.tradeTime = tradeTime;
        c.timeStyle = timeStyle;
        c.overrides.putAll(overrides);
        c.unquoted.addAll(unquoted);
        return c;
    }

    String id() {
        return text[RecordColumn.ID.ordinal()];
    }

    String customerId() {
        return text[RecordColumn.CUSTOMER_ID.ordinal()];
    }

    LocalDate billDate() {
        return tradeTime.toLocalDate();
    }

    String billType() {
        return text[RecordColumn.BILL_DETAIL_TYPE.ordinal()];
    }

    long amount(RecordColumn c) {
        return units[c.ordinal()];
    }

    void set(RecordColumn c, String value) {
        text[c.ordinal()] = value;
    }

    void setAmount(RecordColumn c, long value) {
        units[c.ordinal()] = value;
    }

    long partsSum() {
        long sum = 0;
        for (RecordColumn c : RecordColumn.PARTS) {
            sum += units[c.ordinal()];
        }
        return sum;
    }

    /** Writes {@code value} in place of the column's value, quoted as CSV needs. */
    SampleRecord override(RecordColumn c, String value) {
        overrides.put(c, value);
        return this;
    }

    /** Writes {@code value} exactly as given, even where CSV would need quotes (to make a malformed line). */
    SampleRecord overrideUnquoted(RecordColumn c, String value) {
        overrides.put(c, value);
        unquoted.add(c);
        return this;
    }

    String value(RecordColumn c, AmountStyle style) {
        String o = overrides.get(c);
        if (o != null) {
            return o;
        }
        if (c == RecordColumn.TRADE_TIME) {
            return tradeTime(tradeTime, timeStyle);
        }
        if (c.amount) {
            return format(units[c.ordinal()], scale, style);
        }
        return text[c.ordinal()];
    }

    String render(List<RecordColumn> layout, AmountStyle style) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < layout.size(); i++) {
            RecordColumn c = layout.get(i);
            if (i > 0) {
                b.append(',');
            }
            String v = value(c, style);
            b.append(unquoted.contains(c) ? v : CsvText.field(v));
        }
        return b.toString();
    }

    static String tradeTime(LocalDateTime utcPlus8, TimeStyle style) {
        return switch (style) {
            case UTC_PLUS_8 -> SECONDS.format(utcPlus8) + "+08:00";
            case UTC_Z -> SECONDS.format(utcPlus8.minusHours(8)) + "Z";
            case UTC_PLUS_0 -> SECONDS.format(utcPlus8.minusHours(8)) + "+00:00";
            case NO_OFFSET -> SECONDS.format(utcPlus8);
        };
    }

    /** {@code units} (of 1e-8) as a plain decimal with {@code scale} fractional digits. */
    static String format(long units, int scale, AmountStyle style) {
        if (units == 0 && style != AmountStyle.AT_SCALE) {
            return "0";
        }
        long quantum = pow10(8 - scale);
        if (units % quantum != 0) {
            throw new IllegalArgumentException(units + " has more than " + scale + " decimals");
        }
        long abs = Math.abs(units);
        StringBuilder b = new StringBuilder(24);
        if (units < 0) {
            b.append('-');
        }
        b.append(abs / UNIT);
        String fraction = String.format("%08d", abs % UNIT).substring(0, scale);
        if (style == AmountStyle.STRIPPED) {
            int end = fraction.length();
            while (end > 0 && fraction.charAt(end - 1) == '0') {
                end--;
            }
            fraction = fraction.substring(0, end);
        }
        if (!fraction.isEmpty()) {
            b.append('.').append(fraction);
        }
        return b.toString();
    }

    static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
