package io.partnersettlement.ingest;

import static io.partnersettlement.ingest.ConsumptionColumn.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.csv.CsvSplitter;
import io.partnersettlement.ingest.ParsedLine.Accepted;

/**
 * The parser reads dates, instants and amounts by hand for speed: these tests hold it to what {@code java.time} and
 * {@link BigDecimal} accept, and its fingerprint to the SHA-256 of the canonical text, over many generated values.
 */
class ConsumptionLineParserReferenceTest {

    static final String[] YEARS = {"2026", "0000", "9999", "1970", "0001", "+2026", "-0001", "10000", "202", "2024", "1900",
            "2000", "+10000", "-2026", "20260", "２026"};
    static final String[] MONTHS = {"01", "02", "12", "13", "00", "1", "09", "10", "0a"};
    static final String[] DAYS = {"01", "28", "29", "30", "31", "32", "00", "1", "15"};
    static final String[] SEPARATORS = {"T", "T", "T", "t", " ", "", "TT"};
    static final String[] HOURS = {"00", "23", "24", "7", "16", "08", "0", "19"};
    static final String[] MINUTES = {"00", "59", "60", "30", "5"};
    static final String[] SECONDS = {"", ":00", ":59", ":60", ":5", ":30", ":", ":000", ":07"};
    static final String[] OFFSETS = {"", "Z", "z", "+08:00", "-08:00", "+8:00", "+08", "+0800", "+08:00:00", "+18:00",
            "+18:01", "-18:00", "+19:00", "+08:60", "+00:00", "-00:00", "+08:00:60", "+08:00:5", "+08:30:15", "-05:30",
            "+14:00", "+08:0", "+", "-", "Z[UTC]", "+08:00[Asia/Shanghai]", "Z[Europe/Paris]", "+01:00[Europe/Paris]",
            "[UTC]", "+08:00[Nowhere/City]", "Z ", " Z", "+08:00 ", "UTC", "GMT", "+23:59", "+24:00", "-23:59:59", "ZZ",
            "+0", "+08:0000", "+17:59", "-09:45"};

