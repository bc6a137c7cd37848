package io.partnersettlement.sampledata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's reference data (SPEC section 3): twelve partners, 230 customers with their association history, account
 * managers, milestone orders, credit repayments, exchange rates and the bill-type table. Each deliberate case is noted
 * in plain words for the workspace README.
 */
final class SampleReference {

    static final String ENTITY_CN = "华为云计算技术有限公司";
    static final String ENTITY_HK = "Huawei Cloud Hong Kong Limited";
    static final int CUSTOMERS_IN_REFERENCE = 230;
    /** Customers with consumption: the 230 of customers.csv and four that are in no row of it. */
    static final int CONSUMERS = 234;

    record Partner(String id, String name, String tier, String currency, String method, String entity, String taxRate,
            String taxId) {
    }

    record Association(String customerId, String partnerId, String type, LocalDate from, LocalDate until) {
    }

    record Assignment(String customerId, String managerId, LocalDate on) {
    }

    record Milestone(String orderId, int no, String ratio, LocalDate setOn) {
    }

    /** A new-purchase order (bill type 1) that milestones.csv splits; its record is written into the inbox. */
    record MilestoneOrder(String orderId, String customerId, LocalDateTime at, String product, String region, long cents) {
    }

    record Repayment(String customerId, String billCycle, LocalDate repaidOn) {
    }

    record FxRate(String period, String from, String to, String rate) {
    }

    record BillType(String code, String billClass, boolean order, String label) {
    }

    static final List<Partner> PARTNERS = List.of(
            new Partner("P001", "北京云启科技有限公司", "CORE", "CNY", "BANK_TRANSFER", ENTITY_CN, "0.06", "91110108MA01C8KQ3X"),
            new Partner("P002", "上海数海信息技术有限公司", "LEADING", "CNY", "ACCOUNT", ENTITY_CN, "0.06", "91310115MA1K4B7N2P"),
            new Partner("P003", "深圳市鹏云网络科技有限公司", "PREFERRED", "CNY", "VOUCHER_QUOTA", ENTITY_CN, "0.06", "91440300MA5F2L9Q6E"),
            new Partner("P004", "杭州西溪数智科技有限公司", "STANDARD", "CNY", "ACCOUNT_INVOICE_OWED", ENTITY_CN, "0.03", "91330106MA2H7D1R4Y"),
            new Partner("P005", "广州南粤云服务有限公司", "LEADING", "CNY", "BANK_TRANSFER", ENTITY_CN, "0.13", "91440106MA9W3T6U8B"),
            new Partner("P006", "成都天府软件有限公司", "PREFERRED", "CNY", "ACCOUNT", ENTITY_CN, "0.06", "91510100MA6C5J2K7H"),
            new Partner("P007", "武汉光谷智算科技有限公司", "STANDARD", "CNY", "BANK_TRANSFER", ENTITY_CN, "0.03", "91420100MA4K8E3F1N"),
            new Partner("P008", "南京紫金云联信息技术有限公司", "CORE", "CNY", "ACCOUNT", ENTITY_CN, "0.06", "91320100MA1Y6P4G9D"),
            new Partner("P009", "香港海云数码科技有限公司", "LEADING", "USD", "BANK_TRANSFER", ENTITY_HK, "0", "HK74512368"),
            new Partner("P010", "中欧云桥科技(卢森堡)有限公司", "PREFERRED", "EUR", "BANK_TRANSFER", ENTITY_HK, "0", "LU28841357"),
            new Partner("P011", "西安丝路云科技有限公司", "STANDARD", "CNY", "VOUCHER_QUOTA", ENTITY_CN, "0.06", "91610131MA6TQ2W85K"),
            new Partner("P012", "厦门鹭岛信息科技有限公司", "PREFERRED", "CNY", "ACCOUNT_INVOICE_OWED", ENTITY_CN, "0.06", "91350200MA8N3R6X1C"));

    /** The contracting entities: the invoice each accepts, its tax wording, and where paper and electronic invoices go. */
    static final List<List<String>> ENTITIES = List.of(
            List.of(ENTITY_CN, "增值税专用发票 VAT special invoice", "贵州省贵安新区华为云数据中心 伙伴结算财务部 收 550025",
                    "partner-invoices-cn@huaweicloud.example",
                    "增值税税率 {partner_tax_rate}(伙伴税率)VAT at the partner tax rate {partner_tax_rate}"),
            List.of(ENTITY_HK, "Commercial invoice 商业发票", "Partner Settlement Finance, Huawei Cloud Hong Kong Limited, "
                    + "9/F Cyberport 3, 100 Cyberport Road, Hong Kong", "partner-invoices-hk@huaweicloud.example",
                    "No VAT: the invoice states the settlement amount, without tax 不含增值税"));

