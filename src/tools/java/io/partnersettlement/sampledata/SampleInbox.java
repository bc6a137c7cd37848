package io.partnersettlement.sampledata;

import static io.partnersettlement.sampledata.RecordColumn.*;
import static io.partnersettlement.sampledata.SampleRecord.CENT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

import io.partnersettlement.sampledata.SampleRecord.AmountStyle;
import io.partnersettlement.sampledata.SampleRecord.TimeStyle;

/**
 * The sample inbox: the generated days cut into six deliveries (one in the older export format, one gzip-compressed,
 * one with a byte-order mark), harmless repeats, one line of every fault per file, and a file without a required
 * column. Every line knows its file and line number, so the README can name them.
 */
final class SampleInbox {

    record FileSpec(String name, LocalDate from, LocalDate to, List<RecordColumn> layout, boolean legacyNames, boolean gzip,
            boolean bom, AmountStyle zeros, String format) {
    }

    enum LineKind { RECORD, REPEAT, REJECTED }

    static final class Line {
        final LineKind kind;
        final SampleRecord record;
        String text;
        String reason;
        String what;
        Line original;
        InboxFile file;
        int number;

        Line(LineKind kind, SampleRecord record) {
            this.kind = kind;
            this.record = record;
        }

        String where() {
            return file.spec.name() + " line " + number;
        }
    }

    static final class InboxFile {
        final FileSpec spec;
        final List<Line> lines = new ArrayList<>();

        InboxFile(FileSpec spec) {
            this.spec = spec;
        }

        long count(LineKind kind) {
            return lines.stream().filter(l -> l.kind == kind).count();
        }
    }

