package io.partnersettlement.ingest;

import static io.partnersettlement.ingest.ConsumptionColumn.*;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.ingest.ConsumptionColumn.Layout;
import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;

/**
 * Validates one consumption line per SPEC section 4 and reduces it to a {@link ConsumptionRecord}. Checks run in the
 * order of the reject reasons, so a line with several faults gets the first reason.
 */
final class ConsumptionLineParser implements ItemProcessor<InboxLine, ParsedLine> {

    /** Stored raw text of a rejected line is cut here; the archived file keeps the whole line. */
    static final int MAX_STORED_RAW_LINE = 65_536;
    private static final ZoneOffset VENDOR_ZONE = ZoneOffset.ofHours(8);
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    private static final int MAX_FRACTION_DIGITS = 8;
    /**
     * A trillion less a cent is the largest amount a record may carry: sums of up to 10⁸ such records still fit the
     * ledger's DECIMAL(28,8) columns, and 12 integer digits with 2 decimals are exact as a workbook's numeric cell.
     */
    private static final int MAX_INTEGER_DIGITS = 12;
    private static final ConsumptionColumn[] REQUIRED_AMOUNTS = {PAYMENT_AMOUNT, CASH_AMOUNT, CREDIT_AMOUNT, COUPON_AMOUNT,
            FLEXIPURCHASE_COUPON_AMOUNT, STORED_VALUE_CARD_AMOUNT};
    private static final ConsumptionColumn[] OPTIONAL_AMOUNTS = {BONUS_AMOUNT, DEBT_AMOUNT, WRITEOFF_AMOUNT, OFFICIAL_AMOUNT,
            OFFICIAL_DISCOUNT_AMOUNT};
    private static final ConsumptionColumn[] KEYS = {ID, CUSTOMER_ID, BILL_DETAIL_TYPE, SERVICE_TYPE_CODE};
    /** The values that tell records and customers apart: an invisible character in them makes a look-alike. */
    private static final ConsumptionColumn[] IDENTIFYING = {ID, CUSTOMER_ID, TRADE_ID, SERVICE_TYPE_CODE};
    /** The years a date, cycle or instant may lie in (SPEC section 4): every fact key of them fits a long. */
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2099;
    private static final String WINDOW = FIRST_YEAR + "-" + LAST_YEAR;
    private static final ConsumptionColumn[] FINGERPRINTED_TEXT = {CUSTOMER_ID, BILL_DETAIL_TYPE, SERVICE_TYPE_CODE,
            RESOURCE_TYPE_CODE, REGION_CODE, CHARGING_MODE, TRADE_ID};

    private final String defaultCurrency;

    ConsumptionLineParser(String defaultCurrency) {
        this.defaultCurrency = defaultCurrency;
    }

    /** A line's values as the checks read them, one check after the other. */
    private static final class LineValues {
        final InboxLine item;
        final Layout layout;
        final String[] f;
        final String id;
        final String customer;
        final String billType;
        final String service;
        final String tradeId;
        String currency;
        final String billDateText;
        final String tradeTimeText;
        final String[] requiredText = new String[REQUIRED_AMOUNTS.length];
        final BigDecimal[] required = new BigDecimal[REQUIRED_AMOUNTS.length];
        final BigDecimal[] optional = new BigDecimal[OPTIONAL_AMOUNTS.length];
        final String[] optionalText = new String[OPTIONAL_AMOUNTS.length];
        LocalDate billDate;
        Instant tradeTime;
        String period;

        LineValues(InboxLine item) {
            this.item = item;
            layout = item.layout();
            f = item.line().fields();
            id = layout.value(f, ID);
            customer = layout.value(f, CUSTOMER_ID);
            billType = layout.value(f, BILL_DETAIL_TYPE);
            service = layout.value(f, SERVICE_TYPE_CODE);
            tradeId = layout.value(f, TRADE_ID);
            currency = layout.value(f, CURRENCY);
            billDateText = layout.value(f, BILL_DATE);
            tradeTimeText = layout.value(f, TRADE_TIME);
        }

        BigDecimal payment() {
            return required[0];
        }
    }

