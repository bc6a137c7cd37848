package io.partnersettlement.sampledata;

import static io.partnersettlement.sampledata.RecordColumn.*;
import static io.partnersettlement.sampledata.SampleRecord.CENT;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.partnersettlement.sampledata.SampleRecord.TimeStyle;

/**
 * Generates the consumption of 234 customers over 2026-09-01..2026-10-31, day by day, and the deliberate cases: orders
 * and refunds, stored-value cards, credit, coupons, milestone orders, excluded and unknown bill types.
 */
final class SampleConsumption {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    private static final DateTimeFormatter YYMMDDHHMMSS = DateTimeFormatter.ofPattern("yyMMddHHmmss");

    enum Size { SMALL, MEDIUM, LARGE }

    enum Funding { CASH, CREDIT, CREDIT_AND_CASH }

    /** How a meter is billed, and the decimals its amounts carry. */
    enum MeterKind {
        HOURLY(8), DAILY(2), STORAGE(4), TRAFFIC(6);

        final int scale;

        MeterKind(int scale) {
            this.scale = scale;
        }
    }

    record Product(String service, String resource, boolean regional) {
    }

    static final Product EC2 = new Product("hws.service.type.ec2", "hws.resource.type.vm", true);
    static final Product EBS = new Product("hws.service.type.ebs", "hws.resource.type.volume", true);
    static final Product OBS = new Product("hws.service.type.obs", "hws.resource.type.obs", true);
    static final Product RDS = new Product("hws.service.type.rds", "hws.resource.type.rds.vm", true);
    static final Product VPC_BANDWIDTH = new Product("hws.service.type.vpc", "hws.resource.type.bandwidth", true);
    static final Product VPC_IP = new Product("hws.service.type.vpc", "hws.resource.type.ip", true);
    static final Product CDN = new Product("hws.service.type.cdn", "hws.resource.type.cdn", false);
    static final Product SUPPORT = new Product("hws.service.type.support", "hws.resource.type.support", false);
    static final Product CARD = new Product("hws.service.type.storedvaluecard", "hws.resource.type.storedvaluecard", false);
    private static final Map<String, Product> BY_NAME = Map.of("EC2", EC2, "EBS", EBS, "RDS", RDS, "OBS", OBS);

    private static final List<Product> USAGE_PRODUCTS = List.of(EC2, EBS, OBS, RDS, VPC_BANDWIDTH, VPC_IP, CDN);
    private static final int[] USAGE_WEIGHTS = {30, 20, 15, 12, 10, 5, 8};
    private static final List<Product> ORDER_PRODUCTS = List.of(EC2, RDS, EBS, VPC_BANDWIDTH, OBS);
    static final List<String> REGIONS = List.of("cn-north-4", "cn-east-3", "ap-southeast-1");
    private static final List<Long> EC2_HOURLY = List.of(4_375_000L, 8_750_000L, 17_500_000L, 26_666_667L, 35_000_000L,
            70_000_000L, 116_666_667L);
    private static final List<Long> EBS_HOURLY = List.of(583_333L, 1_458_333L, 4_166_667L);
    private static final List<Long> RDS_HOURLY = List.of(12_916_667L, 25_833_333L, 51_666_667L);
    private static final List<Long> IP_HOURLY = List.of(2_000_000L, 8_333_333L);
    private static final List<String> REMARKS = List.of("按需计费", "包年包月,自动续费", "客户备注:\"加急\"", "测试资源",
            "迁移自线下机房", "Q3 campaign");

    /** Stored-value card purchases (bill type 1, no performance); later bills of the customer are paid from the card. */
    record CardPurchase(String customerId, LocalDateTime at, long cents) {
    }

    static final List<CardPurchase> CARD_PURCHASES = List.of(
            new CardPurchase("C00029", LocalDateTime.of(2026, 9, 2, 9, 30, 0), 1_000_000L),
            new CardPurchase("C00053", LocalDateTime.of(2026, 9, 8, 15, 12, 9), 500_000L),
            new CardPurchase("C00070", LocalDateTime.of(2026, 9, 16, 11, 3, 44), 2_000_000L),
            new CardPurchase("C00114", LocalDateTime.of(2026, 10, 3, 10, 45, 31), 800_000L),
            new CardPurchase("C00153", LocalDateTime.of(2026, 10, 12, 14, 20, 18), 300_000L),
            new CardPurchase("C00029", LocalDateTime.of(2026, 10, 20, 9, 28, 55), 1_000_000L));