    /** Partners that take ordinary customers, with weights; P007 and P011 only get the few customers set below. */
    private static final List<String> ORDINARY_PARTNERS = List.of("P001", "P002", "P003", "P004", "P005", "P006", "P008",
            "P009", "P010", "P012");
    private static final int[] ORDINARY_WEIGHTS = {14, 13, 11, 8, 11, 9, 13, 4, 4, 7};
    private static final List<String> ASSOCIATION_TYPES = List.of("REFERRAL", "RESALE", "1", "2");

    static final List<String> MANAGER_NAMES = List.of("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄涛", "周婷",
            "吴强", "徐丽", "孙浩", "马超", "朱琳", "胡斌");

    static final Set<String> UNATTRIBUTED = Set.of("C00231", "C00232", "C00233", "C00234");
    static final Set<String> NO_MANAGER = Set.of("C00050", "C00120", "C00190");
    static final String FIRST_ASSOCIATED_IN_OCTOBER = "C00200";
    /** Customers billed in USD, and their partner. */
    static final Map<String, String> USD_CUSTOMERS = Map.of("C00017", "P009", "C00099", "P002");
    static final List<String> CREDIT_CUSTOMERS = List.of("C00005", "C00019", "C00033", "C00048", "C00062", "C00074",
            "C00091", "C00108", "C00122", "C00144", "C00166", "C00188");
    /** Credit customers that pay part of some bills in cash. */
    static final Set<String> CREDIT_AND_CASH = Set.of("C00062", "C00108", "C00166");
    /** Small customers of the two small partners: P007 stays under the minimum payout, P011 goes negative in October. */
    static final Map<String, String> SMALL_PARTNER_CUSTOMERS = new TreeMap<>(Map.of("C00206", "P007", "C00212", "P007",
            "C00218", "P007", "C00210", "P011", "C00215", "P011", "C00220", "P011"));
    /** The P011 customer whose large September order is mostly refunded in October. */
    static final String CLAWBACK_CUSTOMER = "C00215";
    static final String CLAWBACK_ORDER = "CS2609051405MXRA";

    static final List<MilestoneOrder> MILESTONE_ORDERS = List.of(
            new MilestoneOrder("CS2609031042KQHM", "C00003", LocalDateTime.of(2026, 9, 3, 10, 42, 17), "EC2", "cn-north-4",
                    18_600_000L),
            new MilestoneOrder("CS2609141630RWTB", "C00008", LocalDateTime.of(2026, 9, 14, 16, 30, 5), "RDS", "cn-east-3",
                    9_540_000L),
            new MilestoneOrder("CS2610081120HZPD", "C00014", LocalDateTime.of(2026, 10, 8, 11, 20, 44), "EC2", "cn-north-4",
                    6_480_000L),
            new MilestoneOrder("CS2610190915NVLC", "C00021", LocalDateTime.of(2026, 10, 19, 9, 15, 30), "EBS", "cn-east-3",
                    3_825_000L));
    private static final Map<String, String> MILESTONE_PARTNERS = Map.of("C00003", "P001", "C00008", "P008", "C00014", "P002",
            "C00021", "P005");

    static final List<Milestone> MILESTONES = List.of(
            new Milestone("CS2609031042KQHM", 1, "0.3", LocalDate.of(2026, 9, 28)),
            new Milestone("CS2609031042KQHM", 2, "0.3", LocalDate.of(2026, 12, 15)),
            new Milestone("CS2609141630RWTB", 1, "0.5", LocalDate.of(2026, 10, 12)),
            new Milestone("CS2609141630RWTB", 2, "0.5", LocalDate.of(2026, 10, 26)),
            new Milestone("CS2610081120HZPD", 1, "0.6", LocalDate.of(2026, 10, 22)),
            new Milestone("CS2610081120HZPD", 2, "0.5", LocalDate.of(2026, 10, 29)),
            new Milestone("CS2610190915NVLC", 1, "0.25", LocalDate.of(2026, 11, 5)));

