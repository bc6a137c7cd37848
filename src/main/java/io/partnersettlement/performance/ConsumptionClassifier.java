package io.partnersettlement.performance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies the settlement rules of SPEC section 5 to consumption, in order: an unknown bill type first (the table needs
 * extending), then excluded bill types, attribution to the partner associated on the bill date, the partner-switch
 * cooling-off, and stored-value card purchases (attributed, but no performance). The account manager in effect on the
 * bill date is found whatever the outcome.
 *
 * <p>Reference data is small (partners' customers, not their consumption), so it is held in memory for the run.
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

    /** The classifier over the reference data the run loaded into the database. */
    public static ConsumptionClassifier fromReferenceTables(JdbcTemplate jdbc) {
        Map<String, String> billClasses = new HashMap<>();
        jdbc.query("SELECT bill_type, bill_class FROM bill_type", rs -> {
            billClasses.put(rs.getString(1), rs.getString(2));
        });
        Set<String> cards = new HashSet<>(jdbc.queryForList("SELECT service_type_code FROM stored_value_card_service",
                String.class));
        Map<String, List<Association>> associations = new HashMap<>();
        jdbc.query("""
                SELECT customer_id, partner_id, association_type, associated_on, dissociated_on, cooling_off_until
                  FROM customer_association ORDER BY customer_id, associated_on""", rs -> {
            associations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(new Association(rs.getString(2),
                    rs.getString(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                    rs.getObject(6, LocalDate.class)));
        });
        Map<String, List<ManagerPeriod>> managers = new HashMap<>();
        jdbc.query("""
                SELECT customer_id, manager_id, effective_from, effective_until
                  FROM manager_assignment ORDER BY customer_id, effective_from""", rs -> {
            managers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(new ManagerPeriod(rs.getString(2),
                    rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
        });
        return new ConsumptionClassifier(billClasses, cards, associations, managers);
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
