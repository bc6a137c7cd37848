package io.partnersettlement.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import io.partnersettlement.workspace.Workspace;

/**
 * A RabbitMQ node of a test's own, on free ports with its own configuration, database and Erlang cookie in a temporary
 * folder, that the test may stop and start (the shared broker is never touched). {@link #close()} halts it and deletes
 * its folder. Without the broker's scripts the test is skipped, except under {@code CI=true}, where it fails.
 */
public final class PrivateRabbit implements AutoCloseable {

    static final Path BIN = Path.of(System.getenv().getOrDefault("SETTLEMENT_TEST_RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"));

    private final Path folder;
    private final String node;
    private final int port;
    private final Process server;

    private PrivateRabbit(Path folder, String node, int port, Process server) {
        this.folder = folder;
        this.node = node;
        this.port = port;
        this.server = server;
    }

    public static PrivateRabbit start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("rabbitmq-server"))) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("RabbitMQ's scripts are required in CI and are not at " + BIN);
            }
            Assumptions.abort("no RabbitMQ scripts at " + BIN + ": test skipped");
        }
        Path folder = Files.createTempDirectory("private-rabbit-");
        int port = freePort();
        int dist = freePort();
        String node = "settlement-test-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        Files.writeString(folder.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n"
                + "loopback_users = none\n");
        Files.writeString(folder.resolve("rabbitmq-env.conf"), "NODENAME=" + node + "\n");
        Files.writeString(folder.resolve("enabled_plugins"), "[].\n");
        ProcessBuilder builder = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("server.out").toFile());
        environment(builder.environment(), folder, node, port, dist);
        PrivateRabbit rabbit = new PrivateRabbit(folder, node, port, builder.start());
        rabbit.awaitPort(true);
        return rabbit;
    }

    private static void environment(Map<String, String> env, Path folder, String node, int port, int dist) {
        env.put("HOME", folder.toString());
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(dist));
        env.put("RABBITMQ_CONFIG_FILE", folder.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", folder.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", folder.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", folder.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", folder.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", folder.resolve("pid").toString());
    }

    public String url() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** Stops the broker application (every connection closes) and starts it again; durable queues keep their messages. */
    public void restart() throws IOException, InterruptedException {
        ctl("stop_app");
        awaitPort(false);
        ctl("start_app");
        awaitPort(true);
    }

    private void ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("ctl.out").toFile()));
        builder.environment().put("HOME", folder.toString());
        Process ctl = builder.start();
        if (!ctl.waitFor(2, TimeUnit.MINUTES) || ctl.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: "
                    + Files.readString(folder.resolve("ctl.out")));
        }
    }

    private void awaitPort(boolean open) throws InterruptedException, IOException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            boolean isOpen;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                isOpen = true;
            } catch (IOException e) {
                isOpen = false;
            }
            if (isOpen == open) {
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the private RabbitMQ node stopped: " + Files.readString(folder.resolve("server.out")));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the private RabbitMQ node's port " + port + " did not " + (open ? "open" : "close"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ctl("stop");
        } catch (RuntimeException e) {
            // halted below
        }
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        Workspace.deleteTree(folder);
    }
}
