package io.partnersettlement.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.partnersettlement.fault.EngineException;

/**
 * The engine's database opened for reading, on one plain connection: what the read-only commands (status, audit,
 * statements, trace) need, without booting the engine (no migrations, no job repository, no scheduler), so they
 * answer in a fraction of a second.
 */
final class LedgerView implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    final JdbcTemplate jdbc;
    final JdbcClient client;

    private LedgerView(Connection connection) {
        this.dataSource = new SingleConnectionDataSource(connection, true);
        this.jdbc = new JdbcTemplate(dataSource);
        this.client = JdbcClient.create(jdbc);
    }

    static LedgerView open(String url, String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw new EngineException("cannot open the database " + url.replaceAll("password=[^&;]*", "password=…")
                    + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        LedgerView view = new LedgerView(connection);
        try {
            view.jdbc.queryForObject("SELECT COUNT(*) FROM operator_action WHERE 1 = 0", Integer.class);
        } catch (RuntimeException e) {
            view.close();
            throw new EngineException(url + " holds no settlement ledger (no runs yet): the first ./run.sh nightly creates it");
        }
        return view;
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
