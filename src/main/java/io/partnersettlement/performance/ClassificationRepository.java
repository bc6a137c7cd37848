package io.partnersettlement.performance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.performance.ConsumptionClassifier.Association;
import io.partnersettlement.performance.ConsumptionClassifier.ManagerPeriod;

/**
 * Reads what the classification rules decide on from the database: the reference data the run loaded (bill types,
 * stored-value card products, associations, account managers) and the partners' period closes. The rules themselves,
 * {@link ConsumptionClassifier} and {@link PeriodCloses}, hold values only.
 */
public final class ClassificationRepository {

    private ClassificationRepository() {
    }

    /** The classifier over the reference data the run loaded into the database. */
    public static ConsumptionClassifier classifier(JdbcTemplate jdbc) {
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

    /** When periods closed for each partner. */
    public static PeriodCloses periodCloses(JdbcTemplate jdbc) {
        Map<String, List<PeriodCloses.Close>> closes = new HashMap<>();
        jdbc.query("SELECT partner_id, through_period, after_file_id FROM period_close", rs -> {
            closes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PeriodCloses.Close(rs.getString(2),
                    rs.getLong(3)));
        });
        return new PeriodCloses(closes);
    }
}