    /** One-off records: a code, a customer, a moment and an amount in cents (negative for a credit note). */
    record OneOff(String billType, String customerId, LocalDateTime at, Product product, long cents, String what) {
    }

    static final List<OneOff> ONE_OFFS = List.of(
            new OneOff("5", "C00044", LocalDateTime.of(2026, 9, 18, 10, 5, 12), EC2, 48_000L, "write-off"),
            new OneOff("5", "C00172", LocalDateTime.of(2026, 9, 27, 13, 40, 2), EC2, 26_550L, "write-off"),
            new OneOff("5", "C00081", LocalDateTime.of(2026, 10, 6, 8, 12, 45), EC2, 73_020L, "write-off"),
            new OneOff("5", "C00133", LocalDateTime.of(2026, 10, 22, 17, 55, 31), EC2, 15_900L, "write-off"),
            new OneOff("101", "C00010", LocalDateTime.of(2026, 9, 9, 11, 11, 11), EC2, 12_000L, "excluded"),
            new OneOff("102", "C00020", LocalDateTime.of(2026, 10, 15, 15, 30, 0), OBS, -3_500L, "excluded"),
            new OneOff("77", "C00007", LocalDateTime.of(2026, 9, 4, 14, 2, 9), EC2, 8_800L, "unknown"),
            new OneOff("77", "C00036", LocalDateTime.of(2026, 9, 24, 9, 48, 27), OBS, 1_234L, "unknown"),
            new OneOff("77", "C00092", LocalDateTime.of(2026, 10, 17, 20, 14, 53), RDS, 56_700L, "unknown"),
            new OneOff("31", "C00116", LocalDateTime.of(2026, 10, 28, 7, 3, 38), EBS, 2_010L, "unknown"),
            new OneOff("103", "C00015", LocalDateTime.of(2026, 9, 12, 10, 0, 3), RDS, 1_560_000L, "annual"),
            new OneOff("103", "C00047", LocalDateTime.of(2026, 9, 22, 16, 21, 40), EC2, 2_880_000L, "annual"),
            new OneOff("103", "C00083", LocalDateTime.of(2026, 10, 5, 11, 36, 7), OBS, 240_000L, "annual"),
            new OneOff("103", "C00121", LocalDateTime.of(2026, 10, 16, 9, 9, 9), EC2, 960_000L, "annual"),
            new OneOff("103", "C00168", LocalDateTime.of(2026, 10, 26, 14, 45, 0), RDS, 1_200_000L, "annual"));

    static final class Meter {
        Product product;
        String region;
        MeterKind kind;
        String billType;
        String chargingMode;
        /** Units per hour for an hourly meter, else the usual daily amount in units. */
        long price;
        int count = 1;
    }

    static final class CustomerProfile {
        final String id;
        String currency = "CNY";
        Size size;
        Funding funding = Funding.CASH;
        boolean coupons;
        boolean flexiCoupons;
        boolean bonus;
        boolean debt;
        int discountPercent;
        double activity;
        boolean everyDay;
        boolean plain;
        final List<Meter> meters = new ArrayList<>();
        long monthlyFee;
        boolean supportPlan;
        boolean savingsPlan;
        long cardBalance;
        LocalDate cardUsableFrom;
        final List<PastOrder> orders = new ArrayList<>();

        CustomerProfile(String id) {
            this.id = id;
        }
    }

    record PastOrder(String tradeId, Product product, String region, long units) {
    }

    private final SampleReference reference;
    private final SeededRandom random;
    final Map<String, CustomerProfile> customers = new LinkedHashMap<>();
    final List<CustomerProfile> plainCustomers = new ArrayList<>();
    private final Map<LocalDate, Long> lastSequence = new TreeMap<>();

