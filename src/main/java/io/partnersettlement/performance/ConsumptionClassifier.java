package io.partnersettlement.performance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the settlement rules of SPEC section 5 to consumption, in order: an unknown bill type first (the table needs
 * extending), then excluded bill types, attribution to the partner associated on the bill date, the partner-switch
 * cooling-off, and stored-value card purchases (attributed, but no performance). The account manager in effect on the
 * bill date is found whatever the outcome.
 *
 * <p>Reference data is small (partners' customers, not their consumption), so it is held in memory for the run; the
 * {@link ClassificationRepository} reads it. The classifier holds values only: a test builds one from maps.
 */
public final class ConsumptionClassifier {

    public enum Outcome { ATTRIBUTED, UNATTRIBUTED, UNCLASSIFIED, EXCLUDED, COOLING_OFF, STORED_VALUE_CARD, LATE }

    public static final String UNASSIGNED = "UNASSIGNED";

    /** What the rules make of consumption of one customer, day, bill type and service. */
    public record Classification(Outcome outcome, String billClass, String partnerId, String associationType,
            String managerId) {

        public boolean counts() {
            return outcome == Outcome.ATTRIBUTED;
        }

        /** The same classification for a record that came after its period closed for the partner. */
        public Classification late() {
            return new Classification(Outcome.LATE, billClass, partnerId, associationType, managerId);
        }

        public boolean refund() {
            return "REFUND".equals(billClass);
        }
    }

    record Association(String partnerId, String type, LocalDate from, LocalDate until, LocalDate coolingOffUntil) {
        boolean holdsOn(LocalDate day) {
            return !day.isBefore(from) && (until == null || day.isBefore(until));
        }
    }

    record ManagerPeriod(String managerId, LocalDate from, LocalDate until) {
        boolean holdsOn(LocalDate day) {
            return !day.isBefore(from) && (until == null || day.isBefore(until));
        }
    }

    private final Map<String, String> billClasses;
    private final Set<String> storedValueCardServices;
    private final Map<String, List<Association>> associations;
    private final Map<String, List<ManagerPeriod>> managers;

    ConsumptionClassifier(Map<String, String> billClasses, Set<String> storedValueCardServices,
            Map<String, List<Association>> associations, Map<String, List<ManagerPeriod>> managers) {
        this.billClasses = billClasses;
        this.storedValueCardServices = storedValueCardServices;
        this.associations = associations;
        this.managers = managers;
    }

    public Classification classify(String customerId, LocalDate billDate, String billType, String serviceTypeCode) {
        String manager = managerOn(customerId, billDate);
        String billClass = billClasses.get(billType);
        if (billClass == null) {
            return new Classification(Outcome.UNCLASSIFIED, "UNCLASSIFIED", null, null, manager);
        }
        if ("EXCLUDED".equals(billClass)) {
            return new Classification(Outcome.EXCLUDED, billClass, null, null, manager);
        }
        Association association = associationOn(customerId, billDate);
        if (association == null) {
            return new Classification(Outcome.UNATTRIBUTED, billClass, null, null, manager);
        }
        Outcome outcome = association.coolingOffUntil() != null && billDate.isBefore(association.coolingOffUntil())
                ? Outcome.COOLING_OFF
                : storedValueCardServices.contains(serviceTypeCode) ? Outcome.STORED_VALUE_CARD : Outcome.ATTRIBUTED;
        return new Classification(outcome, billClass, association.partnerId(), association.type(), manager);
    }

    private Association associationOn(String customerId, LocalDate day) {
        List<Association> list = associations.get(customerId);
        if (list != null) {
            for (Association a : list) {
                if (a.holdsOn(day)) {
                    return a;
                }
            }
        }
        return null;
    }

    private String managerOn(String customerId, LocalDate day) {
        List<ManagerPeriod> list = managers.get(customerId);
        if (list != null) {
            for (ManagerPeriod m : list) {
                if (m.holdsOn(day)) {
                    return m.managerId();
                }
            }
        }
        return UNASSIGNED;
    }
}