    static final List<Repayment> REPAYMENTS = List.of(
            new Repayment("C00005", "2026-08", LocalDate.of(2026, 9, 18)),
            new Repayment("C00019", "2026-08", LocalDate.of(2026, 9, 18)),
            new Repayment("C00033", "2026-08", LocalDate.of(2026, 9, 20)),
            new Repayment("C00048", "2026-08", LocalDate.of(2026, 9, 20)),
            new Repayment("C00062", "2026-08", LocalDate.of(2026, 9, 25)),
            new Repayment("C00074", "2026-08", LocalDate.of(2026, 9, 25)),
            new Repayment("C00091", "2026-08", LocalDate.of(2026, 9, 28)),
            new Repayment("C00005", "2026-09", LocalDate.of(2026, 10, 20)),
            new Repayment("C00019", "2026-09", LocalDate.of(2026, 10, 20)),
            new Repayment("C00033", "2026-09", LocalDate.of(2026, 10, 20)),
            new Repayment("C00048", "2026-09", LocalDate.of(2026, 10, 20)),
            new Repayment("C00074", "2026-09", LocalDate.of(2026, 10, 20)),
            new Repayment("C00062", "2026-09", LocalDate.of(2026, 11, 12)),
            new Repayment("C00005", "2026-10", LocalDate.of(2026, 11, 20)),
            new Repayment("C00019", "2026-10", LocalDate.of(2026, 11, 20)));

    static final List<FxRate> FX_RATES = List.of(
            new FxRate("2026-09", "CNY", "USD", "0.1380"),
            new FxRate("2026-09", "CNY", "EUR", "0.1270"),
            new FxRate("2026-09", "USD", "CNY", "7.2400"),
            new FxRate("2026-10", "CNY", "USD", "0.1382"),
            new FxRate("2026-10", "CNY", "EUR", "0.1268"),
            new FxRate("2026-10", "USD", "CNY", "7.2360"));

    /** SPEC 4.1's default table; also the classpath default {@code defaults/bill-types.csv}. */
    static final List<BillType> BILL_TYPES = List.of(
            new BillType("1", "CONSUMPTION", true, "新购"),
            new BillType("2", "CONSUMPTION", true, "续订"),
            new BillType("3", "CONSUMPTION", true, "变更"),
            new BillType("5", "CONSUMPTION", false, "使用"),
            new BillType("8", "CONSUMPTION", true, "自动续订"),
            new BillType("12", "CONSUMPTION", false, "按时计费"),
            new BillType("13", "CONSUMPTION", false, "退订手续费"),
            new BillType("14", "CONSUMPTION", false, "服务支持计划月末扣费"),
            new BillType("18", "CONSUMPTION", false, "按月付费"),
            new BillType("103", "CONSUMPTION", false, "按年付费"),
            new BillType("4", "REFUND", true, "退款-退订"),
            new BillType("20", "REFUND", false, "退款-变更"),
            new BillType("24", "REFUND", false, "退款-包年/包月转按需"),
            new BillType("100", "REFUND", false, "退款-退订税金"),
            new BillType("9", "EXCLUDED", false, "调账-补偿"),
            new BillType("16", "EXCLUDED", false, "调账-扣费"),
            new BillType("23", "EXCLUDED", false, "节省计划抵扣"),
            new BillType("101", "EXCLUDED", false, "调账"),
            new BillType("102", "EXCLUDED", false, "调账"));

    /** Names that must survive CSV quoting and never run as a spreadsheet formula. */
    private static final Map<String, String> SPECIAL_NAMES = new TreeMap<>(Map.of(
            "C00042", "+86云联科技有限公司",
            "C00064", "Bright Harbor Trading Co., Ltd.",
            "C00077", "=HYPERLINK(\"https://example.com\",\"领取奖励\")",
            "C00097", "Lumen Analytics Pte. Ltd.",
            "C00112", "北京\"小蜜蜂\"网络科技有限公司",
            "C00135", "@星云数字工作室",
            "C00160", "-零点科技工作室"));