    SampleConsumption(SampleReference reference, long seed) {
        this.reference = reference;
        this.random = new SeededRandom(seed);
        profileCustomers();
    }

    private void profileCustomers() {
        Set<String> special = new HashSet<>(reference.watched);
        special.addAll(SampleReference.CREDIT_CUSTOMERS);
        special.addAll(SampleReference.UNATTRIBUTED);
        special.addAll(SampleReference.NO_MANAGER);
        CARD_PURCHASES.forEach(p -> special.add(p.customerId()));
        ONE_OFFS.forEach(o -> special.add(o.customerId()));
        for (int n = 1; n <= SampleReference.CONSUMERS; n++) {
            CustomerProfile c = new CustomerProfile(SampleReference.customerId(n));
            boolean small = SampleReference.SMALL_PARTNER_CUSTOMERS.containsKey(c.id) || c.id.equals("C00011")
                    || c.id.equals("C00139");
            c.size = small ? Size.SMALL : Size.values()[random.weighted(50, 35, 15)];
            if (SampleReference.USD_CUSTOMERS.containsKey(c.id)) {
                c.currency = "USD";
                c.size = Size.MEDIUM;
            }
            if (SampleReference.CREDIT_CUSTOMERS.contains(c.id)) {
                c.funding = SampleReference.CREDIT_AND_CASH.contains(c.id) ? Funding.CREDIT_AND_CASH : Funding.CREDIT;
            }
            boolean milestone = SampleReference.MILESTONE_ORDERS.stream().anyMatch(m -> m.customerId().equals(c.id));
            c.coupons = !milestone && random.chance(0.2);
            c.flexiCoupons = !milestone && random.chance(0.08);
            c.bonus = random.chance(0.05);
            c.debt = !milestone && random.chance(0.03);
            c.discountPercent = List.of(0, 0, 5, 10, 15, 20).get(random.nextInt(6));
            c.activity = switch (c.size) {
                case SMALL -> 0.7;
                case MEDIUM -> 0.85;
                case LARGE -> 0.95;
            };
            c.everyDay = reference.watched.contains(c.id) || SampleReference.CREDIT_CUSTOMERS.contains(c.id)
                    || SampleReference.UNATTRIBUTED.contains(c.id) || SampleReference.NO_MANAGER.contains(c.id);
            int meters = switch (c.size) {
                case SMALL -> random.between(1, 2);
                case MEDIUM -> random.between(2, 3);
                case LARGE -> random.between(3, 4);
            };
            boolean reservedInstances = random.chance(0.05);
            for (int i = 0; i < meters; i++) {
                c.meters.add(meter(c.size, reservedInstances));
            }
            c.monthlyFee = random.chance(0.15) ? sized(c.size, 2_000, 30_000) * CENT : 0;
            c.supportPlan = c.size == Size.LARGE && random.chance(0.35);
            c.savingsPlan = random.chance(0.03);
            c.plain = !special.contains(c.id) && !c.coupons && !c.flexiCoupons && !c.bonus && !c.debt;
            customers.put(c.id, c);
            if (c.plain) {
                plainCustomers.add(c);
            }
        }
    }