    static final FileSpec F1 = new FileSpec("consumption-20260901-20260910.csv", LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 10), RecordColumn.CURRENT, false, false, false, AmountStyle.AT_SCALE,
            "current column names");
    static final FileSpec F2 = new FileSpec("consumption-20260911-20260920.csv", LocalDate.of(2026, 9, 11),
            LocalDate.of(2026, 9, 20), RecordColumn.CURRENT, false, false, true, AmountStyle.AT_SCALE,
            "current column names, UTF-8 with a byte-order mark");
    static final FileSpec F3 = new FileSpec("consumption-20260921-20260930.csv", LocalDate.of(2026, 9, 21),
            LocalDate.of(2026, 9, 30), RecordColumn.LEGACY, true, false, false, AmountStyle.PLAIN_ZERO,
            "older API names in another order, an unknown `remark` column, no `bill_date` (dates from `trade_time`), zeros written `0`");
    static final FileSpec F4 = new FileSpec("consumption-20261001-20261010.csv.gz", LocalDate.of(2026, 10, 1),
            LocalDate.of(2026, 10, 10), RecordColumn.CURRENT, false, true, false, AmountStyle.AT_SCALE,
            "current column names, gzip-compressed");
    static final FileSpec F5 = new FileSpec("consumption-20261011-20261020.csv", LocalDate.of(2026, 10, 11),
            LocalDate.of(2026, 10, 20), RecordColumn.CURRENT, false, false, false, AmountStyle.PLAIN_ZERO,
            "current column names, zeros written `0`");
    static final FileSpec F6 = new FileSpec("consumption-20261021-20261031.csv", LocalDate.of(2026, 10, 21),
            LocalDate.of(2026, 10, 31), RecordColumn.CURRENT, false, false, false, AmountStyle.AT_SCALE,
            "current column names");
    static final FileSpec MISSING_COLUMN = new FileSpec("consumption-legacy-missing-column.csv", LocalDate.of(2026, 10, 25),
            LocalDate.of(2026, 10, 31), RecordColumn.LEGACY.stream().filter(c -> c != CASH_AMOUNT).toList(), true, false,
            false, AmountStyle.PLAIN_ZERO, "older API names, but no `cash_amount` column");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    final List<InboxFile> files = new ArrayList<>();
    InboxFile missingColumnFile;
    /** Accepted lines worth naming: within the 0.01 tolerance, dates taken from UTC instants, value-equal repeats. */
    final List<Line> notable = new ArrayList<>();

    private final SampleConsumption consumption;
    private final Map<LocalDate, List<SampleRecord>> days = new TreeMap<>();
    private final Set<SampleRecord> used = new HashSet<>();

    private SampleInbox(SampleConsumption consumption) {
        this.consumption = consumption;
    }

    static SampleInbox build(SampleConsumption consumption) {
        SampleInbox inbox = new SampleInbox(consumption);
        inbox.assemble();
        return inbox;
    }

    private void assemble() {
        for (LocalDate d = SampleConsumption.FIRST_DAY; !d.isAfter(SampleConsumption.LAST_DAY); d = d.plusDays(1)) {
            days.put(d, consumption.day(d));
        }
        // the first records of 2026-10-01 (UTC+8) come in the older export, stamped in UTC on 09-30, without a cycle
        List<SampleRecord> afterMidnight = new ArrayList<>();
        for (Iterator<SampleRecord> it = days.get(LocalDate.of(2026, 10, 1)).iterator(); it.hasNext() && afterMidnight.size() < 6; ) {
            SampleRecord r = it.next();
            if (r.tradeTime.getHour() == 0 && (r.billType().equals("5") || r.billType().equals("12"))) {
                it.remove();
                r.set(BILL_CYCLE, "");
                r.timeStyle = afterMidnight.size() % 2 == 0 ? TimeStyle.UTC_Z : TimeStyle.UTC_PLUS_0;
                afterMidnight.add(r);
                used.add(r);
            }
        }

        InboxFile f1 = deliver(F1, List.of(), null, List.of(
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    String text = t.render(F1.layout(), F1.zeros());
                    return rejected("BAD_LINE", "22 fields instead of 23: the last field (currency) is missing", t,
                            text.substring(0, text.lastIndexOf(',')));
                },
                n -> rejected(F1, "MISSING_VALUE", "customer_id is empty", consumption.lineNear(n).override(CUSTOMER_ID, "")),
                n -> rejected(F1, "BAD_DATE", "bill_date 2026-02-30 does not exist",
                        consumption.lineNear(n).override(BILL_DATE, "2026-02-30")),
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.setAmount(PAYMENT_AMOUNT, t.partsSum() + 2 * CENT);
                    return rejected(F1, "AMOUNT_MISMATCH", "payment_amount is 0.02 more than its parts", t);
                }), null);

        List<Line> repeats = new ArrayList<>();
        List<Line> f1Records = f1.lines.stream().filter(l -> l.kind == LineKind.RECORD).toList();
        for (Line original : f1Records.subList(f1Records.size() - 25, f1Records.size())) {
            repeats.add(repeat(original, original.text, "repeated verbatim from " + F1.name()));
        }
        Line f1Duplicate = pick(f1, 0.45, consumption::isPlain);
        Line f1SecondDuplicate = pick(f1, 0.7, consumption::isPlain);
        InboxFile f2 = deliver(F2, repeats, f -> {
                    Line l = pick(f, 0.3, r -> consumption.isPlain(r) && r.scale == 2);
                    l.record.setAmount(PAYMENT_AMOUNT, l.record.amount(PAYMENT_AMOUNT) + CENT);
                    l.what = "payment_amount is 0.01 more than its parts: accepted (exactly 0.01 is within tolerance)";
                    notable.add(l);
                }, List.of(
                n -> {
                    SampleRecord t = cash(consumption.lineNear(n), 1_250_000_000L).override(CASH_AMOUNT, "12,5");
                    return rejected(F2, "BAD_NUMBER", "cash_amount \"12,5\" (decimal comma, quoted)", t);
                },
                n -> {
                    SampleRecord d = f1Duplicate.record.copy();
                    for (RecordColumn c : RecordColumn.values()) {
                        if (c.amount) {
                            d.setAmount(c, 2 * d.amount(c));
                        }
                    }
                    return duplicate(F2, f1Duplicate, d, "same id, every amount doubled");
                },
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    String slashed = t.billDate().toString().replace('-', '/');
                    return rejected(F2, "BAD_DATE", "bill_date " + slashed + " (slashes)", t.override(BILL_DATE, slashed));
                },
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.overrideUnquoted(RESOURCE_TYPE_CODE, "\"" + SampleConsumption.EC2.resource());
                    return rejected(F2, "BAD_LINE", "unterminated quote in resource_type_code (the lines after it are read normally)", t);
                }), null);

        InboxFile f3 = deliver(F3, List.of(), null, List.of(
                n -> rejected(F3, "MISSING_VALUE", "trade_time is empty and the file has no bill_date column",
                        consumption.lineNear(n).override(TRADE_TIME, "")),
                n -> rejected(F3, "BAD_LINE", "24 fields instead of 23: remark 按需,小时结算 has a comma but no quotes",
                        consumption.lineNear(n).overrideUnquoted(REMARK, "按需,小时结算")),
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    String bad = "2026-09-31T" + CLOCK.format(t.tradeTime) + "+08:00";
                    return rejected(F3, "BAD_DATE", "trade_time " + bad + " (there is no 31 September)",
                            t.override(TRADE_TIME, bad));
                },
                n -> rejected(F3, "BAD_NUMBER", "stored_card_amount is N/A",
                        consumption.lineNear(n).override(STORED_VALUE_CARD_AMOUNT, "N/A")),
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.setAmount(PAYMENT_AMOUNT, t.partsSum() + 5 * CENT);
                    return rejected(F3, "AMOUNT_MISMATCH", "amount is 0.05 more than its parts", t);
                },
                n -> {
                    SampleRecord d = f1SecondDuplicate.record.copy();
                    d.set(CUSTOMER_ID, consumption.anotherPlainCustomer(d.customerId()).id);
                    return duplicate(F3, f1SecondDuplicate, d, "same id, another customer (" + d.customerId() + ")");
                }), f -> {
                    // every record of the older export takes its date from trade_time; these six are the UTC+8 day after
                    for (SampleRecord r : afterMidnight) {
                        Line l = new Line(LineKind.RECORD, r);
                        l.what = "trade_time " + SampleRecord.tradeTime(r.tradeTime, r.timeStyle) + " is 2026-10-01 in "
                                + "UTC+8, cycle empty: bill date 2026-10-01, period 2026-10";
                        f.lines.add(l);
                        notable.add(l);
                    }
                });

        Line f2Duplicate = pick(f2, 0.5, consumption::isPlain);
        InboxFile f4 = deliver(F4, List.of(), null, List.of(
                n -> {
                    SampleRecord t = cash(consumption.lineNear(n), 1_000 * SampleRecord.UNIT).override(PAYMENT_AMOUNT, "1e3");
                    return rejected(F4, "BAD_NUMBER", "payment_amount 1e3 (exponent notation)", t);
                },
                n -> rejected(F4, "MISSING_VALUE", "cash_amount is empty", consumption.lineNear(n).override(CASH_AMOUNT, "")),
                n -> {
                    SampleRecord d = f2Duplicate.record.copy();
                    d.set(SERVICE_TYPE_CODE, SampleConsumption.EBS.service());
                    d.set(RESOURCE_TYPE_CODE, SampleConsumption.EBS.resource());
                    return duplicate(F4, f2Duplicate, d, "same id, another service (hws.service.type.ebs)");
                },
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    String bad = "2026-10-32T" + CLOCK.format(t.tradeTime) + "+08:00";
                    return rejected(F4, "BAD_DATE", "trade_time " + bad + " beside a good bill_date", t.override(TRADE_TIME, bad));
                },
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.setAmount(PAYMENT_AMOUNT, t.partsSum() - 2 * CENT);
                    return rejected(F4, "AMOUNT_MISMATCH", "payment_amount is 0.02 less than its parts", t);
                }), null);

        repeats = new ArrayList<>();
        for (double at : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
            Line original = pick(f4, at, consumption::isPlain);
            repeats.add(repeat(original, original.text, "repeated verbatim from " + F4.name()));
        }
        Line[] f5Original = new Line[1];
        InboxFile f5 = deliver(F5, repeats, f -> {
                    f5Original[0] = pick(f, 0.1, consumption::isPlain);
                    Line l = pick(f, 0.5, r -> consumption.isPlain(r) && r.scale == 8);
                    l.record.setAmount(PAYMENT_AMOUNT, l.record.amount(PAYMENT_AMOUNT) - CENT);
                    l.what = "the parts add up to 0.01000000 more than payment_amount: accepted (within tolerance)";
                    notable.add(l);
                }, List.of(
                n -> {
                    SampleRecord t = cash(consumption.lineNear(n), 123_456 * CENT).overrideUnquoted(PAYMENT_AMOUNT, "1,234.56");
                    return rejected(F5, "BAD_LINE", "24 fields instead of 23: payment_amount 1,234.56 has a thousands "
                            + "separator and no quotes", t);
                },
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.scale = 8;
                    t.setAmount(PAYMENT_AMOUNT, t.amount(CASH_AMOUNT) + 12_345_679L);
                    return rejected(F5, "BAD_NUMBER", "coupon_amount 0.123456789 has 9 decimals",
                            t.override(COUPON_AMOUNT, "0.123456789"));
                },
                n -> rejected(F5, "MISSING_VALUE", "bill_detail_type is empty",
                        consumption.lineNear(n).override(BILL_DETAIL_TYPE, "")),
                n -> rejected(F5, "BAD_DATE", "bill_cycle 2026-13", consumption.lineNear(n).override(BILL_CYCLE, "2026-13")),
                n -> {
                    SampleRecord t = consumption.lineNear(n);
                    t.scale = 8;
                    t.setAmount(PAYMENT_AMOUNT, t.partsSum() + 1_000_001L);
                    return rejected(F5, "AMOUNT_MISMATCH", "payment_amount is 0.01000001 more than its parts (just over "
                            + "the tolerance)", t);
                },
                n -> {
                    SampleRecord d = f5Original[0].record.copy();
                    d.setAmount(PAYMENT_AMOUNT, d.amount(PAYMENT_AMOUNT) + 10 * SampleRecord.UNIT);
                    d.setAmount(CASH_AMOUNT, d.amount(CASH_AMOUNT) + 10 * SampleRecord.UNIT);
                    return duplicate(F5, f5Original[0], d, "same id earlier in the same file, 10.00 more");
                }), null);

        repeats = new ArrayList<>();
        Line twoDecimals = pick(f5, 0.2, r -> consumption.isPlain(r) && r.scale == 2
                && r.amount(PAYMENT_AMOUNT) != 0 && r.amount(PAYMENT_AMOUNT) % (10 * CENT) == 0);
        Line eightDecimals = pick(f5, 0.6, r -> consumption.isPlain(r) && r.scale == 8 && r.amount(PAYMENT_AMOUNT) != 0
                && RecordColumn.CURRENT.stream().filter(c -> c.amount).allMatch(c -> r.amount(c) % CENT == 0));
        for (Line original : List.of(twoDecimals, eightDecimals)) {
            Line l = repeat(original, original.record.render(F6.layout(), AmountStyle.STRIPPED),
                    "same values as " + F5.name() + ", written differently (payment_amount "
                            + original.record.value(PAYMENT_AMOUNT, F5.zeros()) + " there, "
                            + original.record.value(PAYMENT_AMOUNT, AmountStyle.STRIPPED) + " here): a harmless repeat");
            repeats.add(l);
            notable.add(l);
        }
        Line f4Duplicate = pick(f4, 0.6, consumption::isPlain);
        deliver(F6, repeats, null, List.of(
                n -> rejected(F6, "BAD_NUMBER", "credit_amount is abc", consumption.lineNear(n).override(CREDIT_AMOUNT, "abc")),
                n -> rejected(F6, "MISSING_VALUE", "id is empty", consumption.lineNear(n).override(ID, "")),
                n -> {
                    SampleRecord d = f4Duplicate.record.copy();
                    d.tradeTime = d.tradeTime.plusDays(1);
                    d.set(BILL_DATE, d.billDate().toString());
                    return duplicate(F6, f4Duplicate, d, "same id, one day later (bill_date " + d.billDate() + ")");
                },
                n -> {
                    SampleRecord t = cash(consumption.lineNear(n), 100 * SampleRecord.UNIT);
                    t.setAmount(CASH_AMOUNT, 10 * SampleRecord.UNIT);
                    return rejected(F6, "AMOUNT_MISMATCH", "payment_amount 100.00, parts add up to 10.00", t);
                }), f -> {
                    SampleRecord last = f.lines.get(f.lines.size() - 1).record;
                    SampleRecord t = consumption.lineNear(last);
                    t.overrideUnquoted(SERVICE_TYPE_CODE, "\"" + SampleConsumption.EC2.service());
                    Line l = rejected(F6, "BAD_LINE", "unterminated quote in service_type_code on the last line of the file", t);
                    f.lines.add(l);
                });

        missingColumnFile = new InboxFile(MISSING_COLUMN);
        List<SampleRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<SampleRecord> day = days.get(MISSING_COLUMN.from().plusDays(i % 7));
            records.add(consumption.lineNear(day.get(i * 37 % day.size())));
        }
        records.sort(Comparator.comparing(r -> r.tradeTime));
        for (SampleRecord r : records) {
            Line l = new Line(LineKind.REJECTED, r);
            l.reason = "MISSING_COLUMN";
            l.text = r.render(MISSING_COLUMN.layout(), MISSING_COLUMN.zeros());
            missingColumnFile.lines.add(l);
        }
        number(missingColumnFile);
    }

    /**
     * One delivery: the leading repeats and the days' records; {@code prepare} may then change or pick records; the
     * planned rejected lines are spread evenly among the records, {@code finish} may add lines at the end, and the lines
     * are written out and numbered.
     */
    private InboxFile deliver(FileSpec spec, List<Line> leading, Consumer<InboxFile> prepare,
            List<Function<SampleRecord, Line>> planned, Consumer<InboxFile> finish) {
        InboxFile f = new InboxFile(spec);
        List<Line> body = new ArrayList<>();
        for (LocalDate d = spec.from(); !d.isAfter(spec.to()); d = d.plusDays(1)) {
            for (SampleRecord r : days.get(d)) {
                body.add(new Line(LineKind.RECORD, r));
            }
        }
        f.lines.addAll(leading);
        f.lines.addAll(body);
        if (prepare != null) {
            prepare.accept(f);
        }
        int size = body.size();
        List<Line> merged = new ArrayList<>(size + planned.size());
        int next = 0;
        for (int k = 0; k < planned.size(); k++) {
            int at = (int) ((long) size * (k + 1) / (planned.size() + 1));
            while (next < at) {
                merged.add(body.get(next++));
            }
            merged.add(planned.get(k).apply(body.get(at).record));
        }
        while (next < size) {
            merged.add(body.get(next++));
        }
        f.lines.clear();
        f.lines.addAll(leading);
        f.lines.addAll(merged);
        if (finish != null) {
            finish.accept(f);
        }
        for (Line l : f.lines) {
            if (l.kind == LineKind.RECORD) {
                l.text = l.record.render(spec.layout(), spec.zeros());
            }
        }
        number(f);
        files.add(f);
        return f;
    }

    private static void number(InboxFile f) {
        int n = 1;
        for (Line l : f.lines) {
            l.file = f;
            l.number = ++n;
        }
    }

    /** The first unused record line at or after {@code fraction} of the file that satisfies {@code test}. */
    private Line pick(InboxFile f, double fraction, Predicate<SampleRecord> test) {
        for (int i = (int) (f.lines.size() * fraction); i < f.lines.size(); i++) {
            Line l = f.lines.get(i);
            if (l.kind == LineKind.RECORD && !used.contains(l.record) && test.test(l.record)) {
                used.add(l.record);
                return l;
            }
        }
        throw new IllegalStateException("no suitable record in " + f.spec.name() + " after " + fraction);
    }

    private static Line repeat(Line original, String text, String what) {
        Line l = new Line(LineKind.REPEAT, original.record);
        l.text = text;
        l.what = what;
        l.original = original;
        return l;
    }

    private static Line rejected(FileSpec spec, String reason, String what, SampleRecord made) {
        return rejected(reason, what, made, made.render(spec.layout(), spec.zeros()));
    }

    private static Line rejected(String reason, String what, SampleRecord made, String text) {
        Line l = new Line(LineKind.REJECTED, made);
        l.reason = reason;
        l.what = what;
        l.text = text;
        return l;
    }

    private static Line duplicate(FileSpec spec, Line original, SampleRecord changed, String what) {
        Line l = rejected(spec, "DUPLICATE_ID", what, changed);
        l.original = original;
        return l;
    }

    /** Makes {@code r} a plain cash payment of {@code units}. */
    private static SampleRecord cash(SampleRecord r, long units) {
        for (RecordColumn c : RecordColumn.values()) {
            if (c.amount) {
                r.setAmount(c, 0);
            }
        }
        r.setAmount(PAYMENT_AMOUNT, units);
        r.setAmount(CASH_AMOUNT, units);
        r.setAmount(OFFICIAL_AMOUNT, units);
        return r;
    }

    /** Writes every file into {@code inbox}; returns the files in name order. */
    List<Path> writeTo(Path inbox) throws IOException {
        Files.createDirectories(inbox);
        List<Path> written = new ArrayList<>();
        List<InboxFile> all = new ArrayList<>(files);
        all.add(missingColumnFile);
        for (InboxFile f : all) {
            StringBuilder b = new StringBuilder(f.lines.size() * 200);
            b.append(RecordColumn.header(f.spec.layout(), f.spec.legacyNames())).append('\n');
            for (Line l : f.lines) {
                b.append(l.text).append('\n');
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 3);
            if (f.spec.bom()) {
                out.write(0xEF);
                out.write(0xBB);
                out.write(0xBF);
            }
            out.write(bytes);
            byte[] content = out.toByteArray();
            if (f.spec.gzip()) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream(content.length / 4);
                try (OutputStream z = new GZIPOutputStream(zipped)) {
                    z.write(content);
                }
                content = zipped.toByteArray();
            }
            Path file = inbox.resolve(f.spec.name());
            Files.write(file, content);
            written.add(file);
        }
        written.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return written;
    }
}
