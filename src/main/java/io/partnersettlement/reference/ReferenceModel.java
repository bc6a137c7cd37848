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

    public record Partner(String partnerId, String partnerName, Tier tier, String settlementCurrency,
            DisbursementMethod disbursementMethod, String contractingEntity, BigDecimal partnerTaxRate, String taxId) {
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

    /** The incentive rate of a tier and association type. */
    public record PolicyRate(Tier tier, AssociationType associationType, BigDecimal rate) {
    }

    public record ReferenceData(List<Partner> partners, List<CustomerAssociation> associations,
            List<ManagerAssignment> managerAssignments, List<Milestone> milestones, List<CreditRepayment> creditRepayments,
            List<FxRate> fxRates, List<BillType> billTypes, List<String> storedValueCardServices,
            List<PolicyRate> policy, List<String> noRebateServices) {
    }
}