    /** Checks in the order of the reject reasons: the first fault found is the line's reason. */
    @Override
    public ParsedLine process(InboxLine item) {
        var line = item.line();
        if (!line.parsed()) {
            return reject(item, RejectReason.BAD_LINE, "not valid CSV: " + line.error(), null, null);
        }
        Layout layout = item.layout();
        if (line.fields().length != layout.fieldCount()) {
            return reject(item, RejectReason.BAD_LINE, line.fields().length + " fields where the header has "
                    + layout.fieldCount(), null, null);
        }
        LineValues v = new LineValues(item);
        Rejected rejected = missingValue(v);
        rejected = rejected != null ? rejected : badNumber(v);
        rejected = rejected != null ? rejected : badDate(v);
        rejected = rejected != null ? rejected : badPeriod(v);
        rejected = rejected != null ? rejected : badValue(v);
        rejected = rejected != null ? rejected : amountMismatch(v);
        return rejected != null ? rejected : accepted(v);
    }

    /** MISSING_VALUE: a required value is empty (for the date: bill_date and trade_time both). */
    private static Rejected missingValue(LineValues v) {
        List<String> missing = new ArrayList<>(2);
        for (ConsumptionColumn c : KEYS) {
            if (v.layout.value(v.f, c) == null) {
                missing.add(c.apiName);
            }
        }
        if (v.billDateText == null && v.tradeTimeText == null) {
            missing.add("bill_date (and trade_time)");
        }
        for (int i = 0; i < REQUIRED_AMOUNTS.length; i++) {
            v.requiredText[i] = v.layout.value(v.f, REQUIRED_AMOUNTS[i]);
            if (v.requiredText[i] == null) {
                missing.add(REQUIRED_AMOUNTS[i].apiName);
            }
        }
        return missing.isEmpty() ? null
                : reject(v.item, RejectReason.MISSING_VALUE, "empty " + String.join(", ", missing), null, null);
    }

    /** BAD_NUMBER: an amount, required or optional, is not a plain decimal. */
    private static Rejected badNumber(LineValues v) {
        for (int i = 0; i < REQUIRED_AMOUNTS.length; i++) {
            v.required[i] = amount(v.requiredText[i]);
            if (v.required[i] == null) {
                return reject(v.item, RejectReason.BAD_NUMBER, numberProblem(REQUIRED_AMOUNTS[i], v.requiredText[i]),
                        null, null);
            }
        }
        for (int i = 0; i < OPTIONAL_AMOUNTS.length; i++) {
            String text = v.layout.value(v.f, OPTIONAL_AMOUNTS[i]);
            if (text != null) {
                v.optional[i] = amount(text);
                if (v.optional[i] == null) {
                    return reject(v.item, RejectReason.BAD_NUMBER, numberProblem(OPTIONAL_AMOUNTS[i], text), null,
                            v.payment());
                }
                v.optionalText[i] = text;
            }
        }
        return null;
    }

    /** BAD_DATE of the bill date and trade time: one that does not parse, or lies outside the years of the window. */
    private static Rejected badDate(LineValues v) {
        if (v.tradeTimeText != null) {
            v.tradeTime = instant(v.tradeTimeText);
            if (v.tradeTime == null) {
                return reject(v.item, RejectReason.BAD_DATE, "trade_time '" + v.tradeTimeText
                        + "' is not an ISO-8601 instant", null, v.payment());
            }
        }
        if (v.billDateText != null) {
            v.billDate = date(v.billDateText);
            if (v.billDate == null) {
                return reject(v.item, RejectReason.BAD_DATE, "bill_date '" + v.billDateText
                        + "' is not a date (YYYY-MM-DD)", null, v.payment());
            }
        } else {
            v.billDate = LocalDate.ofInstant(v.tradeTime, VENDOR_ZONE);
        }
        if (!inWindow(v.billDate.getYear())) {
            return reject(v.item, RejectReason.BAD_DATE, v.billDateText != null
                    ? "bill_date '" + v.billDateText + "' lies outside the years " + WINDOW
                    : "trade_time '" + v.tradeTimeText + "' lies outside the years " + WINDOW + " (in UTC+8)", null,
                    v.payment());
        }
        if (v.tradeTime != null && v.billDateText != null
                && !inWindow(LocalDate.ofInstant(v.tradeTime, VENDOR_ZONE).getYear())) {
            return reject(v.item, RejectReason.BAD_DATE, "trade_time '" + v.tradeTimeText + "' lies outside the years "
                    + WINDOW + " (in UTC+8)", null, v.payment());
        }
        return null;
    }

