package io.partnersettlement.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * The databases the job tests run on: the workspace's H2 file, and the PostgreSQL server of this machine
 * (127.0.0.1:5432, user postgres, database test), each test in a schema of its own. With {@code CI=true} a missing
 * PostgreSQL fails the test instead of skipping it.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    static final String POSTGRES_BASE = System.getenv().getOrDefault("SETTLEMENT_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");

    /** A fresh, empty database for one test: its JDBC URL, or {@code null} for the workspace's own H2 file. */
    public String freshUrl() {
        if (this == H2) {
            return null;
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES_BASE + "?user=postgres")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required in CI and is not reachable at " + POSTGRES_BASE, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + POSTGRES_BASE + " (" + e.getMessage() + "): test skipped");
        }
        return POSTGRES_BASE + "?user=postgres&currentSchema=" + schema;
    }

    /** Drops the schema a PostgreSQL test used. */
    public static void dropIfPostgres(String url) {
        if (url == null || !url.contains("currentSchema=")) {
            return;
        }
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(POSTGRES_BASE + "?user=postgres")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        } catch (SQLException e) {
            // left for the next cleanup; a test's own schema is never reused
        }
    }
}
