package io.partnersettlement.reference;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.partnersettlement.reference.ReferenceModel.AssociationType;
import io.partnersettlement.reference.ReferenceModel.BillClass;
import io.partnersettlement.reference.ReferenceModel.BillType;
import io.partnersettlement.reference.ReferenceModel.ContractingEntity;
import io.partnersettlement.reference.ReferenceModel.CreditRepayment;
import io.partnersettlement.reference.ReferenceModel.CustomerAssociation;
import io.partnersettlement.reference.ReferenceModel.DisbursementMethod;
import io.partnersettlement.reference.ReferenceModel.FxRate;
import io.partnersettlement.reference.ReferenceModel.ManagerAssignment;
import io.partnersettlement.reference.ReferenceModel.Milestone;
import io.partnersettlement.reference.ReferenceModel.Partner;
import io.partnersettlement.reference.ReferenceModel.PolicyRate;
import io.partnersettlement.reference.ReferenceModel.ReferenceData;
import io.partnersettlement.reference.ReferenceModel.Tier;

/**
 * Reads and validates every file of {@code reference/}. Either everything is usable or a
 * {@link ReferenceDataException} lists each problem with file, line and reason; nothing is half read.
 */
public final class ReferenceDataLoader {

    public static final String BILL_TYPES_FILE = "bill-types.csv";
    /** A partner id is part of its statement's id, {@code ST-<YYYYMM>-<partner>}, kept in 40 characters. */
    static final int PARTNER_ID_LENGTH = 30;
    public static final String POLICY_FILE = "incentive-policy.csv";
    public static final String NO_REBATE_FILE = "no-rebate-services.csv";
    public static final String CONTRACTING_ENTITIES_FILE = "contracting-entities.csv";

    private final PartnerSwitchCoolingOff coolingOff;
    private final List<String> storedValueCardServices;

    public ReferenceDataLoader(PartnerSwitchCoolingOff coolingOff, List<String> storedValueCardServices) {
        this.coolingOff = coolingOff;
        this.storedValueCardServices = List.copyOf(storedValueCardServices);
    }

    public ReferenceData load(Path referenceDir) {
        List<String> problems = new ArrayList<>();
        // every partner id listed, valid row or not: a customer of a partner whose own row is wrong is not reported
        // as a customer of an unknown partner on top of that row's problem
        Set<String> partnerIds = new HashSet<>();
        List<Partner> partners = readPartners(referenceDir, problems, partnerIds);
        List<CustomerAssociation> associations = readAssociations(referenceDir, partnerIds, problems);
        List<ManagerAssignment> managers = readManagers(referenceDir, problems);
        List<Milestone> milestones = readMilestones(referenceDir, problems);
        List<CreditRepayment> repayments = readRepayments(referenceDir, problems);
        List<FxRate> fxRates = readFxRates(referenceDir, problems);
        List<BillType> billTypes = readBillTypes(referenceDir, problems);
        List<PolicyRate> policy = readPolicy(referenceDir, problems);
        List<String> noRebate = readNoRebateServices(referenceDir, problems);
        List<ContractingEntity> entities = readContractingEntities(referenceDir, problems);
        if (!problems.isEmpty()) {
            throw new ReferenceDataException(problems);
        }
        return new ReferenceData(partners, associations, managers, milestones, repayments, fxRates, billTypes,
                storedValueCardServices, policy, noRebate, entities);
    }