    private Meter meter(Size size, boolean reservedInstances) {
        Meter m = new Meter();
        m.product = USAGE_PRODUCTS.get(random.weighted(USAGE_WEIGHTS));
        m.region = m.product.regional() ? REGIONS.get(random.weighted(50, 35, 15)) : "";
        m.billType = "5";
        m.chargingMode = "3";
        if (m.product == EC2 || m.product == EBS) {
            m.kind = random.chance(0.25) ? MeterKind.HOURLY : MeterKind.DAILY;
            if (m.product == EBS && m.kind == MeterKind.DAILY && random.chance(0.3)) {
                m.billType = "12";
            }
            if (m.product == EC2 && reservedInstances) {
                m.chargingMode = "10";
            }
        } else if (m.product == RDS) {
            m.kind = random.chance(0.5) ? MeterKind.HOURLY : MeterKind.DAILY;
        } else if (m.product == VPC_IP) {
            m.kind = MeterKind.HOURLY;
        } else if (m.product == OBS) {
            m.kind = random.chance(0.5) ? MeterKind.STORAGE : MeterKind.DAILY;
        } else if (m.product == CDN) {
            m.kind = random.chance(0.5) ? MeterKind.TRAFFIC : MeterKind.DAILY;
        } else {
            m.kind = MeterKind.DAILY;
        }
        if (m.product == VPC_BANDWIDTH || m.product == VPC_IP) {
            m.billType = "12";
        }
        switch (m.kind) {
            case HOURLY -> {
                List<Long> prices = m.product == EC2 ? EC2_HOURLY : m.product == EBS ? EBS_HOURLY
                        : m.product == RDS ? RDS_HOURLY : IP_HOURLY;
                m.price = random.pick(prices);
                m.count = switch (size) {
                    case SMALL -> random.between(1, 2);
                    case MEDIUM -> random.between(2, 6);
                    case LARGE -> random.between(5, 30);
                };
            }
            case DAILY -> m.price = sized(size, 300, 6_000) * CENT;
            case STORAGE -> m.price = sized(size, 5_000, 200_000) * 10_000L;
            case TRAFFIC -> m.price = sized(size, 1_000_000, 30_000_000) * 100L;
        }
        return m;
    }

    /** A value in {@code [low, high]} for a small customer, ten and a hundred times that for medium and large. */
    private long sized(Size size, long low, long high) {
        long factor = switch (size) {
            case SMALL -> 1;
            case MEDIUM -> 10;
            case LARGE -> 100;
        };
        return random.betweenLong(low, high) * factor;
    }

    /** Every record of one day, in trade-time order, with their ids. */
    List<SampleRecord> day(LocalDate day) {
        List<SampleRecord> out = new ArrayList<>(512);
        for (CustomerProfile c : customers.values()) {
            consume(c, day, out);
        }
        scheduled(day, out);
        out.sort(Comparator.comparing(r -> r.tradeTime));
        long sequence = random.between(1_000, 1_999);
        for (SampleRecord r : out) {
            r.set(ID, "BD" + YYYYMMDD.format(day) + String.format("%08d", sequence));
            sequence += random.between(1, 3);
        }
        lastSequence.put(day, sequence);
        return out;
    }

    /** A fresh id of the day, after all of the day's records (for lines made up later). */
    String nextId(LocalDate day) {
        long sequence = lastSequence.merge(day, 1L, Long::sum);
        return "BD" + YYYYMMDD.format(day) + String.format("%08d", sequence);
    }

    private void consume(CustomerProfile c, LocalDate day, List<SampleRecord> out) {
        if (c.everyDay || random.chance(c.activity)) {
            for (Meter m : c.meters) {
                if (c.everyDay || random.chance(0.9)) {
                    out.add(usage(c, m, day));
                }
            }
        }
        double orderChance = switch (c.size) {
            case SMALL -> 0.006;
            case MEDIUM -> 0.012;
            case LARGE -> 0.025;
        };
        if (random.chance(orderChance)) {
            out.add(order(c, day));
        }
        if (!c.orders.isEmpty() && random.chance(0.02)) {
            out.add(refund(c, day));
        }
        String region = c.meters.get(0).region.isEmpty() ? "cn-north-4" : c.meters.get(0).region;
        if (day.getDayOfMonth() == 1 && c.monthlyFee > 0) {
            out.add(flat(c, at(day), "18", VPC_BANDWIDTH, region, "1", c.monthlyFee, transactionId(day)));
        }
        if (c.supportPlan && day.equals(day.with(TemporalAdjusters.lastDayOfMonth()))) {
            LocalDateTime at = day.atTime(23, 0).plusSeconds(random.nextInt(3_000));
            out.add(flat(c, at, "14", SUPPORT, "", "1", random.betweenLong(200_000, 2_000_000) * CENT, transactionId(day)));
        }
        if (c.savingsPlan && random.chance(0.12)) {
            out.add(flat(c, at(day), "23", EC2, region, "11", random.betweenLong(1_000, 50_000) * CENT, transactionId(day)));
        }
        if (random.chance(0.0006)) {
            Product p = random.pick(ORDER_PRODUCTS);
            out.add(flat(c, at(day), "13", p, region, "1", random.betweenLong(500, 20_000) * CENT, transactionId(day)));
        }
        if (random.chance(0.0008)) {
            boolean compensation = random.chance(0.5);
            long units = random.betweenLong(100, 50_000) * CENT;
            out.add(flat(c, at(day), compensation ? "9" : "16", EC2, region, "3", compensation ? -units : units,
                    transactionId(day)));
        }
    }

