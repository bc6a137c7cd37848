package io.partnersettlement.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The reference data of a run, as read from {@code reference/}. */
public final class ReferenceModel {

    private ReferenceModel() {
    }

    public enum Tier { STANDARD, PREFERRED, LEADING, CORE }

    public enum DisbursementMethod { VOUCHER_QUOTA, ACCOUNT, ACCOUNT_INVOICE_OWED, BANK_TRANSFER }

    public enum AssociationType {
        REFERRAL, RESALE;

        /** Accepts the vendor's codes {@code 1} (顾问销售) and {@code 2} (代售) as well as the names. */
        public static AssociationType parse(String value) {
            return switch (value.strip().toUpperCase(Locale.ROOT)) {
                case "1", "REFERRAL" -> REFERRAL;
                case "2", "RESALE" -> RESALE;
                default -> null;
            };
        }
    }

    public enum BillClass { CONSUMPTION, REFUND, EXCLUDED }

    /** The first period of the partner's earliest terms, and of a policy rate without effective_from: every period. */
    public static final String ALWAYS = "0000-01";

    /** A partner's terms from {@code fromPeriod} on, until its next row ({@link #ALWAYS}: from the beginning). */
    public record Partner(String partnerId, String partnerName, Tier tier, String settlementCurrency,
            DisbursementMethod disbursementMethod, String contractingEntity, BigDecimal partnerTaxRate, String taxId,
            String fromPeriod) {

        Partner from(String period) {
            return new Partner(partnerId, partnerName, tier, settlementCurrency, disbursementMethod, contractingEntity,
                    partnerTaxRate, taxId, period);
        }
    }

    /** One association period of a customer: {@code associatedOn <= day < dissociatedOn}. */
    public record CustomerAssociation(String customerId, String customerName, String partnerId, AssociationType type,
            LocalDate associatedOn, LocalDate dissociatedOn, LocalDate coolingOffUntil, long line) {

        public boolean holdsOn(LocalDate day) {
            return !day.isBefore(associatedOn) && (dissociatedOn == null || day.isBefore(dissociatedOn));
        }

        CustomerAssociation withCoolingOffUntil(LocalDate until) {
            return new CustomerAssociation(customerId, customerName, partnerId, type, associatedOn, dissociatedOn, until, line);
        }
    }

    /** A manager's assignment, in effect on {@code effectiveFrom <= day < effectiveUntil}. */
    public record ManagerAssignment(String customerId, String managerId, String managerName, LocalDate assignedOn,
            LocalDate effectiveFrom, LocalDate effectiveUntil, long line) {
    }

    public record Milestone(String orderId, int milestoneNo, BigDecimal unfreezeRatio, LocalDate setOn) {
    }

    public record CreditRepayment(String customerId, String billCycle, LocalDate repaidOn) {
    }

    public record FxRate(String period, String fromCurrency, String toCurrency, BigDecimal rate) {
    }

    public record BillType(String code, BillClass billClass, boolean order, String label) {
    }

    /** The incentive rate of a tier and association type from {@code fromPeriod} on, until its next row. */
    public record PolicyRate(Tier tier, AssociationType associationType, BigDecimal rate, String fromPeriod) {

        PolicyRate from(String period) {
            return new PolicyRate(tier, associationType, rate, period);
        }
    }

    /** A contracting entity (签约主体): the invoice it accepts and where invoices go; {@code taxWording} may be null. */
    public record ContractingEntity(String name, String invoiceType, String mailingAddress, String publicMailbox,
            String taxWording) {
    }

    public record ReferenceData(List<Partner> partners, List<CustomerAssociation> associations,
            List<ManagerAssignment> managerAssignments, List<Milestone> milestones, List<CreditRepayment> creditRepayments,
            List<FxRate> fxRates, List<BillType> billTypes, List<String> storedValueCardServices,
            List<PolicyRate> policy, List<String> noRebateServices, List<ContractingEntity> contractingEntities) {
    }
}