    private static final List<String> CITIES = List.of("北京", "上海", "深圳", "杭州", "广州", "成都", "武汉", "南京", "苏州",
            "西安", "重庆", "天津", "长沙", "合肥", "青岛", "厦门", "郑州", "济南", "宁波", "福州", "昆明", "沈阳");
    private static final List<String> WORDS = List.of("星河", "云帆", "智汇", "博远", "安信", "恒通", "汇德", "鼎盛", "华信",
            "宏图", "锦程", "天成", "瑞丰", "凯越", "中科", "新元", "启明", "嘉禾", "明德", "远航", "青禾", "蓝鲸", "极光", "数联",
            "海纳", "同创", "易达", "优品", "悦动", "知行");
    private static final List<String> TRADES = List.of("科技", "网络科技", "信息技术", "数据服务", "电子商务", "物流",
            "医疗科技", "教育科技", "文化传媒", "智能制造", "软件", "供应链管理", "游戏", "金融信息服务", "新能源科技");
    private static final List<String> FORMS = List.of("有限公司", "有限公司", "有限公司", "股份有限公司");

    final Map<String, String> customerNames = new LinkedHashMap<>();
    final List<Association> associations = new ArrayList<>();
    final List<Assignment> assignments = new ArrayList<>();
    /** Customers whose every day matters to a case: they consume every day on every meter. */
    final Set<String> watched = new LinkedHashSet<>();
    /** Plain-words notes per reference file, for the README. */
    final Map<String, List<String>> cases = new LinkedHashMap<>();

    private final SeededRandom random;

    private SampleReference(long seed) {
        this.random = new SeededRandom(seed);
    }

    static SampleReference build(long seed) {
        SampleReference r = new SampleReference(seed);
        r.nameCustomers();
        r.associateCustomers();
        r.assignManagers();
        r.noteOtherCases();
        return r;
    }

    static String customerId(int n) {
        return String.format("C%05d", n);
    }

    static String managerId(int index) {
        return String.format("M%02d", index + 1);
    }

    private void nameCustomers() {
        Set<String> used = new HashSet<>(SPECIAL_NAMES.values());
        for (int n = 1; n <= CUSTOMERS_IN_REFERENCE; n++) {
            String name;
            do {
                name = random.pick(CITIES) + random.pick(WORDS) + random.pick(TRADES) + random.pick(FORMS);
            } while (!used.add(name));
            customerNames.put(customerId(n), SPECIAL_NAMES.getOrDefault(customerId(n), name));
        }
    }