    /**
     * A partner may have several rows, each holding from its {@code effective_from} on; its earliest row also holds for
     * every period before it. Answers the rows by partner and then by first period.
     */
    private static List<Partner> readPartners(Path dir, List<String> problems, Set<String> seen) {
        Map<String, TreeMap<String, Partner>> byPartner = new LinkedHashMap<>();
        Map<String, Long> lines = new HashMap<>();
        new ReferenceCsv("reference/partners.csv", problems, Map.of("partner_id", PARTNER_ID_LENGTH, "partner_name", 400,
                "contracting_entity", 400, "tax_id", 64)).read(dir.resolve("partners.csv"), true,
                List.of("partner_id", "partner_name", "tier", "settlement_currency", "disbursement_method",
                        "contracting_entity", "partner_tax_rate", "tax_id"),
                row -> {
                    String id = row.required("partner_id");
                    String name = row.required("partner_name");
                    Tier tier = row.choice("tier", Tier.class);
                    String currency = currency(row, "settlement_currency");
                    DisbursementMethod method = row.choice("disbursement_method", DisbursementMethod.class);
                    String entity = row.required("contracting_entity");
                    BigDecimal taxRate = row.decimal("partner_tax_rate", 9, 6);
                    String from = row.effectiveFrom();
                    if (taxRate != null && (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.ONE) >= 0)) {
                        row.problem("partner_tax_rate " + taxRate.toPlainString() + " is not a rate between 0 and 1");
                    }
                    if (id != null) {
                        seen.add(id);
                        Long earlier = from == null ? null : lines.putIfAbsent(id + "#" + from, row.line());
                        if (earlier != null) {
                            row.problem("partner " + id + " is listed twice"
                                    + (from.equals(ReferenceModel.ALWAYS) ? "" : " from " + from)
                                    + " (also line " + earlier + ")");
                        }
                    }
                    if (!row.bad()) {
                        byPartner.computeIfAbsent(id, k -> new TreeMap<>()).put(from,
                                new Partner(id, name, tier, currency, method, entity, taxRate, row.text("tax_id"), from));
                    }
                });
        List<Partner> result = new ArrayList<>();
        for (var rows : byPartner.values()) {
            // the earliest row holds from the beginning: every period has the partner's terms
            result.add(rows.firstEntry().getValue().from(ReferenceModel.ALWAYS));
            rows.tailMap(rows.firstKey(), false).values().forEach(result::add);
        }
        return result;
    }

    private List<CustomerAssociation> readAssociations(Path dir, Set<String> partnerIds, List<String> problems) {
        Map<String, List<CustomerAssociation>> byCustomer = new LinkedHashMap<>();
        new ReferenceCsv("reference/customers.csv", problems, Map.of("customer_id", 64, "customer_name", 400,
                "partner_id", PARTNER_ID_LENGTH)).read(dir.resolve("customers.csv"), true,
                List.of("customer_id", "customer_name", "partner_id", "association_type", "associated_on", "dissociated_on"),
                row -> {
                    String customer = row.required("customer_id");
                    String partner = row.required("partner_id");
                    String typeText = row.required("association_type");
                    AssociationType type = typeText == null ? null : AssociationType.parse(typeText);
                    if (typeText != null && type == null) {
                        row.problem("association_type '" + typeText + "' is not 1/REFERRAL or 2/RESALE");
                    }
                    LocalDate from = row.date("associated_on", true);
                    LocalDate until = row.date("dissociated_on", false);
                    if (from != null && until != null && !until.isAfter(from)) {
                        row.problem("dissociated_on " + until + " is not after associated_on " + from);
                    }
                    if (partner != null && !partnerIds.isEmpty() && !partnerIds.contains(partner)) {
                        row.problem("partner " + partner + " is not in partners.csv");
                    }
                    if (!row.bad()) {
                        byCustomer.computeIfAbsent(customer, k -> new ArrayList<>()).add(new CustomerAssociation(customer,
                                row.text("customer_name"), partner, type, from, until, null, row.line()));
                    }
                });
        List<CustomerAssociation> result = new ArrayList<>();
        for (List<CustomerAssociation> history : byCustomer.values()) {
            history.sort(Comparator.comparing(CustomerAssociation::associatedOn));
            for (int i = 1; i < history.size(); i++) {
                CustomerAssociation before = history.get(i - 1);
                CustomerAssociation after = history.get(i);
                if (after.partnerId().equals(before.partnerId()) && after.type() == before.type()
                        && after.associatedOn().equals(before.associatedOn())
                        && Objects.equals(after.dissociatedOn(), before.dissociatedOn())) {
                    problems.add("reference/customers.csv line " + after.line() + ": association of " + after.customerId()
                            + " with " + after.partnerId() + " from " + after.associatedOn() + " repeats line " + before.line());
                } else if (before.dissociatedOn() == null || after.associatedOn().isBefore(before.dissociatedOn())) {
                    problems.add("reference/customers.csv line " + after.line() + ": association of " + after.customerId()
                            + " with " + after.partnerId() + " from " + after.associatedOn() + " overlaps line "
                            + before.line() + " (with " + before.partnerId() + " from " + before.associatedOn()
                            + (before.dissociatedOn() == null ? ", never dissociated)" : " until " + before.dissociatedOn() + ")"));
                }
            }
            result.addAll(coolingOff.apply(history));
        }
        return result;
    }

    private static List<ManagerAssignment> readManagers(Path dir, List<String> problems) {
        Map<String, List<ManagerAssignment>> byCustomer = new LinkedHashMap<>();
        new ReferenceCsv("reference/account-managers.csv", problems, Map.of("customer_id", 64, "manager_id", 64,
                "manager_name", 400)).read(dir.resolve("account-managers.csv"), false,
                List.of("customer_id", "manager_id", "manager_name", "assigned_on"),
                row -> {
                    String customer = row.required("customer_id");
                    String manager = row.required("manager_id");
                    LocalDate on = row.date("assigned_on", true);
                    if (!row.bad()) {
                        byCustomer.computeIfAbsent(customer, k -> new ArrayList<>()).add(
                                new ManagerAssignment(customer, manager, row.text("manager_name"), on, null, null, row.line()));
                    }
                });
        List<ManagerAssignment> result = new ArrayList<>();
        for (List<ManagerAssignment> list : byCustomer.values()) {
            list.sort(Comparator.comparing(ManagerAssignment::assignedOn));
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).assignedOn().equals(list.get(i - 1).assignedOn())) {
                    problems.add("reference/account-managers.csv line " + list.get(i).line() + ": " + list.get(i).customerId()
                            + " is assigned twice on " + list.get(i).assignedOn() + " (also line " + list.get(i - 1).line() + ")");
                }
            }
            result.addAll(AccountManagerTimeline.effectiveRanges(list));
        }
        return result;
    }

    private static List<Milestone> readMilestones(Path dir, List<String> problems) {
        List<Milestone> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        new ReferenceCsv("reference/milestones.csv", problems, Map.of("order_id", 128)).read(dir.resolve("milestones.csv"), false,
                List.of("order_id", "milestone_no", "unfreeze_ratio", "set_on"),
                row -> {
                    String order = row.required("order_id");
                    String noText = row.required("milestone_no");
                    Integer no = null;
                    if (noText != null) {
                        if (noText.matches("\\d{1,9}")) {
                            no = Integer.valueOf(noText);
                        } else {
                            row.problem("milestone_no '" + noText + "' is not a whole number");
                        }
                    }
                    BigDecimal ratio = row.decimal("unfreeze_ratio", 12, 8);
                    if (ratio != null && (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0)) {
                        row.problem("unfreeze_ratio " + ratio.toPlainString() + " is not above 0 and at most 1");
                    }
                    LocalDate setOn = row.date("set_on", true);
                    Long earlier = order == null || no == null ? null : seen.putIfAbsent(order + "#" + no, row.line());
                    if (earlier != null) {
                        row.problem("milestone " + no + " of order " + order + " is listed twice (also line " + earlier + ")");
                    }
                    if (!row.bad()) {
                        result.add(new Milestone(order, no, ratio, setOn));
                    }
                });
        return result;
    }

    private static List<CreditRepayment> readRepayments(Path dir, List<String> problems) {
        List<CreditRepayment> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        new ReferenceCsv("reference/credit-repayments.csv", problems, Map.of("customer_id", 64)).read(dir.resolve("credit-repayments.csv"), false,
                List.of("customer_id", "bill_cycle", "repaid_on"),
                row -> {
                    String customer = row.required("customer_id");
                    String cycle = row.period("bill_cycle");
                    LocalDate on = row.date("repaid_on", true);
                    Long earlier = customer == null || cycle == null ? null : seen.putIfAbsent(customer + "#" + cycle, row.line());
                    if (earlier != null) {
                        row.problem("repayment of " + customer + " for " + cycle + " is listed twice (also line " + earlier + ")");
                    }
                    if (!row.bad()) {
                        result.add(new CreditRepayment(customer, cycle, on));
                    }
                });
        return result;
    }

    private static List<FxRate> readFxRates(Path dir, List<String> problems) {
        List<FxRate> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        new ReferenceCsv("reference/fx-rates.csv", problems).read(dir.resolve("fx-rates.csv"), false,
                List.of("period", "from_currency", "to_currency", "rate"),
                row -> {
                    String period = row.period("period");
                    String from = currency(row, "from_currency");
                    String to = currency(row, "to_currency");
                    BigDecimal rate = row.decimal("rate", 20, 10);
                    if (rate != null && rate.signum() <= 0) {
                        row.problem("rate " + rate.toPlainString() + " is not positive");
                    }
                    Long earlier = period == null || from == null || to == null ? null
                            : seen.putIfAbsent(period + from + to, row.line());
                    if (earlier != null) {
                        row.problem("rate " + from + "->" + to + " for " + period + " is listed twice (also line " + earlier + ")");
                    }
                    if (!row.bad()) {
                        result.add(new FxRate(period, from, to, rate));
                    }
                });
        return result;
    }

    /** Reads {@code reference/<fileName>} when the workspace has one, else the product's default table of that name. */
    private static void readOrDefault(Path dir, String fileName, List<String> problems, List<String> columns,
            Map<String, Integer> maxLengths, Consumer<ReferenceCsv.Row> rows) {
        Path file = dir.resolve(fileName);
        String name = "reference/" + fileName;
        Path temp = null;
        try {
            if (!Files.exists(file)) {
                temp = Files.createTempFile("default-", ".csv");
                try (InputStream in = ReferenceDataLoader.class.getResourceAsStream("/defaults/" + fileName)) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                file = temp;
                name = "default " + fileName;
            }
            new ReferenceCsv(name, problems, maxLengths).read(file, true, columns, rows);
        } catch (IOException e) {
            problems.add(name + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                temp.toFile().delete();
            }
        }
    }

    /**
     * The incentive rate of every tier and association type, each row from its {@code effective_from} on (the earliest
     * of a combination from the beginning); a missing combination is a problem.
     */
    private static List<PolicyRate> readPolicy(Path dir, List<String> problems) {
        Map<String, TreeMap<String, PolicyRate>> rates = new LinkedHashMap<>();
        readOrDefault(dir, POLICY_FILE, problems, List.of("tier", "association_type", "rate"), Map.of(), row -> {
            Tier tier = row.choice("tier", Tier.class);
            String typeText = row.required("association_type");
            AssociationType type = typeText == null ? null : AssociationType.parse(typeText);
            if (typeText != null && type == null) {
                row.problem("association_type '" + typeText + "' is not REFERRAL or RESALE");
            }
            BigDecimal rate = row.decimal("rate", 9, 6);
            if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
                row.problem("rate " + rate.toPlainString() + " is not between 0 and 1");
            }
            String from = row.effectiveFrom();
            if (!row.bad() && rates.computeIfAbsent(tier + "/" + type, k -> new TreeMap<>())
                    .putIfAbsent(from, new PolicyRate(tier, type, rate, from)) != null) {
                row.problem("the rate of " + tier + " " + type + " is given twice"
                        + (from.equals(ReferenceModel.ALWAYS) ? "" : " from " + from));
            }
        });
        if (problems.isEmpty()) {
            for (Tier tier : Tier.values()) {
                for (AssociationType type : AssociationType.values()) {
                    if (!rates.containsKey(tier + "/" + type)) {
                        problems.add("reference/" + POLICY_FILE + ": no rate for " + tier + " " + type);
                    }
                }
            }
        }
        List<PolicyRate> result = new ArrayList<>();
        for (var rows : rates.values()) {
            result.add(rows.firstEntry().getValue().from(ReferenceModel.ALWAYS));
            rows.tailMap(rows.firstKey(), false).values().forEach(result::add);
        }
        return result;
    }

    private static List<String> readNoRebateServices(Path dir, List<String> problems) {
        List<String> services = new ArrayList<>();
        new ReferenceCsv("reference/" + NO_REBATE_FILE, problems, Map.of("service_type_code", 128)).read(dir.resolve(NO_REBATE_FILE), false,
                List.of("service_type_code"), row -> {
                    String code = row.required("service_type_code");
                    if (code != null && !services.contains(code)) {
                        services.add(code);
                    }
                });
        return services;
    }

    /** {@code reference/contracting-entities.csv} (optional): an entity not listed takes the configured defaults. */
    private static List<ContractingEntity> readContractingEntities(Path dir, List<String> problems) {
        List<ContractingEntity> result = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        new ReferenceCsv("reference/" + CONTRACTING_ENTITIES_FILE, problems).read(dir.resolve(CONTRACTING_ENTITIES_FILE),
                false, List.of("contracting_entity", "invoice_type", "mailing_address", "public_mailbox"), row -> {
                    String name = row.required("contracting_entity");
                    String type = row.required("invoice_type");
                    String address = row.required("mailing_address");
                    String mailbox = row.required("public_mailbox");
                    if (mailbox != null && !mailbox.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        row.problem("public_mailbox '" + mailbox + "' is not a mail address");
                    }
                    Long earlier = name == null ? null : seen.putIfAbsent(name, row.line());
                    if (earlier != null) {
                        row.problem("contracting entity " + name + " is listed twice (also line " + earlier + ")");
                    }
                    if (!row.bad()) {
                        result.add(new ContractingEntity(name, type, address, mailbox, row.text("tax_wording")));
                    }
                });
        return result;
    }

    /** {@code reference/bill-types.csv} when the workspace has one, else the product's default table. */
    private static List<BillType> readBillTypes(Path dir, List<String> problems) {
        List<BillType> result = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            readOrDefault(dir, BILL_TYPES_FILE, problems, List.of("bill_type", "bill_class", "is_order"),
                    Map.of("bill_type", 16, "label", 200), row -> {
                String code = row.required("bill_type");
                BillClass billClass = row.choice("bill_class", BillClass.class);
                String order = row.required("is_order");
                if (order != null && !order.equalsIgnoreCase("true") && !order.equalsIgnoreCase("false")) {
                    row.problem("is_order '" + order + "' is not true or false");
                }
                Long earlier = code == null ? null : seen.putIfAbsent(code, row.line());
                if (earlier != null) {
                    row.problem("bill type " + code + " is listed twice (also line " + earlier + ")");
                }
                if (!row.bad()) {
                    result.add(new BillType(code, billClass, Boolean.parseBoolean(order), row.text("label")));
                }
            });
            return result;
    }

    private static String currency(ReferenceCsv.Row row, String column) {
        String v = row.required(column);
        if (v != null && !v.matches("[A-Z]{3}")) {
            row.problem(column + " '" + v + "' is not an ISO 4217 currency code");
            return null;
        }
        return v;
    }
}
