package io.partnersettlement.sampledata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a large inbox of valid consumption records for benchmarks: current column names, bill dates spread evenly
 * in delivery order over 2026-09 (one period) or 2026-09-01..2026-10-31 (two periods), files of
 * {@value #RECORDS_PER_FILE} records. Each file depends only on its index and the total count, so files are written in
 * parallel and the result is the same for a given count.
 * Lines are assembled as bytes: formatting through strings and {@code BigDecimal} would be ten times slower.
 */
final class BenchConsumption {

    static final int RECORDS_PER_FILE = 250_000;
    private static final byte[] HEADER = (RecordColumn.header(RecordColumn.CURRENT, false) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] SERVICES = ascii("hws.service.type.ec2", "hws.service.type.ebs", "hws.service.type.obs",
            "hws.service.type.rds", "hws.service.type.vpc", "hws.service.type.cdn");
    private static final byte[][] RESOURCES = ascii("hws.resource.type.vm", "hws.resource.type.volume",
            "hws.resource.type.obs", "hws.resource.type.rds.vm", "hws.resource.type.bandwidth", "hws.resource.type.cdn");
    private static final byte[][] REGIONS = ascii("cn-north-4", "cn-east-3", "ap-southeast-1");
    private static final byte[] PLUS_8 = ascii("+08:00")[0];

    private final long total;
    /** Days the bill dates are spread over, from 2026-09-01. */
    private final int days;
    private final byte[][] customers;
    private final byte[][] currencies;
    private final boolean[] credit;
    private final byte[][] dates;
    private final byte[][] cycles;
    private final byte[][] compactDates;

    private BenchConsumption(long total, int periods) {
        this(total, SampleConsumption.FIRST_DAY, (int) ChronoUnit.DAYS.between(SampleConsumption.FIRST_DAY,
                SampleConsumption.FIRST_DAY.plusMonths(periods)));
    }

    private BenchConsumption(long total, LocalDate first, int days) {
        this.total = total;
        this.days = days;
        dates = new byte[days][];
        cycles = new byte[days][];
        compactDates = new byte[days][];
        int n = SampleReference.CONSUMERS;
        customers = new byte[n][];
        currencies = new byte[n][];
        credit = new boolean[n];
        for (int i = 0; i < n; i++) {
            String id = SampleReference.customerId(i + 1);
            customers[i] = ascii(id)[0];
            currencies[i] = ascii(SampleReference.USD_CUSTOMERS.containsKey(id) ? "USD" : "CNY")[0];
            credit[i] = SampleReference.CREDIT_CUSTOMERS.contains(id);
        }
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            dates[d] = ascii(day.toString())[0];
            cycles[d] = ascii(day.toString().substring(0, 7))[0];
            compactDates[d] = ascii(DateTimeFormatter.BASIC_ISO_DATE.format(day))[0];
        }
    }

    static List<Path> write(Path inbox, long records, int periods) throws IOException {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative: " + records);
        }
        if (periods < 1 || periods > 2) {
            throw new IllegalArgumentException("periods must be 1 or 2: " + periods);
        }
        Files.createDirectories(inbox);
        BenchConsumption bench = new BenchConsumption(records, periods);
        int files = (int) ((records + RECORDS_PER_FILE - 1) / RECORDS_PER_FILE);
        List<Path> paths = new ArrayList<>(files);
        for (int f = 0; f < files; f++) {
            paths.add(inbox.resolve(String.format("consumption-bench-%04d.csv", f + 1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(files,
                Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<Void>> done = new ArrayList<>(files);
            for (int f = 0; f < files; f++) {
                int index = f;
                long first = (long) f * RECORDS_PER_FILE;
                long end = Math.min(records, first + RECORDS_PER_FILE);
                done.add(pool.submit(() -> {
                    bench.writeFile(paths.get(index), index, first, end);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing the bench inbox", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return paths;
    }

    /**
     * Soak bench: one night's delivery of {@code records} new records billed on {@code day}, with the ids {@code firstId}
     * on (ids of distinct nights never meet when their ranges do not), in files {@code consumption-<day>-NNNN.csv}.
     */
    static List<Path> writeNight(Path inbox, LocalDate day, long firstId, long records) throws IOException {
        Files.createDirectories(inbox);
        BenchConsumption bench = new BenchConsumption(records, day, 1);
        List<Path> paths = new ArrayList<>();
        for (long first = 0; first < records; first += RECORDS_PER_FILE) {
            Path path = inbox.resolve(String.format("consumption-%s-%04d.csv", day, paths.size() + 1));
            bench.writeFile(path, (int) (firstId / RECORDS_PER_FILE) + paths.size(), firstId + first,
                    firstId + Math.min(records, first + RECORDS_PER_FILE));
            paths.add(path);
        }
        return paths;
    }

    private void writeFile(Path path, int fileIndex, long first, long end) throws IOException {
        SeededRandom random = new SeededRandom(0x5EED_BE4CL + fileIndex * 0x9E3779B97F4A7C15L);
        Line line = new Line(1 << 20);
        try (OutputStream out = Files.newOutputStream(path)) {
            line.put(HEADER);
            for (long i = first; i < end; i++) {
                record(line, random, i);
                if (line.pos > line.buf.length - 1_024) {
                    out.write(line.buf, 0, line.pos);
                    line.pos = 0;
                }
            }
            out.write(line.buf, 0, line.pos);
        }
    }

    /** One valid record: the parts add up to the payment exactly. */
    private void record(Line b, SeededRandom random, long i) {
        int day = days == 1 ? 0 : (int) (i * days / total);
        int customer = random.nextInt(customers.length);
        int kind = random.nextInt(1_000);
        String type;
        boolean order = false;
        boolean refund = false;
        if (kind < 680) {
            type = "5";
        } else if (kind < 830) {
            type = "12";
        } else if (kind < 860) {
            type = "18";
        } else if (kind < 900) {
            type = "1";
            order = true;
        } else if (kind < 920) {
            type = "2";
            order = true;
        } else if (kind < 940) {
            type = "8";
            order = true;
        } else if (kind < 950) {
            type = "3";
            order = true;
        } else if (kind < 970) {
            type = "4";
            order = true;
            refund = true;
        } else if (kind < 980) {
            type = "20";
            refund = true;
        } else if (kind < 990) {
            type = "9";
        } else {
            type = "23";
        }
        int product = random.nextInt(SERVICES.length);
        int scale = type.equals("5") && random.nextInt(5) == 0 ? 8 : 2;
        long payment = scale == 8 ? random.betweenLong(1, 5_000_000_000L)
                : order ? random.betweenLong(10_000, 5_000_000) * SampleRecord.CENT
                : random.betweenLong(1, 500_000) * SampleRecord.CENT;
        if (refund) {
            payment = -payment;
        }
        long quantum = scale == 8 ? 1 : SampleRecord.CENT;
        long coupon = random.nextInt(10) == 0 ? payment / 4 / quantum * quantum : 0;
        long rest = payment - coupon;
        long cash = credit[customer] ? 0 : rest;
        long creditPart = credit[customer] ? rest : 0;
        long discount = payment / 10 / quantum * quantum;
        int second = random.nextInt(86_400);

        b.put('B').put('D').put(compactDates[day]).digits(i, 12).put(',');
        b.put(customers[customer]).put(',');
        b.put(dates[day]).put(',');
        b.put(dates[day]).put('T').digits(second / 3_600, 2).put(':').digits(second / 60 % 60, 2).put(':')
                .digits(second % 60, 2).put(PLUS_8).put(',');
        b.put(cycles[day]).put(',');
        b.ascii(type).put(',');
        b.put(SERVICES[product]).put(',');
        b.put(RESOURCES[product]).put(',');
        if (product != 5) {
            b.put(REGIONS[random.nextInt(REGIONS.length)]);
        }
        b.put(',');
        b.ascii(order || refund ? "1" : type.equals("23") ? "11" : "3").put(',');
        if (order) {
            b.put('C').put('B').put(compactDates[day], 2, 6).digits(i, 12);
        }
        b.put(',');
        b.amount(payment, scale).put(',');
        b.amount(cash, scale).put(',');
        b.amount(creditPart, scale).put(',');
        b.amount(coupon, scale).put(',');
        b.put('0').put(',').put('0').put(',').put('0').put(',').put('0').put(',').put('0').put(',');
        b.amount(payment + discount, scale).put(',');
        b.amount(discount, scale).put(',');
        b.put(currencies[customer]).put('\n');
    }

    /** A growing line buffer of ASCII bytes. */
    private static final class Line {
        final byte[] buf;
        int pos;

        Line(int capacity) {
            buf = new byte[capacity];
        }

        Line put(char c) {
            buf[pos++] = (byte) c;
            return this;
        }

        Line put(byte c) {
            buf[pos++] = c;
            return this;
        }

        Line put(byte[] bytes) {
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
            return this;
        }

        Line put(byte[] bytes, int from, int length) {
            System.arraycopy(bytes, from, buf, pos, length);
            pos += length;
            return this;
        }

        Line ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return this;
        }

        /** {@code value} in exactly {@code width} digits, zero-padded. */
        Line digits(long value, int width) {
            for (int k = pos + width - 1; k >= pos; k--) {
                buf[k] = (byte) ('0' + value % 10);
                value /= 10;
            }
            pos += width;
            return this;
        }

        /** Units of 1e-8 with {@code scale} decimals; a zero is written {@code 0}. */
        Line amount(long units, int scale) {
            if (units == 0) {
                return put('0');
            }
            if (units < 0) {
                put('-');
                units = -units;
            }
            long whole = units / SampleRecord.UNIT;
            long fraction = units % SampleRecord.UNIT;
            int start = pos;
            do {
                buf[pos++] = (byte) ('0' + whole % 10);
                whole /= 10;
            } while (whole > 0);
            for (int a = start, z = pos - 1; a < z; a++, z--) {
                byte t = buf[a];
                buf[a] = buf[z];
                buf[z] = t;
            }
            put('.');
            return digits(fraction / SampleRecord.pow10(8 - scale), scale);
        }
    }

    private static byte[][] ascii(String... values) {
        byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