    private void associateCustomers() {
        Map<String, List<Association>> special = new TreeMap<>();
        List<String> switchNotes = new ArrayList<>();
        // partner switches (SPEC 5: cooling-off for associations starting on or after 2026-01-01, 6 months)
        switchCustomer(special, switchNotes, "C00011", "REFERRAL", "P003", "2025-04-10", "P007", "2026-08-16",
                "all of its September and October records are COOLING_OFF for P007");
        switchCustomer(special, switchNotes, "C00024", "RESALE", "P001", "2025-02-01", "P008", "2026-09-15",
                "09-01..09-14 count for P001, from 09-15 COOLING_OFF for P008");
        switchCustomer(special, switchNotes, "C00037", "1", "P002", "2025-06-20", "P005", "2026-10-12",
                "September and 10-01..10-11 count for P002, from 10-12 COOLING_OFF for P005");
        switchCustomer(special, switchNotes, "C00045", "REFERRAL", "P006", "2025-01-05", "P003", "2026-03-31",
                "month-end clamp: 03-31 + 6 months = 09-30, so records up to 09-29 are COOLING_OFF and from 09-30 count for P003");
        switchCustomer(special, switchNotes, "C00058", "2", "P004", "2025-07-01", "P002", "2026-02-16",
                "cooling-off ended before September: every record counts for P002");
        switchCustomer(special, switchNotes, "C00066", "REFERRAL", "P005", "2025-03-15", "P001", "2025-11-20",
                "the switch predates 2026-01-01, when the cooling-off rule starts: no cooling-off, every record counts for P001");
        switchCustomer(special, switchNotes, "C00079", "RESALE", "P008", "2025-05-05", "P006", "2026-09-01",
                "switches on the first day of the sample: every record is COOLING_OFF for P006");
        switchCustomer(special, switchNotes, "C00095", "RESALE", "P009", "2025-08-08", "P001", "2026-08-31",
                "month-end clamp: 08-31 + 6 months = 2027-02-28; every record is COOLING_OFF for P001");
        switchCustomer(special, switchNotes, "C00126", "REFERRAL", "P010", "2025-10-10", "P012", "2026-10-20",
                "September and 10-01..10-19 count for P010 (EUR partner), from 10-20 COOLING_OFF for P012");
        switchCustomer(special, switchNotes, "C00139", "2", "P001", "2025-06-01", "P011", "2026-01-01",
                "the new association starts exactly on 2026-01-01, so cooling-off applies, but it ended on 2026-07-01: every record counts for P011");
        // back to the first partner: P002 -> P005 -> P002
        special.put("C00087", List.of(
                association("C00087", "P002", "REFERRAL", "2025-03-01", "2026-03-10"),
                association("C00087", "P005", "REFERRAL", "2026-03-10", "2026-09-12"),
                association("C00087", "P002", "REFERRAL", "2026-09-12", null)));
        switchNotes.add("C00087 moves P002 -> P005 on 2026-03-10 and back to P002 on 2026-09-12. Both are switches: P005 is "
                + "cooling-off until 2026-09-10 (records 09-01..09-09 COOLING_OFF, 09-10 and 09-11 count for P005), P002 is "
                + "cooling-off from 09-12 until 2027-03-12.");
        // a gap between two partners: unattributed in between, then a switch
        special.put("C00103", List.of(
                association("C00103", "P006", "1", "2025-09-01", "2026-09-10"),
                association("C00103", "P008", "1", "2026-09-20", null)));
        switchNotes.add("C00103 leaves P006 on 2026-09-10 and joins P008 on 2026-09-20: 09-01..09-09 count for P006, "
                + "09-10..09-19 are UNATTRIBUTED, from 09-20 COOLING_OFF for P008 (until 2027-03-20) - a gap does not make it a first association.");
        // back to the same partner after a gap: not a switch
        special.put("C00118", List.of(
                association("C00118", "P004", "REFERRAL", "2025-04-01", "2026-07-01"),
                association("C00118", "P004", "REFERRAL", "2026-09-05", null)));
        switchNotes.add("C00118 leaves P004 on 2026-07-01 and comes back to P004 on 2026-09-05: not a switch (same partner), "
                + "so no cooling-off; 09-01..09-04 are UNATTRIBUTED, from 09-05 everything counts for P004.");

        List<String> leaveNotes = new ArrayList<>();
        leave(special, leaveNotes, "C00131", "P001", "REFERRAL", "2025-03-03", "2026-09-16");
        leave(special, leaveNotes, "C00142", "P002", "RESALE", "2025-05-12", "2026-09-23");
        leave(special, leaveNotes, "C00150", "P005", "1", "2025-02-20", "2026-10-09");
        leave(special, leaveNotes, "C00157", "P008", "2", "2025-06-30", "2026-10-18");
        leave(special, leaveNotes, "C00163", "P003", "REFERRAL", "2025-01-15", "2026-09-08");
        leave(special, leaveNotes, "C00171", "P006", "RESALE", "2025-08-01", "2026-10-27");
        leave(special, leaveNotes, "C00178", "P012", "REFERRAL", "2025-04-25", "2026-10-05");
        leave(special, leaveNotes, "C00185", "P009", "RESALE", "2025-07-07", "2026-09-28");

        special.put(FIRST_ASSOCIATED_IN_OCTOBER, List.of(
                association(FIRST_ASSOCIATED_IN_OCTOBER, "P002", "REFERRAL", "2026-10-15", null)));

        Map<String, String> pinned = new TreeMap<>(SMALL_PARTNER_CUSTOMERS);
        pinned.putAll(USD_CUSTOMERS);
        pinned.putAll(MILESTONE_PARTNERS);
        for (int n = 1; n <= CUSTOMERS_IN_REFERENCE; n++) {
            String id = customerId(n);
            List<Association> rows = special.get(id);
            if (rows != null) {
                associations.addAll(rows);
                watched.add(id);
                continue;
            }
            String partner = pinned.containsKey(id) ? pinned.get(id)
                    : ORDINARY_PARTNERS.get(random.weighted(ORDINARY_WEIGHTS));
            String type = id.equals(CLAWBACK_CUSTOMER) ? "RESALE"
                    : SMALL_PARTNER_CUSTOMERS.containsKey(id) ? "REFERRAL"
                    : ASSOCIATION_TYPES.get(random.weighted(35, 35, 15, 15));
            LocalDate from = random.chance(0.8)
                    ? LocalDate.of(2025, 1, 2).plusDays(random.nextInt(360))
                    : LocalDate.of(2026, 1, 5).plusDays(random.nextInt(200));
            if (pinned.containsKey(id)) {
                from = LocalDate.of(2025, 1, 2).plusDays(random.nextInt(360));
                watched.add(id);
            }
            associations.add(new Association(id, partner, type, from, null));
        }

        List<String> notes = new ArrayList<>();
        notes.add("230 customers C00001..C00230, one row per association period; association_type mixes REFERRAL, RESALE, "
                + "1 and 2. Most have one open association that started in 2025 or in the first half of 2026 (a first "
                + "association, never a switch).");
        notes.add("Partner switches (a row with dissociated_on, then a row with another partner):");
        switchNotes.forEach(s -> notes.add("  - " + s));
        notes.add("Dissociated mid-month without a new partner (records from that day on are UNATTRIBUTED):");
        leaveNotes.forEach(s -> notes.add("  - " + s));
        notes.add(FIRST_ASSOCIATED_IN_OCTOBER + " is first associated (with P002, REFERRAL) on 2026-10-15: records before are "
                + "UNATTRIBUTED, from 10-15 they count for P002 (a first association is never a switch, no cooling-off).");
        notes.add("C00231, C00232, C00233 and C00234 are in no row: all their records are UNATTRIBUTED.");
        notes.add("P007 has only C00011 (cooling-off) and three small customers C00206, C00212, C00218: its incentive stays "
                + "under the 1,000 minimum payout of BANK_TRANSFER, so it is carried out.");
        notes.add("P011 has C00139 and three small customers C00210, C00215, C00220; C00215 (RESALE) buys order "
                + CLAWBACK_ORDER + " for 36,000.00 on 2026-09-05 and has 30,000.00 of it refunded (bill type 4) on "
                + "2026-10-13, so P011's October performance and incentive are negative (a clawback).");
        notes.add("USD consumption: C00017 (partner P009, settles in USD) and C00099 (partner P002, settles in CNY: USD->CNY).");
        notes.add("Names that look like formulas or need CSV quoting: " + String.join(", ",
                SPECIAL_NAMES.entrySet().stream().map(e -> e.getKey() + " `" + e.getValue() + "`").toList()) + ".");
        cases.put("customers.csv", notes);
    }