    private void scheduled(LocalDate day, List<SampleRecord> out) {
        for (SampleReference.MilestoneOrder m : SampleReference.MILESTONE_ORDERS) {
            if (m.at().toLocalDate().equals(day)) {
                CustomerProfile c = customers.get(m.customerId());
                SampleRecord r = record(c, m.at(), "1", BY_NAME.get(m.product()), m.region(), "1", m.orderId(), 2);
                cashOnly(r, c, m.cents() * CENT);
                out.add(r);
            }
        }
        CustomerProfile clawback = customers.get(SampleReference.CLAWBACK_CUSTOMER);
        if (day.equals(LocalDate.of(2026, 9, 5))) {
            SampleRecord r = record(clawback, LocalDateTime.of(2026, 9, 5, 14, 5, 12), "1", RDS, "cn-north-4", "1",
                    SampleReference.CLAWBACK_ORDER, 2);
            cashOnly(r, clawback, 3_600_000L * CENT);
            out.add(r);
        }
        if (day.equals(LocalDate.of(2026, 10, 13))) {
            SampleRecord r = record(clawback, LocalDateTime.of(2026, 10, 13, 10, 22, 40), "4", RDS, "cn-north-4", "1",
                    SampleReference.CLAWBACK_ORDER, 2);
            cashOnly(r, clawback, -3_000_000L * CENT);
            out.add(r);
        }
        for (CardPurchase p : CARD_PURCHASES) {
            if (p.at().toLocalDate().equals(day)) {
                CustomerProfile c = customers.get(p.customerId());
                SampleRecord r = record(c, p.at(), "1", CARD, "", "1", orderId(p.at()), 2);
                cashOnly(r, c, p.cents() * CENT);
                out.add(r);
                c.cardBalance += p.cents() * CENT;
                c.cardUsableFrom = day.plusDays(1);
            }
        }
        for (OneOff o : ONE_OFFS) {
            if (!o.at().toLocalDate().equals(day)) {
                continue;
            }
            CustomerProfile c = customers.get(o.customerId());
            String mode = o.billType().equals("103") ? "1" : "3";
            SampleRecord r = record(c, o.at(), o.billType(), o.product(), "cn-east-3", mode,
                    o.billType().equals("103") ? "" : transactionId(day), 2);
            long units = o.cents() * CENT;
            if (o.what().equals("write-off")) {
                // 欠费核销: a third of the bill settles earlier arrears, the rest is paid in cash
                long writeOff = units / 3 / CENT * CENT;
                r.setAmount(PAYMENT_AMOUNT, units);
                r.setAmount(WRITEOFF_AMOUNT, writeOff);
                r.setAmount(CASH_AMOUNT, units - writeOff);
                listPrice(r, c, units);
            } else {
                cashOnly(r, c, units);
            }
            out.add(r);
        }
    }

    private LocalDateTime at(LocalDate day) {
        return day.atStartOfDay().plusSeconds(random.nextInt(86_400));
    }

    SampleRecord usage(CustomerProfile c, Meter m, LocalDate day) {
        long units = switch (m.kind) {
            // a whole day of every instance, or one instance for part of the day (0.04375000 for one hour of the smallest VM)
            case HOURLY -> random.chance(0.8) ? m.price * m.count * 24
                    : m.price * (random.chance(0.3) ? 1 : random.between(2, 23));
            case DAILY -> m.price / CENT * random.between(70, 130) / 100 * CENT;
            case STORAGE -> m.price / 10_000 * random.between(80, 120) / 100 * 10_000;
            case TRAFFIC -> m.price / 100 * random.between(50, 150) / 100 * 100;
        };
        if (random.chance(0.005)) {
            units = 0; // free tier
        }
        SampleRecord r = record(c, at(day), m.billType, m.product, m.region, m.chargingMode, "", m.kind.scale);
        pay(r, c, units, false, day);
        return r;
    }

