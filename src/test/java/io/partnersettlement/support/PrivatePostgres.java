package io.partnersettlement.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.partnersettlement.workspace.Workspace;

/**
 * A PostgreSQL cluster of a test's own, on a free port in a temporary folder, that the test may stop and start (the
 * shared server is never touched). Run as the {@code postgres} OS user with the server binaries of this machine;
 * {@link #close()} stops it and deletes its folder.
 */
public final class PrivatePostgres implements AutoCloseable {

    static final Path BIN = Path.of(System.getenv().getOrDefault("SETTLEMENT_TEST_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path folder;
    private final int port;

    private PrivatePostgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Creates and starts a cluster; skips the test where the server binaries or the postgres user are missing. */
    public static PrivatePostgres start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(BIN.resolve("pg_ctl")), "no PostgreSQL server binaries at " + BIN);
        Path folder = Files.createTempDirectory("private-postgres-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrivatePostgres cluster = new PrivatePostgres(folder, port);
        cluster.run("chown", "-R", "postgres", folder.toString());
        cluster.asPostgres(BIN.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-A", "trust", "-U",
                "postgres", "--no-sync");
        cluster.startServer();
        return cluster;
    }

    public void startServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
                folder.resolve("server.log").toString(), "-w", "-o", "-p " + port + " -k " + folder
                        + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server at once, as a crash or a lost network would: every connection breaks. */
    public void stopServer() throws IOException, InterruptedException {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", "immediate", "-w",
                "stop");
    }

    /** A fresh schema's JDBC URL. */
    public String freshUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(base() + "?user=postgres")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return base() + "?user=postgres&currentSchema=" + schema;
    }

    private String base() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(command));
        run(all.toArray(new String[0]));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } catch (RuntimeException alreadyStopped) {
            // stopped by the test
        } finally {
            Workspace.deleteTree(folder);
        }
    }
}
