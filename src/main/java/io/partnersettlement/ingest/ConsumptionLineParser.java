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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

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
    private static final ConsumptionColumn[] FINGERPRINTED_TEXT = {CUSTOMER_ID, BILL_DETAIL_TYPE, SERVICE_TYPE_CODE,
            RESOURCE_TYPE_CODE, REGION_CODE, CHARGING_MODE, TRADE_ID};

    private final String defaultCurrency;

    ConsumptionLineParser(String defaultCurrency) {
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public ParsedLine process(InboxLine item) {
        var line = item.line();
        long fileId = item.fileId();
        if (!line.parsed()) {
            return reject(item, RejectReason.BAD_LINE, "not valid CSV: " + line.error(), null, null);
        }
        Layout layout = item.layout();
        String[] f = line.fields();
        if (f.length != layout.fieldCount()) {
            return reject(item, RejectReason.BAD_LINE, f.length + " fields where the header has " + layout.fieldCount(),
                    null, null);
        }
        String id = layout.value(f, ID);
        String customer = layout.value(f, CUSTOMER_ID);
        String billType = layout.value(f, BILL_DETAIL_TYPE);
        String service = layout.value(f, SERVICE_TYPE_CODE);
        String tradeId = layout.value(f, TRADE_ID);
        String currency = layout.value(f, CURRENCY);
        String lengthProblem = tooLong(id, "id", 128) != null ? tooLong(id, "id", 128)
                : tooLong(customer, "customer_id", 64) != null ? tooLong(customer, "customer_id", 64)
                : tooLong(billType, "bill_detail_type", 16) != null ? tooLong(billType, "bill_detail_type", 16)
                : tooLong(service, "service_type_code", 128) != null ? tooLong(service, "service_type_code", 128)
                : tooLong(tradeId, "trade_id", 128);
        if (lengthProblem != null) {
            return reject(item, RejectReason.BAD_LINE, lengthProblem, null, null);
        }
        if (currency != null && !isCurrencyCode(currency)) {
            return reject(item, RejectReason.BAD_LINE, "currency '" + currency + "' is not an ISO 4217 code", null, null);
        }

        List<String> missing = new ArrayList<>(2);
        for (ConsumptionColumn c : new ConsumptionColumn[] {ID, CUSTOMER_ID, BILL_DETAIL_TYPE, SERVICE_TYPE_CODE}) {
            if (layout.value(f, c) == null) {
                missing.add(c.apiName);
            }
        }
        String billDateText = layout.value(f, BILL_DATE);
        String tradeTimeText = layout.value(f, TRADE_TIME);
        if (billDateText == null && tradeTimeText == null) {
            missing.add("bill_date (and trade_time)");
        }
        for (ConsumptionColumn c : REQUIRED_AMOUNTS) {
            if (layout.value(f, c) == null) {
                missing.add(c.apiName);
            }
        }
        if (!missing.isEmpty()) {
            return reject(item, RejectReason.MISSING_VALUE, "empty " + String.join(", ", missing), null, null);
        }

        BigDecimal[] required = new BigDecimal[REQUIRED_AMOUNTS.length];
        BigDecimal[] optional = new BigDecimal[OPTIONAL_AMOUNTS.length];
        for (int i = 0; i < REQUIRED_AMOUNTS.length; i++) {
            String text = layout.value(f, REQUIRED_AMOUNTS[i]);
            required[i] = amount(text);
            if (required[i] == null) {
                return reject(item, RejectReason.BAD_NUMBER, numberProblem(REQUIRED_AMOUNTS[i], text), null, null);
            }
        }
        for (int i = 0; i < OPTIONAL_AMOUNTS.length; i++) {
            String text = layout.value(f, OPTIONAL_AMOUNTS[i]);
            if (text != null) {
                optional[i] = amount(text);
                if (optional[i] == null) {
                    return reject(item, RejectReason.BAD_NUMBER, numberProblem(OPTIONAL_AMOUNTS[i], text), null,
                            required[0]);
                }
            }
        }
        BigDecimal payment = required[0];

        LocalDate billDate = null;
        Instant tradeTime = null;
        if (tradeTimeText != null) {
            tradeTime = instant(tradeTimeText);
            if (tradeTime == null) {
                return reject(item, RejectReason.BAD_DATE, "trade_time '" + tradeTimeText + "' is not an ISO-8601 instant",
                        null, payment);
            }
        }
        if (billDateText != null) {
            billDate = date(billDateText);
            if (billDate == null) {
                return reject(item, RejectReason.BAD_DATE, "bill_date '" + billDateText + "' is not a date (YYYY-MM-DD)",
                        null, payment);
            }
        } else {
            billDate = LocalDate.ofInstant(tradeTime, VENDOR_ZONE);
        }
        String cycleText = layout.value(f, BILL_CYCLE);
        String period;
        if (cycleText != null) {
            if (!isPeriod(cycleText)) {
                return reject(item, RejectReason.BAD_DATE, "bill_cycle '" + cycleText + "' is not a period (YYYY-MM)",
                        null, payment);
            }
            period = cycleText;
        } else {
            period = billDate.toString().substring(0, 7);
        }

        // cash + credit + coupon + flexipurchase coupon + stored-value card + bonus + debt + write-off = payable
        BigDecimal parts = required[1].add(required[2]).add(required[3]).add(required[4]).add(required[5]);
        for (int i = 0; i < 3; i++) {
            if (optional[i] != null) {
                parts = parts.add(optional[i]);
            }
        }
        BigDecimal gap = parts.subtract(payment).abs();
        if (gap.compareTo(TOLERANCE) > 0) {
            return reject(item, RejectReason.AMOUNT_MISMATCH, "the parts add up to " + parts.toPlainString()
                    + ", payment_amount is " + payment.toPlainString() + " (off by " + gap.toPlainString() + ")", period,
                    payment);
        }

        String effectiveCurrency = currency == null ? defaultCurrency : currency;
        long fingerprint = fingerprint(layout, f, id, billDate, tradeTime, period, required, optional, effectiveCurrency);
        return new Accepted(new ConsumptionRecord(fileId, line.lineNumber(), id, fingerprint, customer, billDate, period,
                billType, service, tradeId, effectiveCurrency, payment, required[1].add(required[5]), required[2], line.raw()));
    }

    private static Rejected reject(InboxLine item, RejectReason reason, String message, String period, BigDecimal payment) {
        String raw = item.line().raw();
        if (raw.length() > MAX_STORED_RAW_LINE) {
            raw = raw.substring(0, MAX_STORED_RAW_LINE) + "…[" + (raw.length() - MAX_STORED_RAW_LINE) + " more characters]";
        }
        return new Rejected(item.fileId(), item.line().lineNumber(), reason, message, raw,
                period != null ? period : likelyPeriod(item), payment);
    }

    private static final java.util.regex.Pattern DATE_IN_TEXT =
            java.util.regex.Pattern.compile("(?<![0-9])(\\d{4}-(0[1-9]|1[0-2]))(-\\d{2})?(?![0-9])");

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

    private static String tooLong(String value, String column, int max) {
        return value != null && value.length() > max ? column + " is longer than " + max + " characters" : null;
    }

    private static boolean isCurrencyCode(String s) {
        return s.length() == 3 && Character.isUpperCase(s.charAt(0)) && Character.isUpperCase(s.charAt(1))
                && Character.isUpperCase(s.charAt(2));
    }

    /** A plain decimal {@code [+-]digits[.digits]} with at most 8 fractional digits, or {@code null}. */
    static BigDecimal amount(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0 || intDigits > MAX_INTEGER_DIGITS) {
            return null;
        }
        if (i < n) {
            if (s.charAt(i) != '.') {
                return null;
            }
            i++;
            int fraction = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fraction++;
            }
            if (fraction == 0 || fraction > MAX_FRACTION_DIGITS || i < n) {
                return null;
            }
        }
        return new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isPeriod(String s) {
        return s.length() == 7 && s.charAt(4) == '-' && isDigit(s.charAt(0)) && isDigit(s.charAt(1))
                && isDigit(s.charAt(2)) && isDigit(s.charAt(3)) && isDigit(s.charAt(5)) && isDigit(s.charAt(6))
                && Integer.parseInt(s.substring(5)) >= 1 && Integer.parseInt(s.substring(5)) <= 12;
    }

    /** An ISO-8601 date-time; one without an offset is in UTC+8, the vendor's time. */
    static Instant instant(String s) {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(VENDOR_ZONE);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static long fingerprint(Layout layout, String[] f, String id, LocalDate billDate, Instant tradeTime,
            String period, BigDecimal[] required, BigDecimal[] optional, String currency) {
        StringBuilder b = new StringBuilder(256).append(id).append('\u0001').append(billDate).append('\u0001')
                .append(tradeTime).append('\u0001').append(period).append('\u0001').append(currency);
        for (ConsumptionColumn c : FINGERPRINTED_TEXT) {
            String v = layout.value(f, c);
            b.append('\u0001').append(v == null ? "" : v);
        }
        for (BigDecimal v : required) {
            b.append('\u0001').append(canonical(v));
        }
        for (int i = 0; i < optional.length; i++) {
            // bonus, debt and write-off default to 0; the list price and discount have no default
            BigDecimal v = optional[i] == null && i < 3 ? BigDecimal.ZERO : optional[i];
            b.append('\u0001').append(v == null ? "-" : canonical(v));
        }
        byte[] digest = sha256().digest(b.toString().getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    private static String canonical(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest sha256() {
        return SHA256.get();
    }
}
