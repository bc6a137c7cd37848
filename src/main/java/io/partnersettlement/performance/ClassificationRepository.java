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

    /**
     * The code that classifies and sums, as built: a new engine whose rules differ (or whose build of them does) makes
     * the inputs differ too, so the first night after an upgrade rebuilds what an earlier build added up.
     */
    private static final String RULES = RowDigest.ofClasses(ConsumptionClassifier.class, PeriodCloses.class,
            PerformanceRule.class, PerformanceRefresh.class, ClassificationRepository.class);

    private ClassificationRepository() {
    }

    /**
     * Everything the classification reads, and a digest of it: two readings with the same digest classify every
     * record alike, so aggregates built under one stay those of the other.
     */
    public record Inputs(ConsumptionClassifier classifier, PeriodCloses closes, long digest) {
    }

    public static Inputs inputs(JdbcTemplate jdbc) {
        RowDigest digest = new RowDigest();
        digest.add("rules", RULES);
        ConsumptionClassifier classifier = classifier(jdbc, digest);
        PeriodCloses closes = periodCloses(jdbc, digest);
        return new Inputs(classifier, closes, digest.value());
    }

    /** The classifier over the reference data the run loaded into the database. */
    public static ConsumptionClassifier classifier(JdbcTemplate jdbc) {
        return classifier(jdbc, new RowDigest());
    }

    /** When periods closed for each partner. */
    public static PeriodCloses periodCloses(JdbcTemplate jdbc) {
        return periodCloses(jdbc, new RowDigest());
    }

    private static ConsumptionClassifier classifier(JdbcTemplate jdbc, RowDigest digest) {
        Map<String, String> billClasses = new HashMap<>();
        jdbc.query("SELECT bill_type, bill_class FROM bill_type", rs -> {
            billClasses.put(rs.getString(1), rs.getString(2));
            digest.add("bill_type", rs.getString(1), rs.getString(2));
        });
        Set<String> cards = new HashSet<>();
        jdbc.query("SELECT service_type_code FROM stored_value_card_service", rs -> {
            cards.add(rs.getString(1));
            digest.add("stored_value_card_service", rs.getString(1));
        });
        Map<String, List<Association>> associations = new HashMap<>();
        jdbc.query("""
                SELECT customer_id, partner_id, association_type, associated_on, dissociated_on, cooling_off_until
                  FROM customer_association ORDER BY customer_id, associated_on""", rs -> {
            Association a = new Association(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                    rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class));
            associations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(a);
            digest.add("customer_association", rs.getString(1), a.partnerId(), a.type(), a.from(), a.until(),
                    a.coolingOffUntil());
        });
        Map<String, List<ManagerPeriod>> managers = new HashMap<>();
        jdbc.query("""
                SELECT customer_id, manager_id, effective_from, effective_until
                  FROM manager_assignment ORDER BY customer_id, effective_from""", rs -> {
            ManagerPeriod m = new ManagerPeriod(rs.getString(2), rs.getObject(3, LocalDate.class),
                    rs.getObject(4, LocalDate.class));
            managers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(m);
            digest.add("manager_assignment", rs.getString(1), m.managerId(), m.from(), m.until());
        });
        return new ConsumptionClassifier(billClasses, cards, associations, managers);
    }

    private static PeriodCloses periodCloses(JdbcTemplate jdbc, RowDigest digest) {
        Map<String, List<PeriodCloses.Close>> closes = new HashMap<>();
        jdbc.query("SELECT partner_id, through_period, after_file_id FROM period_close", rs -> {
            PeriodCloses.Close close = new PeriodCloses.Close(rs.getString(2), rs.getLong(3));
            closes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(close);
            digest.add("period_close", rs.getString(1), close.throughPeriod(), close.afterFileId());
        });
        return new PeriodCloses(closes);
    }
}
