package io.partnersettlement.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.partnersettlement.support.Broker;

/** Worker processes ({@code ./run.sh worker}) in child JVMs, on a test's workspace, database and queue. */
final class Workers implements AutoCloseable {

    record Worker(Process process, Path log) {
        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        /** The partitions this worker ran to completion. */
        long completed() {
            return output().lines().filter(l -> l.contains(" COMPLETED in ")).count();
        }
    }

    private final Path workspace;
    private final String url;
    private final String queue;
    private final String broker;
    private final List<Worker> started = new ArrayList<>();

    Workers(Path workspace, String url, String queue) {
        this(workspace, url, queue, Broker.URL);
    }

    Workers(Path workspace, String url, String queue, String broker) {
        this.workspace = workspace;
        this.url = url;
        this.queue = queue;
        this.broker = broker;
    }

    /** The settings a manager on this test's queue runs with. */
    static Map<String, String> managerSettings(String queue, String wait) {
        return managerSettings(queue, wait, Broker.URL);
    }

    static Map<String, String> managerSettings(String queue, String wait, String broker) {
        return Map.of("settlement.partitioning", "remote", "settlement.partition-queue", queue,
                "settlement.broker-url", broker, "settlement.partitions", "3", "settlement.partition-wait", wait,
                "settlement.partition-poll", "200ms");
    }

    Worker start(String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dsettlement.partition-queue=" + queue,
                "-Dsettlement.broker-url=" + broker));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication",
                "worker", "--workspace=" + workspace, "--database-url=" + url));
        Path log = Files.createTempFile("worker-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Worker worker = new Worker(process, log);
        started.add(worker);
        return worker;
    }

    /** Waits until every worker started says it runs. */
    void awaitRunning() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (Worker worker : started) {
            while (!worker.output().contains("worker running") && worker.process().isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(worker.output()).as("worker output").contains("worker running");
        }
    }

    List<Worker> started() {
        return started;
    }

    /** SIGTERM to every live worker: each finishes its partition, says so and exits 0. */
    void stop() throws InterruptedException {
        for (Worker worker : started) {
            if (worker.process().isAlive()) {
                worker.process().destroy();
            }
        }
        for (Worker worker : started) {
            if (worker.process().waitFor(60, TimeUnit.SECONDS) && worker.process().exitValue() == 0) {
                assertThat(worker.output()).contains("worker stopped after");
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Worker worker : started) {
            worker.process().destroyForcibly();
            Files.deleteIfExists(worker.log());
        }
        // the test's queue goes with it: the broker keeps no queue of a finished test
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(broker);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDelete(queue);
            }
        } catch (Exception e) {
            // a broker already stopped (a private node) keeps nothing
        }
    }
}
