package io.partnersettlement.run;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings the query planner's statistics of tables a run has just filled up to date, so the next step's queries are
 * planned for the rows that are there.
 * <p>
 * PostgreSQL gathers statistics in the background (autovacuum), often minutes after a bulk load. A monthly job started
 * right after the nightly job that filled {@code consumption_fact} would plan its paged reads of the period for an
 * almost empty table: a bitmap scan of the rest of the period and a sort for every page, three times the job's time
 * at 10,000,000 records. H2 updates its own statistics as rows change ({@code ANALYZE_AUTO}), and its {@code ANALYZE}
 * would commit the step's transaction: on H2 this does nothing.
 */
@Component
public class PlannerStatistics {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public PlannerStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> "PostgreSQL".equals(
                c.getMetaData().getDatabaseProductName())));
    }

    /** Samples the given tables again on PostgreSQL (a fraction of a second each); nothing on H2. */
    public void update(String... tables) {
        if (!postgres) {
            return;
        }
        for (String table : tables) {
            if (!table.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a table name: " + table);
            }
            jdbc.execute("ANALYZE " + table);
        }
    }
}