    private void switchCustomer(Map<String, List<Association>> special, List<String> notes, String customer, String type,
            String fromPartner, String since, String toPartner, String on, String effect) {
        special.put(customer, List.of(association(customer, fromPartner, type, since, on),
                association(customer, toPartner, type, on, null)));
        LocalDate switchDay = LocalDate.parse(on);
        String coolingOff = switchDay.isBefore(LocalDate.of(2026, 1, 1)) ? "no cooling-off (before 2026-01-01)"
                : "cooling-off until " + switchDay.plusMonths(6);
        notes.add(customer + " switches from " + fromPartner + " to " + toPartner + " on " + on + " (" + coolingOff + "): "
                + effect + ".");
    }

    private void leave(Map<String, List<Association>> special, List<String> notes, String customer, String partner,
            String type, String since, String until) {
        special.put(customer, List.of(association(customer, partner, type, since, until)));
        notes.add(customer + " leaves " + partner + " on " + until + ": records up to "
                + LocalDate.parse(until).minusDays(1) + " count for " + partner + ", from " + until + " UNATTRIBUTED.");
    }

    private static Association association(String customer, String partner, String type, String from, String until) {
        return new Association(customer, partner, type, LocalDate.parse(from), until == null ? null : LocalDate.parse(until));
    }

