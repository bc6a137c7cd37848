package io.partnersettlement.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * The RabbitMQ broker of this machine (127.0.0.1:5672, guest/guest) the remote partitioning tests send partitions
 * through, each test on a queue of its own. With {@code CI=true} a missing broker fails the test instead of skipping it.
 */
public final class Broker {

    public static final String URL = System.getenv().getOrDefault("SETTLEMENT_TEST_BROKER_URL",
            "amqp://guest:guest@127.0.0.1:5672");

    private Broker() {
    }

    public static void require() {
        java.net.URI uri = java.net.URI.create(URL);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("RabbitMQ is required in CI and is not reachable at " + uri.getHost() + ":"
                        + uri.getPort() + " (.ci/run starts it)", e);
            }
            Assumptions.abort("RabbitMQ not reachable at " + uri.getHost() + ":" + uri.getPort() + ": test skipped");
        }
    }
}