    /** The period: the bill cycle, else the month of the bill date; BAD_DATE for a cycle that is no period. */
    private static Rejected badPeriod(LineValues v) {
        String cycleText = v.layout.value(v.f, BILL_CYCLE);
        if (cycleText == null) {
            v.period = v.billDate.toString().substring(0, 7);
            return null;
        }
        if (!isPeriod(cycleText)) {
            return reject(v.item, RejectReason.BAD_DATE, "bill_cycle '" + cycleText + "' is not a period (YYYY-MM)",
                    null, v.payment());
        }
        if (!inWindow(Integer.parseInt(cycleText, 0, 4, 10))) {
            return reject(v.item, RejectReason.BAD_DATE, "bill_cycle '" + cycleText + "' lies outside the years "
                    + WINDOW, null, v.payment());
        }
        v.period = cycleText;
        return null;
    }

    /** BAD_VALUE: a value the ledger cannot keep, or a currency that is not three ASCII letters (upper-cased). */
    private static Rejected badValue(LineValues v) {
        String valueProblem = valueProblem(v.layout, v.f, v.item.line().raw(), v.id, v.customer, v.billType, v.service,
                v.tradeId);
        if (valueProblem == null && v.currency != null) {
            if (!isCurrencyCode(v.currency)) {
                valueProblem = "currency '" + v.currency + "' is not three ASCII letters (ISO 4217)";
            } else {
                v.currency = v.currency.toUpperCase(Locale.ROOT);
            }
        }
        return valueProblem == null ? null
                : reject(v.item, RejectReason.BAD_VALUE, valueProblem, v.period, v.payment());
    }

    /** AMOUNT_MISMATCH: the parts differ from the payment by more than 0.01. */
    private static Rejected amountMismatch(LineValues v) {
        BigDecimal[] required = v.required;
        // cash + credit + coupon + flexipurchase coupon + stored-value card + bonus + debt + write-off = payable
        BigDecimal parts = required[1].add(required[2]).add(required[3]).add(required[4]).add(required[5]);
        for (int i = 0; i < 3; i++) {
            if (v.optional[i] != null) {
                parts = parts.add(v.optional[i]);
            }
        }
        BigDecimal gap = parts.subtract(v.payment()).abs();
        if (gap.compareTo(TOLERANCE) > 0) {
            return reject(v.item, RejectReason.AMOUNT_MISMATCH, "the parts add up to " + parts.toPlainString()
                    + ", payment_amount is " + v.payment().toPlainString() + " (off by " + gap.toPlainString() + ")",
                    v.period, v.payment());
        }
        return null;
    }

    /** The record of a line that passed every check: cash part = cash + stored-value card. */
    private Accepted accepted(LineValues v) {
        String effectiveCurrency = v.currency == null ? defaultCurrency : v.currency;
        long fingerprint = fingerprint(v.layout, v.f, v.id, v.billDate, v.tradeTime, v.period, v.requiredText,
                v.optionalText, effectiveCurrency);
        var line = v.item.line();
        return new Accepted(new ConsumptionRecord(v.item.fileId(), line.lineNumber(), v.id, fingerprint, v.customer,
                v.billDate, v.period, v.billType, v.service, v.tradeId, effectiveCurrency, v.payment(),
                v.required[1].add(v.required[5]), v.required[2], line.raw()));
    }

    private static Rejected reject(InboxLine item, RejectReason reason, String message, String period, BigDecimal payment) {
        String raw = item.line().raw();
        if (raw.length() > MAX_STORED_RAW_LINE) {
            raw = raw.substring(0, MAX_STORED_RAW_LINE) + "…[" + (raw.length() - MAX_STORED_RAW_LINE) + " more characters]";
        }
        return new Rejected(item.fileId(), item.line().lineNumber(), reason, message, raw,
                period != null ? period : likelyPeriod(item), payment);
    }

    private static final Pattern DATE_IN_TEXT =
            Pattern.compile("(?<![0-9])(20\\d{2}-(0[1-9]|1[0-2]))(-\\d{2})?(?![0-9])");