    private void assignManagers() {
        Map<String, Integer> current = new LinkedHashMap<>();
        for (int n = 1; n <= CUSTOMERS_IN_REFERENCE; n++) {
            String id = customerId(n);
            if (NO_MANAGER.contains(id) || id.equals(FIRST_ASSOCIATED_IN_OCTOBER)) {
                continue;
            }
            int manager = random.nextInt(MANAGER_NAMES.size());
            current.put(id, manager);
            assignments.add(new Assignment(id, managerId(manager), LocalDate.of(2025, 1, 2).plusDays(random.nextInt(350))));
        }
        assignments.add(new Assignment(FIRST_ASSOCIATED_IN_OCTOBER, managerId(6), LocalDate.of(2026, 10, 15)));
        List<String> reassignmentNotes = new ArrayList<>();
        Object[][] reassignments = {
                {"2026-08-31", new String[] {"C00002", "C00030"}},
                {"2026-09-15", new String[] {"C00006", "C00012", "C00024", "C00027", "C00041", "C00056", "C00068", "C00083"}},
                {"2026-09-30", new String[] {"C00090", "C00101"}},
                {"2026-10-10", new String[] {"C00009", "C00012", "C00038", "C00072", "C00110", "C00128", "C00147", "C00176"}},
                {"2026-10-31", new String[] {"C00195"}}};
        for (Object[] group : reassignments) {
            LocalDate on = LocalDate.parse((String) group[0]);
            for (String customer : (String[]) group[1]) {
                int before = current.get(customer);
                int after = (before + 1 + random.nextInt(MANAGER_NAMES.size() - 1)) % MANAGER_NAMES.size();
                current.put(customer, after);
                assignments.add(new Assignment(customer, managerId(after), on));
                watched.add(customer);
                reassignmentNotes.add(customer + ": " + managerId(before) + " -> " + managerId(after) + " on " + on
                        + " (the new manager gets records from " + on.plusDays(1) + ")");
            }
        }
        assignments.sort(Comparator.comparing(Assignment::customerId).thenComparing(Assignment::on));
        watched.add(FIRST_ASSOCIATED_IN_OCTOBER);

        List<String> notes = new ArrayList<>();
        notes.add("15 managers M01..M15. Every customer of customers.csv gets an initial assignment in 2025, except:");
        notes.add("  - C00050, C00120 and C00190 have no assignment at all: their records are UNASSIGNED;");
        notes.add("  - " + FIRST_ASSOCIATED_IN_OCTOBER + " is assigned to " + managerId(6)
                + " on 2026-10-15: its records up to 10-15 are UNASSIGNED, from 10-16 they are " + managerId(6) + "'s.");
        notes.add("A manager's records start the day after assigned_on. " + reassignmentNotes.size()
                + " re-assignments (C00012 twice; C00024 on the day it switches partner):");
        reassignmentNotes.forEach(s -> notes.add("  - " + s));
        cases.put("account-managers.csv", notes);
    }

    private void noteOtherCases() {
        cases.put("partners.csv", List.of(
                "12 partners P001..P012 covering every tier (CORE P001 P008; LEADING P002 P005 P009; PREFERRED P003 P006 "
                        + "P010 P012; STANDARD P004 P007 P011) and every disbursement method (BANK_TRANSFER P001 P005 P007 "
                        + "P009 P010; ACCOUNT P002 P006 P008; VOUCHER_QUOTA P003 P011; ACCOUNT_INVOICE_OWED P004 P012).",
                "P009 settles in USD and P010 in EUR (fx-rates.csv); both contract with `" + ENTITY_HK
                        + "`, all others with `" + ENTITY_CN + "`.",
                "partner_tax_rate 0.06 except P004 and P007 (0.03, small-scale taxpayers), P005 (0.13), and P009 and "
                        + "P010 (0: invoiced to the Hong Kong entity, without VAT)."));
        cases.put("contracting-entities.csv", List.of(
                "`" + ENTITY_CN + "` takes a VAT special invoice (增值税专用发票) at the partner's tax rate; `" + ENTITY_HK
                        + "` a commercial invoice without VAT. Each names its mailing address (paper invoices, mailed "
                        + "with the printed list) and its public mailbox (electronic invoices, sent with the list); an "
                        + "entity not listed takes the settlement.invoice-type, -mailing-address, -public-mailbox and "
                        + "-tax-wording defaults."));
        cases.put("milestones.csv", List.of(
                "CS2609031042KQHM (C00003 / P001, new purchase of 186,000.00 on 2026-09-03): 0.3 set 2026-09-28, "
                        + "0.3 set 2026-12-15 (in the future for the sample months: only the first split happens).",
                "CS2609141630RWTB (C00008 / P008, 95,400.00 on 2026-09-14): 0.5 set 2026-10-12 and 0.5 set 2026-10-26: "
                        + "fully released by 2026-10-26 (the parent ends RELEASED).",
                "CS2610081120HZPD (C00014 / P002, 64,800.00 on 2026-10-08): 0.6 set 2026-10-22 and 0.5 set 2026-10-29: "
                        + "from business date 2026-10-29 the effective ratios add up to 1.1 > 1, so the order is invalid "
                        + "(no children, stays frozen, named with exit code 3); on 10-22..10-28 only the 0.6 is effective.",
                "CS2610190915NVLC (C00021 / P005, 38,250.00 on 2026-10-19): one row 0.25 set 2026-11-05 (after the sample "
                        + "months; a run with a business date before it splits nothing)."));
        cases.put("credit-repayments.csv", List.of(
                "Credit customers: " + String.join(", ", CREDIT_CUSTOMERS) + " (C00062, C00108 and C00166 pay part of "
                        + "some bills in cash).",
                "2026-09 repaid on 2026-10-20: C00005, C00019, C00033, C00048, C00074; repaid late on 2026-11-12: C00062; "
                        + "never repaid: C00091, C00108, C00122, C00144, C00166, C00188.",
                "2026-10 repaid on 2026-11-20: C00005, C00019; the rest are unpaid. 2026-08 rows are history."));
        cases.put("fx-rates.csv", List.of(
                "2026-09: CNY->USD 0.1380, CNY->EUR 0.1270, USD->CNY 7.2400; 2026-10: CNY->USD 0.1382, CNY->EUR 0.1268, "
                        + "USD->CNY 7.2360 (no USD->EUR: no USD customer is attributed to the EUR partner P010)."));
        cases.put("bill-types.csv", List.of(
                "SPEC 4.1's default table (same content as the classpath default defaults/bill-types.csv)."));
    }

