package io.partnersettlement.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds a workspace for a test: reference files with sensible defaults, and inbox files line by line. */
public final class TestWorkspace {

    public static final String CURRENT_HEADER = "id,customer_id,bill_date,trade_time,bill_cycle,bill_detail_type,"
            + "service_type_code,resource_type_code,region_code,charging_mode,trade_id,payment_amount,cash_amount,"
            + "credit_amount,coupon_amount,flexipurchase_coupon_amount,stored_value_card_amount,bonus_amount,debt_amount,"
            + "writeoff_amount,official_amount,official_discount_amount,currency";

    private final Path root;
    private final List<String> partners = new ArrayList<>();
    private final List<String> customers = new ArrayList<>();
    private final List<String> managers = new ArrayList<>();
    private final List<String> milestones = new ArrayList<>();
    private final List<String> repayments = new ArrayList<>();

    public TestWorkspace(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public TestWorkspace partner(String id, String tier, String method) {
        return partner(id, tier, method, "CNY");
    }

    public TestWorkspace partner(String id, String tier, String method, String settlementCurrency) {
        partners.add(id + ",伙伴" + id + "有限公司," + tier + "," + settlementCurrency + "," + method
                + ",华为云计算技术有限公司,0.06,9111" + id);
        return this;
    }

    /** A CNY partner contracting with {@code entity} at the partner tax rate {@code taxRate}. */
    public TestWorkspace partner(String id, String tier, String method, String entity, String taxRate) {
        partners.add(id + ",伙伴" + id + "有限公司," + tier + ",CNY," + method + "," + entity + "," + taxRate + ",9111" + id);
        return this;
    }

    /** reference/contracting-entities.csv: {@code contracting_entity,invoice_type,mailing_address,public_mailbox,tax_wording}. */
    public TestWorkspace contractingEntities(String... lines) {
        write("reference/contracting-entities.csv", "contracting_entity,invoice_type,mailing_address,public_mailbox,tax_wording",
                List.of(lines));
        return this;
    }

    public TestWorkspace fxRates(String... lines) {
        write("reference/fx-rates.csv", "period,from_currency,to_currency,rate", List.of(lines));
        return this;
    }

    /** An association period; {@code until} may be empty. {@code type} is REFERRAL/RESALE/1/2. */
    public TestWorkspace customer(String id, String partnerId, String type, String from, String until) {
        customers.add(id + ",客户" + id + "," + partnerId + "," + type + "," + from + "," + until);
        return this;
    }

    public TestWorkspace manager(String customerId, String managerId, String assignedOn) {
        managers.add(customerId + "," + managerId + ",经理" + managerId + "," + assignedOn);
        return this;
    }

    public TestWorkspace milestone(String orderId, int no, String ratio, String setOn) {
        milestones.add(orderId + "," + no + "," + ratio + "," + setOn);
        return this;
    }

    public TestWorkspace repaid(String customerId, String billCycle, String repaidOn) {
        repayments.add(customerId + "," + billCycle + "," + repaidOn);
        return this;
    }

    /** Writes the reference files. */
    public TestWorkspace writeReference() {
        write("reference/partners.csv", "partner_id,partner_name,tier,settlement_currency,disbursement_method,"
                + "contracting_entity,partner_tax_rate,tax_id", partners);
        write("reference/customers.csv", "customer_id,customer_name,partner_id,association_type,associated_on,dissociated_on",
                customers);
        write("reference/account-managers.csv", "customer_id,manager_id,manager_name,assigned_on", managers);
        write("reference/milestones.csv", "order_id,milestone_no,unfreeze_ratio,set_on", milestones);
        write("reference/credit-repayments.csv", "customer_id,bill_cycle,repaid_on", repayments);
        return this;
    }

    /**
     * A record line in the current column layout, the cash-like parts given and payment = their sum.
     * Fields: id, customer, bill_date, bill_type, service, trade_id, cash, credit, coupon, stored-value card.
     */
    public static String record(String id, String customer, String billDate, String billType, String service,
            String tradeId, String cash, String credit, String coupon, String storedCard) {
        java.math.BigDecimal payment = new java.math.BigDecimal(cash).add(new java.math.BigDecimal(credit))
                .add(new java.math.BigDecimal(coupon)).add(new java.math.BigDecimal(storedCard));
        return String.join(",", id, customer, billDate, "", "", billType, service, "", "cn-north-4", "3", tradeId,
                payment.toPlainString(), cash, credit, coupon, "0", storedCard, "", "", "", "", "", "CNY");
    }

    /** A usage record (bill type 5) paid in cash. */
    public static String usage(String id, String customer, String billDate, String cash) {
        return record(id, customer, billDate, "5", "hws.service.type.ec2", "", cash, "0", "0", "0");
    }

    public Path inboxFile(String name, String header, String... lines) {
        return write("inbox/" + name, header, List.of(lines));
    }

    public Path inboxGzip(String name, String header, String... lines) {
        Path file = root.resolve("inbox/" + name);
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write((header + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(String relative, String header, List<String> lines) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder(header).append('\n');
            lines.forEach(l -> text.append(l).append('\n'));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