    private SampleRecord order(CustomerProfile c, LocalDate day) {
        String type = List.of("1", "2", "3", "8").get(random.weighted(40, 20, 10, 30));
        Product p = random.pick(ORDER_PRODUCTS);
        String region = REGIONS.get(random.weighted(50, 35, 15));
        long cents = switch (c.size) {
            case SMALL -> random.betweenLong(5_000, 200_000);
            case MEDIUM -> random.betweenLong(50_000, 1_500_000);
            case LARGE -> random.betweenLong(300_000, 6_000_000);
        };
        if (random.chance(0.6)) {
            cents = Math.max(100, cents / 100 * 100);
        }
        LocalDateTime at = at(day);
        String tradeId = orderId(at);
        SampleRecord r = record(c, at, type, p, region, "1", tradeId, 2);
        pay(r, c, cents * CENT, false, day);
        c.orders.add(new PastOrder(tradeId, p, region, cents * CENT));
        return r;
    }

    private SampleRecord refund(CustomerProfile c, LocalDate day) {
        String type = List.of("4", "20", "24", "100").get(random.weighted(50, 20, 15, 15));
        PastOrder o = random.pick(c.orders);
        long units = switch (type) {
            case "4" -> o.units() / CENT * random.between(10, 100) / 100 * CENT;
            case "20" -> o.units() / CENT * random.between(5, 40) / 100 * CENT;
            case "24" -> o.units() / CENT * random.between(20, 80) / 100 * CENT;
            default -> random.betweenLong(100, 5_000) * CENT;
        };
        units = Math.max(units, CENT);
        boolean negative = random.chance(0.6);
        SampleRecord r = record(c, at(day), type, o.product(), o.region(), "1", o.tradeId(), 2);
        pay(r, c, negative ? -units : units, true, day);
        return r;
    }

    private SampleRecord flat(CustomerProfile c, LocalDateTime at, String type, Product p, String region, String mode, long units,
            String tradeId) {
        SampleRecord r = record(c, at, type, p, region, mode, tradeId, 2);
        pay(r, c, units, units < 0, at.toLocalDate());
        return r;
    }

    SampleRecord record(CustomerProfile c, LocalDateTime at, String billType, Product p, String region, String chargingMode,
            String tradeId, int scale) {
        SampleRecord r = new SampleRecord();
        r.tradeTime = at;
        r.scale = scale;
        r.timeStyle = TimeStyle.values()[random.weighted(45, 35, 10, 10)];
        r.set(CUSTOMER_ID, c.id);
        r.set(BILL_DATE, at.toLocalDate().toString());
        r.set(BILL_CYCLE, at.toLocalDate().toString().substring(0, 7));
        r.set(BILL_DETAIL_TYPE, billType);
        r.set(SERVICE_TYPE_CODE, p.service());
        r.set(RESOURCE_TYPE_CODE, p.resource());
        r.set(REGION_CODE, p.regional() ? region : "");
        r.set(CHARGING_MODE, chargingMode);
        r.set(TRADE_ID, tradeId);
        r.set(CURRENCY, c.currency);
        r.set(REMARK, random.chance(0.85) ? "" : random.pick(REMARKS));
        return r;
    }