    void writeTo(Path referenceDir) throws IOException {
        Files.createDirectories(referenceDir);
        List<String> lines = new ArrayList<>();
        lines.add("partner_id,partner_name,tier,settlement_currency,disbursement_method,contracting_entity,partner_tax_rate,tax_id");
        for (Partner p : PARTNERS) {
            lines.add(CsvText.line(List.of(p.id(), p.name(), p.tier(), p.currency(), p.method(), p.entity(), p.taxRate(),
                    p.taxId())));
        }
        write(referenceDir.resolve("partners.csv"), lines);

        lines = new ArrayList<>();
        lines.add("contracting_entity,invoice_type,mailing_address,public_mailbox,tax_wording");
        for (List<String> entity : ENTITIES) {
            lines.add(CsvText.line(entity));
        }
        write(referenceDir.resolve("contracting-entities.csv"), lines);

        lines = new ArrayList<>();
        lines.add("customer_id,customer_name,partner_id,association_type,associated_on,dissociated_on");
        for (Association a : associations) {
            lines.add(CsvText.line(List.of(a.customerId(), customerNames.get(a.customerId()), a.partnerId(), a.type(),
                    a.from().toString(), a.until() == null ? "" : a.until().toString())));
        }
        write(referenceDir.resolve("customers.csv"), lines);

        lines = new ArrayList<>();
        lines.add("customer_id,manager_id,manager_name,assigned_on");
        for (Assignment a : assignments) {
            int index = Integer.parseInt(a.managerId().substring(1)) - 1;
            lines.add(CsvText.line(List.of(a.customerId(), a.managerId(), MANAGER_NAMES.get(index), a.on().toString())));
        }
        write(referenceDir.resolve("account-managers.csv"), lines);

        lines = new ArrayList<>();
        lines.add("order_id,milestone_no,unfreeze_ratio,set_on");
        for (Milestone m : MILESTONES) {
            lines.add(CsvText.line(List.of(m.orderId(), Integer.toString(m.no()), m.ratio(), m.setOn().toString())));
        }
        write(referenceDir.resolve("milestones.csv"), lines);

        lines = new ArrayList<>();
        lines.add("customer_id,bill_cycle,repaid_on");
        for (Repayment r : REPAYMENTS) {
            lines.add(CsvText.line(List.of(r.customerId(), r.billCycle(), r.repaidOn().toString())));
        }
        write(referenceDir.resolve("credit-repayments.csv"), lines);

        lines = new ArrayList<>();
        lines.add("period,from_currency,to_currency,rate");
        for (FxRate f : FX_RATES) {
            lines.add(CsvText.line(List.of(f.period(), f.from(), f.to(), f.rate())));
        }
        write(referenceDir.resolve("fx-rates.csv"), lines);

        Files.writeString(referenceDir.resolve("bill-types.csv"), billTypesCsv(), StandardCharsets.UTF_8);
    }

    static String billTypesCsv() {
        StringBuilder b = new StringBuilder("bill_type,bill_class,is_order,label\n");
        for (BillType t : BILL_TYPES) {
            b.append(CsvText.line(List.of(t.code(), t.billClass(), Boolean.toString(t.order()), t.label()))).append('\n');
        }
        return b.toString();
    }

    String billClass(String code) {
        for (BillType t : BILL_TYPES) {
            if (t.code().equals(code)) {
                return t.billClass();
            }
        }
        return "UNCLASSIFIED";
    }

    static void write(Path file, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
