package io.partnersettlement.performance;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies the settlement rules to a period's consumption and rebuilds its performance aggregates, all in set-based SQL
 * (SPEC section 5). Runs in the caller's transaction; running it again gives the same rows.
 */
@Component
public class PerformanceRefresh {

    private static final Logger log = LoggerFactory.getLogger(PerformanceRefresh.class);

    /**
     * Each summed consumption key, classified. The outcome's order is the order of the checks: an unknown bill type
     * first (the table needs extending), then excluded types, attribution by association period on the bill date,
     * the partner-switch cooling-off, and stored-value card purchases (attributed, no performance).
     */
    private static final String CLASSIFY = """
            INSERT INTO classified_consumption (period, bill_date, customer_id, partner_id, association_type, manager_id,
                bill_type, bill_class, service_type_code, order_id, currency, file_id, outcome, record_count, cash_records,
                credit_records, payment_amount, cash_equivalent, performance, cash_performance, credit_performance)
            SELECT period, bill_date, customer_id, partner_id, association_type, manager_id, bill_type, bill_class,
                   service_type_code, order_id, currency, file_id, outcome,
                   SUM(record_count), SUM(cash_records), SUM(credit_records), SUM(payment_amount),
                   SUM(cash_part + credit_part),
                   SUM(CASE WHEN outcome <> 'ATTRIBUTED' THEN 0
                            WHEN bill_class = 'CONSUMPTION' THEN cash_part + credit_part
                            ELSE -cash_equivalent_abs END),
                   SUM(CASE WHEN outcome <> 'ATTRIBUTED' THEN 0
                            WHEN bill_class = 'CONSUMPTION' THEN cash_part
                            ELSE -cash_part_abs END),
                   SUM(CASE WHEN outcome <> 'ATTRIBUTED' THEN 0
                            WHEN bill_class = 'CONSUMPTION' THEN credit_part
                            ELSE -credit_part_abs END)
              FROM (SELECT f.period, f.bill_date, f.customer_id, a.partner_id, a.association_type,
                           COALESCE(m.manager_id, 'UNASSIGNED') AS manager_id, f.bill_type,
                           COALESCE(bt.bill_class, 'UNCLASSIFIED') AS bill_class, f.service_type_code, f.order_id,
                           f.currency, f.file_id, f.record_count, f.cash_records, f.credit_records, f.payment_amount,
                           f.cash_part, f.cash_part_abs, f.credit_part, f.credit_part_abs, f.cash_equivalent_abs,
                           CASE WHEN bt.bill_class IS NULL THEN 'UNCLASSIFIED'
                                WHEN bt.bill_class = 'EXCLUDED' THEN 'EXCLUDED'
                                WHEN a.partner_id IS NULL THEN 'UNATTRIBUTED'
                                WHEN a.cooling_off_until IS NOT NULL AND f.bill_date < a.cooling_off_until THEN 'COOLING_OFF'
                                WHEN svc.service_type_code IS NOT NULL THEN 'STORED_VALUE_CARD'
                                ELSE 'ATTRIBUTED' END AS outcome
                      FROM consumption_fact f
                      LEFT JOIN bill_type bt ON bt.bill_type = f.bill_type
                      LEFT JOIN customer_association a
                             ON a.customer_id = f.customer_id
                            AND a.associated_on <= f.bill_date
                            AND (a.dissociated_on IS NULL OR f.bill_date < a.dissociated_on)
                      LEFT JOIN manager_assignment m
                             ON m.customer_id = f.customer_id
                            AND m.effective_from <= f.bill_date
                            AND (m.effective_until IS NULL OR f.bill_date < m.effective_until)
                      LEFT JOIN stored_value_card_service svc ON svc.service_type_code = f.service_type_code
                     WHERE f.period = :period) x
             GROUP BY period, bill_date, customer_id, partner_id, association_type, manager_id, bill_type, bill_class,
                      service_type_code, order_id, currency, file_id, outcome""";

    private static final String PERIOD_TOTALS = """
            INSERT INTO performance_period (partner_id, period, currency, performance, record_count, status)
            SELECT partner_id, period, currency, SUM(performance), SUM(record_count), 'ESTIMATED'
              FROM classified_consumption
             WHERE period = :period AND outcome = 'ATTRIBUTED'
             GROUP BY partner_id, period, currency""";

    private static final String DAILY_TOTALS = """
            INSERT INTO performance_daily (partner_id, period, bill_date, currency, performance, record_count)
            SELECT partner_id, period, bill_date, currency, SUM(performance), SUM(record_count)
              FROM classified_consumption
             WHERE period = :period AND outcome = 'ATTRIBUTED'
             GROUP BY partner_id, period, bill_date, currency""";

    private static final String MANAGER_TOTALS = """
            INSERT INTO performance_manager (partner_id, period, manager_id, currency, performance, record_count)
            SELECT partner_id, period, manager_id, currency, SUM(performance), SUM(record_count)
              FROM classified_consumption
             WHERE period = :period AND outcome = 'ATTRIBUTED'
             GROUP BY partner_id, period, manager_id, currency""";

    private static final String SERVICE_TOTALS = """
            INSERT INTO performance_service (partner_id, period, service_type_code, currency, performance, record_count)
            SELECT partner_id, period, service_type_code, currency, SUM(performance), SUM(record_count)
              FROM classified_consumption
             WHERE period = :period AND outcome = 'ATTRIBUTED'
             GROUP BY partner_id, period, service_type_code, currency""";

    private final JdbcClient jdbc;

    public PerformanceRefresh(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Periods that the files of a nightly job instance brought records, repeats or rejected lines for. */
    public List<String> periodsTouchedBy(long jobInstanceId) {
        return jdbc.sql("""
                SELECT DISTINCT period FROM (
                    SELECT f.period FROM consumption_fact f JOIN ingest_file i ON i.file_id = f.file_id
                     WHERE i.job_instance_id = :instance
                    UNION
                    SELECT r.period FROM rejected_line r JOIN ingest_file i ON i.file_id = r.file_id
                     WHERE i.job_instance_id = :instance AND r.period IS NOT NULL
                    UNION
                    SELECT t.period FROM repeat_tally t JOIN ingest_file i ON i.file_id = t.file_id
                     WHERE i.job_instance_id = :instance) p
                 ORDER BY period""")
                .param("instance", jobInstanceId)
                .query(String.class)
                .list();
    }

    public void refresh(String period) {
        long started = System.nanoTime();
        for (String table : List.of("classified_consumption", "performance_period", "performance_daily",
                "performance_manager", "performance_service")) {
            jdbc.sql("DELETE FROM " + table + " WHERE period = :period").param("period", period).update();
        }
        int classified = jdbc.sql(CLASSIFY).param("period", period).update();
        jdbc.sql(PERIOD_TOTALS).param("period", period).update();
        jdbc.sql(DAILY_TOTALS).param("period", period).update();
        jdbc.sql(MANAGER_TOTALS).param("period", period).update();
        jdbc.sql(SERVICE_TOTALS).param("period", period).update();
        log.info("performance of {} refreshed: {} classified rows in {} ms", period, classified,
                (System.nanoTime() - started) / 1_000_000);
    }
}