    /** Splits a payment over the eight parts the way the customer pays; a refund mirrors a payment's sign. */
    private void pay(SampleRecord r, CustomerProfile c, long payment, boolean refund, LocalDate day) {
        long q = SampleRecord.pow10(8 - r.scale);
        long rest = Math.abs(payment);
        long[] parts = new long[RecordColumn.PARTS.size()];
        if (c.coupons && rest > 0 && random.chance(0.3)) {
            parts[2] = portion(rest, random.between(20, 100), q);
            rest -= parts[2];
        }
        if (c.flexiCoupons && rest > 0 && random.chance(0.25)) {
            parts[3] = portion(rest, random.between(10, 60), q);
            rest -= parts[3];
        }
        if (!refund && c.cardBalance > 0 && c.cardUsableFrom != null && !day.isBefore(c.cardUsableFrom) && rest > 0) {
            parts[4] = Math.min(rest, c.cardBalance / q * q);
            c.cardBalance -= parts[4];
            rest -= parts[4];
        }
        if (c.bonus && rest > 0 && random.chance(0.1)) {
            parts[5] = portion(rest, random.between(5, 30), q);
            rest -= parts[5];
        }
        if (!refund && c.debt && rest > 0 && random.chance(0.12)) {
            parts[6] = portion(rest, random.between(30, 100), q);
            rest -= parts[6];
        }
        switch (c.funding) {
            case CASH -> parts[0] = rest;
            case CREDIT -> parts[1] = rest;
            case CREDIT_AND_CASH -> {
                if (random.chance(0.5)) {
                    parts[1] = portion(rest, random.between(40, 80), q);
                    parts[0] = rest - parts[1];
                } else {
                    parts[1] = rest;
                }
            }
        }
        long sign = payment < 0 ? -1 : 1;
        r.setAmount(PAYMENT_AMOUNT, payment);
        for (int i = 0; i < parts.length; i++) {
            r.setAmount(RecordColumn.PARTS.get(i), sign * parts[i]);
        }
        listPrice(r, c, payment);
    }

    private void cashOnly(SampleRecord r, CustomerProfile c, long payment) {
        r.setAmount(PAYMENT_AMOUNT, payment);
        r.setAmount(CASH_AMOUNT, payment);
        listPrice(r, c, payment);
    }

    private static void listPrice(SampleRecord r, CustomerProfile c, long payment) {
        long q = SampleRecord.pow10(8 - r.scale);
        long abs = Math.abs(payment);
        long official = abs * 100 / (100 - c.discountPercent) / q * q;
        long sign = payment < 0 ? -1 : 1;
        r.setAmount(OFFICIAL_AMOUNT, sign * official);
        r.setAmount(OFFICIAL_DISCOUNT_AMOUNT, sign * (official - abs));
    }

    private static long portion(long amount, int percent, long quantum) {
        return amount * percent / 100 / quantum * quantum;
    }

    private String orderId(LocalDateTime at) {
        StringBuilder b = new StringBuilder("CS").append(YYMMDD.format(at)).append(HHMM.format(at));
        for (int i = 0; i < 4; i++) {
            b.append((char) ('A' + random.nextInt(26)));
        }
        return b.toString();
    }

    private String transactionId(LocalDate day) {
        return "TX" + YYMMDDHHMMSS.format(day.atStartOfDay().plusSeconds(random.nextInt(86_400)))
                + String.format("%04d", random.nextInt(10_000));
    }

    /** A cash-paid hourly-or-daily EC2 usage record of a plain customer, near {@code neighbour}, with a fresh id. */
    SampleRecord lineNear(SampleRecord neighbour) {
        CustomerProfile c = random.pick(plainCustomers);
        LocalDateTime at = neighbour.tradeTime.plusSeconds(random.between(1, 59));
        if (!at.toLocalDate().equals(neighbour.tradeTime.toLocalDate())) {
            at = neighbour.tradeTime;
        }
        SampleRecord r = record(c, at, "5", EC2, REGIONS.get(random.weighted(50, 35, 15)), "3", "", 2);
        cashOnly(r, c, random.betweenLong(1_000, 50_000) * CENT);
        r.set(ID, nextId(at.toLocalDate()));
        return r;
    }

    CustomerProfile anotherPlainCustomer(String not) {
        CustomerProfile c;
        do {
            c = random.pick(plainCustomers);
        } while (c.id.equals(not));
        return c;
    }

    boolean isPlain(SampleRecord r) {
        CustomerProfile c = customers.get(r.customerId());
        return c != null && c.plain && r.billType().equals("5");
    }
}