    /**
     * The period a rejected line most likely belongs to, for the Data Quality sheet: its bill_cycle, else the month of
     * its bill_date or trade_time, else the first date-like text of the line; {@code null} when there is none.
     */
    static String likelyPeriod(InboxLine item) {
        String[] f = item.line().fields();
        if (f != null && f.length == item.layout().fieldCount()) {
            for (ConsumptionColumn c : new ConsumptionColumn[] {BILL_CYCLE, BILL_DATE, TRADE_TIME}) {
                String v = item.layout().value(f, c);
                if (v != null) {
                    var m = DATE_IN_TEXT.matcher(v);
                    if (m.lookingAt()) {
                        return m.group(1);
                    }
                }
            }
        }
        var m = DATE_IN_TEXT.matcher(item.line().raw());
        return m.find() ? m.group(1) : null;
    }

    /**
     * The first value the ledger cannot keep as it is, or {@code null}: a value longer than its column, a control
     * character other than tab, CR and LF in any value, an invisible character in an id or the service code. Printable
     * ASCII lines, the usual case, are told by one pass over the raw text.
     */
    private static String valueProblem(Layout layout, String[] f, String raw, String id, String customer, String billType,
            String service, String tradeId) {
        String problem = tooLong(id, ID, 128);
        problem = problem != null ? problem : tooLong(customer, CUSTOMER_ID, 64);
        problem = problem != null ? problem : tooLong(billType, BILL_DETAIL_TYPE, 16);
        problem = problem != null ? problem : tooLong(service, SERVICE_TYPE_CODE, 128);
        problem = problem != null ? problem : tooLong(tradeId, TRADE_ID, 128);
        if (problem != null || printableAscii(raw)) {
            return problem;
        }
        for (int i = 0; i < f.length; i++) {
            String v = f[i];
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                if (c < 0x20 ? c != '\t' && c != '\r' && c != '\n' : c >= 0x7F && c <= 0x9F) {
                    return layout.nameOf(i) + " holds the control character " + codePoint(c);
                }
            }
        }
        for (ConsumptionColumn column : IDENTIFYING) {
            String v = layout.value(f, column);
            for (int j = 0; v != null && j < v.length(); j++) {
                char c = v.charAt(j);
                if (c == 0xA0 || (c >= 0x200B && c <= 0x200D) || c == 0xFEFF) {
                    return column.apiName + " holds the invisible character " + codePoint(c);
                }
            }
        }
        return null;
    }

    /** Every character is printable ASCII, tab, CR or LF: nothing for {@link #valueProblem} to look at. */
    private static boolean printableAscii(String raw) {
        for (int i = 0, n = raw.length(); i < n; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\r' && c != '\n' : c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static String tooLong(String value, ConsumptionColumn column, int max) {
        return value != null && value.length() > max
                ? column.apiName + " is longer than the " + max + " characters the ledger keeps" : null;
    }

    private static boolean inWindow(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    private static boolean isCurrencyCode(String s) {
        return s.length() == 3 && isAsciiLetter(s.charAt(0)) && isAsciiLetter(s.charAt(1)) && isAsciiLetter(s.charAt(2));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** A plain decimal {@code [+-]digits[.digits]} with at most 8 fractional digits, or {@code null}. */
    static BigDecimal amount(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        long unscaled = 0;
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            unscaled = unscaled * 10 + (s.charAt(i) - '0');
            i++;
            intDigits++;
        }
        if (intDigits == 0 || intDigits > MAX_INTEGER_DIGITS) {
            return null;
        }
        int fraction = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return null;
            }
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                unscaled = unscaled * 10 + (s.charAt(i) - '0');
                i++;
                fraction++;
            }
            if (fraction == 0 || fraction > MAX_FRACTION_DIGITS || i < n) {
                return null;
            }
        }
        if (intDigits + fraction > 18) {
            // past a long's 18 safe digits: the rare amounts near the limit go through BigDecimal's own reading
            return new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
        }
        return BigDecimal.valueOf(s.charAt(0) == '-' ? -unscaled : unscaled, fraction);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The two ASCII digits at {@code i} as a number, or -1. */
    private static int twoDigits(String s, int i) {
        char tens = s.charAt(i);
        char units = s.charAt(i + 1);
        return isDigit(tens) && isDigit(units) ? (tens - '0') * 10 + (units - '0') : -1;
    }

    private static String numberProblem(ConsumptionColumn column, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        if (text.matches("[+-]?\\d+\\.\\d{9,}")) {
            return column.apiName + " '" + shown + "' has more than 8 fractional digits";
        }
        if (text.matches("[+-]?\\d{" + (MAX_INTEGER_DIGITS + 1) + ",}(\\.\\d+)?")) {
            return column.apiName + " '" + shown + "' has more than " + MAX_INTEGER_DIGITS + " integer digits";
        }
        return column.apiName + " '" + shown + "' is not a plain decimal number";
    }


    static LocalDate date(String s) {
        if (s.length() != 10) {
            return null;
        }
        LocalDate usual = usualDate(s);
        if (usual != null) {
            return usual;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The valid date {@code yyyy-MM-dd} that starts the text, read by hand, else {@code null}: then java.time decides,
     * so what is accepted stays exactly what {@link LocalDate#parse} accepts.
     */
    private static LocalDate usualDate(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int century = twoDigits(s, 0);
        int yearOfCentury = twoDigits(s, 2);
        int month = twoDigits(s, 5);
        int day = twoDigits(s, 8);
        if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        int year = century * 100 + yearOfCentury;
        if (day > 28 && day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static boolean isPeriod(String s) {
        if (s.length() != 7 || s.charAt(4) != '-' || twoDigits(s, 0) < 0 || twoDigits(s, 2) < 0) {
            return false;
        }
        int month = twoDigits(s, 5);
        return month >= 1 && month <= 12;
    }

    /** An ISO-8601 date-time; one without an offset is in UTC+8, the vendor's time. */
    static Instant instant(String s) {
        Instant usual = usualInstant(s);
        if (usual != null) {
            return usual;
        }
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(VENDOR_ZONE);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The forms vendors write, read by hand: {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} with up to 9 fractional digits, then
     * nothing, {@code Z} or {@code ±HH:MM}. {@code null} for any other text (lower-case letters, seconds in the offset,
     * a zone name, and every fault): java.time then reads it, so what is accepted stays exactly what
     * {@link DateTimeFormatter#ISO_DATE_TIME} accepts.
     */
    private static Instant usualInstant(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        LocalDate date = usualDate(s);
        int hour = twoDigits(s, 11);
        int minute = twoDigits(s, 14);
        if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        int second = 0;
        int nano = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            if (i + 3 > n) {
                return null;
            }
            second = twoDigits(s, i + 1);
            if (second < 0 || second > 59) {
                return null;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                    nano = nano * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start || (i < n && isDigit(s.charAt(i)))) {
                    return null;
                }
                for (int digits = i - start; digits < 9; digits++) {
                    nano *= 10;
                }
            }
        }
        int offsetSeconds;
        if (i == n) {
            offsetSeconds = VENDOR_ZONE.getTotalSeconds();
        } else if (s.charAt(i) == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int offsetHours = twoDigits(s, i + 1);
            int offsetMinutes = twoDigits(s, i + 4);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nano);
    }

    /**
     * SHA-256 of the record's content as canonical text, values joined by U+0001: numbers by value ({@code 1.50} is
     * {@code 1.5}), the date and the instant in ISO-8601, an absent bonus, debt or write-off as 0 and an absent list price
     * or discount as {@code -}. The first 8 bytes of the digest, big-endian.
     */
    private static long fingerprint(Layout layout, String[] f, String id, LocalDate billDate, Instant tradeTime,
            String period, String[] requiredText, String[] optionalText, String currency) {
        FingerprintText text = FINGERPRINT_TEXT.get().clear();
        text.append(id).separator().append(billDate).separator().append(tradeTime).separator().append(period).separator()
                .append(currency);
        for (ConsumptionColumn c : FINGERPRINTED_TEXT) {
            String v = layout.value(f, c);
            text.separator().append(v == null ? "" : v);
        }
        for (String v : requiredText) {
            text.separator().appendNumber(v);
        }
        for (int i = 0; i < optionalText.length; i++) {
            // bonus, debt and write-off default to 0; the list price and discount have no default
            String v = optionalText[i] == null && i < 3 ? "0" : optionalText[i];
            text.separator();
            if (v == null) {
                text.append("-");
            } else {
                text.appendNumber(v);
            }
        }
        return text.hash();
    }

    private static final ThreadLocal<FingerprintText> FINGERPRINT_TEXT = ThreadLocal.withInitial(FingerprintText::new);

    /**
     * The text a fingerprint hashes, written straight as UTF-8 bytes: building it as a String and formatting its dates
     * and numbers with java.time and BigDecimal cost more than the hash. One per reading thread.
     */
    private static final class FingerprintText {

        private static final long FIRST_SECOND_OF_YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
        private static final long LAST_SECOND_OF_YEAR_9999 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400 - 1;

        private final MessageDigest sha256;
        private byte[] bytes = new byte[512];
        private int length;

        FingerprintText() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        FingerprintText clear() {
            length = 0;
            return this;
        }

        FingerprintText separator() {
            room(1);
            bytes[length++] = 1;
            return this;
        }

        /** The text as UTF-8, as {@link String#getBytes} writes it. */
        FingerprintText append(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    room(utf8.length);
                    System.arraycopy(utf8, 0, bytes, length, utf8.length);
                    length += utf8.length;
                    return this;
                }
                bytes[length + i] = (byte) c;
            }
            length += n;
            return this;
        }

        /** The date as {@link LocalDate#toString()} writes it. */
        FingerprintText append(LocalDate date) {
            int year = date.getYear();
            if (year < 0 || year > 9999) {
                return append(date.toString());
            }
            room(10);
            digits(year / 100);
            digits(year % 100);
            bytes[length++] = '-';
            digits(date.getMonthValue());
            bytes[length++] = '-';
            digits(date.getDayOfMonth());
            return this;
        }

        /** The instant as {@link Instant#toString()} writes it (fractions in groups of 3 digits), or {@code null}. */
        FingerprintText append(Instant instant) {
            if (instant == null) {
                return append("null");
            }
            long seconds = instant.getEpochSecond();
            if (seconds < FIRST_SECOND_OF_YEAR_0 || seconds > LAST_SECOND_OF_YEAR_9999) {
                return append(instant.toString());
            }
            append(LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400)));
            int secondOfDay = (int) Math.floorMod(seconds, 86_400);
            room(20);
            bytes[length++] = 'T';
            digits(secondOfDay / 3600);
            bytes[length++] = ':';
            digits(secondOfDay / 60 % 60);
            bytes[length++] = ':';
            digits(secondOfDay % 60);
            int nano = instant.getNano();
            if (nano > 0) {
                bytes[length++] = '.';
                for (int divisor = 100_000_000, i = 0; nano > 0 || i % 3 != 0; divisor /= 10, i++) {
                    bytes[length++] = (byte) ('0' + nano / divisor);
                    nano %= divisor;
                }
            }
            bytes[length++] = 'Z';
            return this;
        }

        /**
         * A valid amount's text by value, as {@code stripTrailingZeros().toPlainString()} writes it: no plus sign, no
         * leading or trailing zeros, and 0 for any zero.
         */
        FingerprintText appendNumber(String plain) {
            int n = plain.length();
            boolean negative = plain.charAt(0) == '-';
            int start = negative || plain.charAt(0) == '+' ? 1 : 0;
            int point = plain.indexOf('.', start);
            if (point < 0) {
                point = n;
            }
            while (start < point - 1 && plain.charAt(start) == '0') {
                start++;
            }
            int end = n;
            while (end > point + 1 && plain.charAt(end - 1) == '0') {
                end--;
            }
            if (end == point + 1) {
                end = point;
            }
            if (end == point && point - start == 1 && plain.charAt(start) == '0') {
                return append("0");
            }
            room(end - start + 1);
            if (negative) {
                bytes[length++] = '-';
            }
            for (int i = start; i < end; i++) {
                bytes[length++] = (byte) plain.charAt(i);
            }
            return this;
        }

        long hash() {
            sha256.update(bytes, 0, length);
            byte[] digest = sha256.digest();
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (digest[i] & 0xFF);
            }
            return h;
        }

        private void digits(int twoDigits) {
            bytes[length++] = (byte) ('0' + twoDigits / 10);
            bytes[length++] = (byte) ('0' + twoDigits % 10);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
