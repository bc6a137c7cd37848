package io.partnersettlement.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.console.security.ConsoleUsers;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Cli;
import io.partnersettlement.workspace.Workspace;

/**
 * One console for the console's tests, started once per test JVM: the sample workspace (SampleWorkspaceGenerator),
 * its nightly run for 2026-11-02 and the monthly run of 2026-09, so that the twelve statements of 2026-09 are pending
 * confirmation; then {@code ./run.sh console} on a free port of 127.0.0.1, on the workspace's own H2 database. Each
 * test acts on statements of its own (noted where it does), so the tests need no order.
 */
final class ConsoleFixture {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "op-Z9fT4kq2Lm7w";
    static final String ANALYST = "analyst";
    static final String ANALYST_PASSWORD = "an-Q3vx8Rb5Hn2p";
    /** A user whose password the throttle test gets wrong on purpose. */
    static final String GUESSED = "guessed";
    static final String GUESSED_PASSWORD = "gu-W6cy2Tk9Dd4s";

    private static ConsoleFixture shared;

    final Path workspace;
    final ConfigurableApplicationContext context;
    final int port;

    private ConsoleFixture(Path workspace, ConfigurableApplicationContext context) {
        this.workspace = workspace;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static synchronized ConsoleFixture shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.context.close()));
        }
        return shared;
    }

    private static ConsoleFixture start() {
        try {
            Path dir = Files.createTempDirectory("console-test");
            Path workspace = dir.resolve("ws");
            SampleWorkspaceGenerator.writeSampleWorkspace(workspace);
            Path users = workspace.resolve(ConsoleUsers.FILE_NAME);
            ConsoleUsers.write(users, OPERATOR, ConsoleUsers.Role.OPERATOR, OPERATOR_PASSWORD);
            ConsoleUsers.write(users, ANALYST, ConsoleUsers.Role.ANALYST, ANALYST_PASSWORD);
            ConsoleUsers.write(users, GUESSED, ConsoleUsers.Role.ANALYST, GUESSED_PASSWORD);
            check(Cli.run(workspace, null, "nightly", "--date", "2026-11-02"), "nightly");
            check(Cli.run(workspace, null, "monthly", "--period", "2026-09", "--date", "2026-11-02"), "monthly");
            ConfigurableApplicationContext context = EngineContext.start(new Workspace(workspace).root(), null,
                    Map.of("spring.profiles.active", "console", "server.port", 0, "server.address", "127.0.0.1"), null,
                    ConsoleApplication.class);
            return new ConsoleFixture(workspace, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(int exitCode, String what) {
        // the sample holds an order whose milestone ratios add up to more than 1: the monthly run names it, exit 3
        if (exitCode != 0 && exitCode != 3) {
            throw new IllegalStateException(what + " run of the console's fixture exited " + exitCode);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    String status(String statementId) {
        return jdbc().queryForObject("SELECT status FROM statement WHERE statement_id = ?", String.class, statementId);
    }
}