    static Instant javaTimeInstant(String s) {
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.ofHours(8));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static LocalDate javaTimeDate(String s) {
        try {
            return s.length() == 10 ? LocalDate.parse(s) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    static BigDecimal plainDecimal(String s) {
        return s.matches("[+-]?\\d{1,12}(\\.\\d{1,8})?") ? new BigDecimal(s.startsWith("+") ? s.substring(1) : s) : null;
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String digits(Random random, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    @Test
    void tradeTimeAcceptsWhatJavaTimeAcceptsAndMeansTheSameInstant() {
        Random random = new Random(20260930);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String seconds = pick(random, SECONDS);
            if (seconds.length() == 3 && random.nextBoolean()) {
                seconds += (random.nextInt(8) == 0 ? "," : ".") + digits(random, random.nextInt(11));
            }
            texts.add(pick(random, YEARS) + "-" + pick(random, MONTHS) + "-" + pick(random, DAYS) + pick(random, SEPARATORS)
                    + pick(random, HOURS) + ":" + pick(random, MINUTES) + seconds + pick(random, OFFSETS));
        }
        for (int i = 0; i < 20_000; i++) {
            // any instant of the years 0000-9999, written with and without an offset and a fraction
            LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorMod(random.nextLong(), 315537897600L) - 62167219200L,
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000), ZoneOffset.UTC);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(2 * 18 * 60 + 1) - 18 * 60) * 60);
            texts.add(t.toString());
            texts.add(t + "Z");
            texts.add(t + offset.getId());
        }
        texts.addAll(List.of("", " ", "x", "2026-09-30", "2026-09-30T", "2026-09-30T16", "2026-09-30T16:", "2026-09-30T16:3",
                "2026-09-30T16:30:0", "2026-09-30T16:30:00.", "2026-09-30T16:30:00.Z", "2026-09-30T16:30:00,5Z",
                "2026-09-30T16:30:00.1234567890Z", "2026-09-30T16:30.5", "2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z",
                "1900-02-29T00:00Z", "2000-02-29T00:00Z", "0000-02-29T00:00Z", "9999-12-31T23:59:59.999999999-18:00",
                "0000-01-01T00:00:00+18:00", " 2026-09-30T16:30:00Z", "2026-09-30T16:30:00Z\n"));
        for (String text : texts) {
            assertThat(ConsumptionLineParser.instant(text)).as(text).isEqualTo(javaTimeInstant(text));
        }
    }

    @Test
    void billDateAcceptsWhatJavaTimeAccepts() {
        List<String> texts = new ArrayList<>(List.of("", "2026-09-1", "2026-09-01 ", "+2026-09-01", "+999-01-01", "-999-01-01",
                "20260901", "2026/09/01", "2026-9-01x", "２０２６-09-01", "2026-09-0١"));
        for (String year : new String[] {"0000", "0001", "0999", "1900", "2000", "2024", "2026", "9999"}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    texts.add(year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day);
                }
            }
        }
        for (String text : texts) {
            assertThat(ConsumptionLineParser.date(text)).as(text).isEqualTo(javaTimeDate(text));
        }
    }

    @Test
    void amountsAreWhatBigDecimalReadsScaleIncluded() {
        Random random = new Random(1739_59);
        List<String> texts = new ArrayList<>(List.of("", "+", "-", ".", "0", "-0", "+0", "-0.00", "00000000000.5", "1e3", "1 ",
                "999999999999.99999999", "-999999999999.99999999", "+099999999999.99999999", "1000000000000", "١"));
        for (int i = 0; i < 50_000; i++) {
            int sign = random.nextInt(10);
            String text = (sign == 0 ? "-" : sign == 1 ? "+" : "") + digits(random, random.nextInt(15));
            if (random.nextInt(3) > 0) {
                text += "." + digits(random, random.nextInt(11));
            }
            texts.add(text);
        }
        for (String text : texts) {
            BigDecimal expected = plainDecimal(text);
            BigDecimal actual = ConsumptionLineParser.amount(text);
            assertThat(actual).as(text).isEqualTo(expected);
            if (expected != null) {
                assertThat(actual.scale()).as(text).isEqualTo(expected.scale());
            }
        }
    }

    @Test
    void fingerprintIsTheSha256OfTheCanonicalContent() throws Exception {
        ConsumptionColumn.Layout layout = ConsumptionLineParserTest.CURRENT;
        ConsumptionLineParser parser = new ConsumptionLineParser("CNY");
        Random random = new Random(31393_78);
        String[] amounts = {"0", "0.00", "-0", "+0.0", "000.000", "1", "1.50", "100", "100.00", "-0.05", "007.50", "10.10",
                "999999999999.99999999", "0.00000001", "-12.3400", "120", "1200.00"};
        String[] times = {"", "2026-09-30T16:30:00Z", "2026-09-30T23:59:59", "2026-09-30T16:30:00.1Z", "2026-09-30T16:30:00.123400Z",
                "2026-09-30T16:30:00.000000001+05:30", "2026-09-30T16:30Z", "2000-01-01T00:00:00+08:00",
                "2099-12-31T23:59:59+18:00", "1969-12-31T23:59:59.999Z", "2026-09-30t16:30:00Z", "2026-09-30T16:30:00.Z"};
        String[] texts = {"", "x", "客户", "é", " padded ", "hws.service.type.ec2", "😀"};
        int checked = 0;
        for (int i = 0; i < 10_000; i++) {
            String payment = pick(random, amounts);
            String line = String.join(",", "id" + pick(random, texts), "C" + pick(random, texts),
                    random.nextInt(3) == 0 ? "" : pick(random, new String[] {"2026-09-12", "2024-02-29", "2000-01-01", "2099-12-31"}),
                    pick(random, times), random.nextBoolean() ? "" : "2026-10", "5", "s" + pick(random, texts), pick(random, texts),
                    pick(random, texts), pick(random, texts), pick(random, texts), payment, payment, "0", "0.00", "-0", "0",
                    random.nextBoolean() ? "" : "0.000", "", "", random.nextBoolean() ? "" : pick(random, amounts),
                    random.nextBoolean() ? "" : pick(random, amounts), random.nextBoolean() ? "" : "USD");
            ParsedLine parsed = parser.process(new InboxLine(1, layout, new CsvLine(2, line, CsvSplitter.split(line), null)));
            if (parsed instanceof Accepted accepted) {
                assertThat(accepted.record().fingerprint()).as(line).isEqualTo(referenceFingerprint(layout, CsvSplitter.split(line)));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5_000);
    }

    /** The fingerprint as first defined: SHA-256 of the values' canonical text joined by U+0001, its first 8 bytes. */
    static long referenceFingerprint(ConsumptionColumn.Layout layout, String[] f) throws Exception {
        String tradeTimeText = layout.value(f, TRADE_TIME);
        Instant tradeTime = tradeTimeText == null ? null : javaTimeInstant(tradeTimeText);
        String billDateText = layout.value(f, BILL_DATE);
        LocalDate billDate = billDateText != null ? LocalDate.parse(billDateText) : LocalDate.ofInstant(tradeTime, ZoneOffset.ofHours(8));
        String period = layout.value(f, BILL_CYCLE) != null ? layout.value(f, BILL_CYCLE) : billDate.toString().substring(0, 7);
        String currency = layout.value(f, CURRENCY) != null ? layout.value(f, CURRENCY) : "CNY";
        StringBuilder b = new StringBuilder().append(layout.value(f, ID)).append('\u0001').append(billDate).append('\u0001')
                .append(tradeTime).append('\u0001').append(period).append('\u0001').append(currency);
        for (ConsumptionColumn c : new ConsumptionColumn[] {CUSTOMER_ID, BILL_DETAIL_TYPE, SERVICE_TYPE_CODE, RESOURCE_TYPE_CODE,
                REGION_CODE, CHARGING_MODE, TRADE_ID}) {
            String v = layout.value(f, c);
            b.append('\u0001').append(v == null ? "" : v);
        }
        for (ConsumptionColumn c : new ConsumptionColumn[] {PAYMENT_AMOUNT, CASH_AMOUNT, CREDIT_AMOUNT, COUPON_AMOUNT,
                FLEXIPURCHASE_COUPON_AMOUNT, STORED_VALUE_CARD_AMOUNT}) {
            b.append('\u0001').append(canonical(plainDecimal(layout.value(f, c))));
        }
        ConsumptionColumn[] optional = {BONUS_AMOUNT, DEBT_AMOUNT, WRITEOFF_AMOUNT, OFFICIAL_AMOUNT, OFFICIAL_DISCOUNT_AMOUNT};
        for (int i = 0; i < optional.length; i++) {
            String text = layout.value(f, optional[i]);
            BigDecimal v = text == null && i < 3 ? BigDecimal.ZERO : text == null ? null : plainDecimal(text);
            b.append('\u0001').append(v == null ? "-" : canonical(v));
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    static String canonical(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
