package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.sampledata.SampleWorkspaceGenerator;
import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.workspace.Workspace;

/**
 * Every pair of commands that could conflict, launched from two JVMs at the same moment (both wait at a start line, a
 * file, just before they first ask for the ledger): the ledger, the files and every workbook cell end as one of the two
 * serial orders left them, and neither command ends with a stack trace.
 * <p>
 * {@code -Dledger-order.repeats=N} launches each pair N times (default 1, to keep the suite's time); {@code -Dledger-order.pairs=a|b} runs only
 * the pairs whose name contains a part. Each run's order is appended to {@code target/ledger-order.txt}.
 */
class LedgerOrderTest {

    static final String DATE = "2026-11-02";
    static final int REPEATS = Integer.getInteger("ledger-order.repeats", 1);
    static final String SELECTION = System.getProperty("ledger-order.pairs", "");

    static final List<String> NIGHTLY = List.of("nightly", "--date", DATE);
    static final List<String> MONTHLY = List.of("monthly", "--period", "2026-09", "--date", DATE);
    static final List<String> CONFIRM_KIM = List.of("confirm", "--period", "2026-09", "--operator", "kim");
    static final List<String> CONFIRM_LEE = List.of("confirm", "--period", "2026-09", "--operator", "lee");

    /** Two conflicting commands after the base commands; {@code {detail}} stands for a detail of P001 in 2026-09. */
    record Pair(String name, List<List<String>> base, List<String> a, List<String> b) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Pair> PAIRS = List.of(
            new Pair("nightly x monthly", List.of(), NIGHTLY, MONTHLY),
            new Pair("monthly x confirm", List.of(NIGHTLY, MONTHLY), MONTHLY, CONFIRM_KIM),
            new Pair("confirm x confirm", List.of(NIGHTLY, MONTHLY), CONFIRM_KIM, CONFIRM_LEE),
            new Pair("transition x monthly", List.of(NIGHTLY, MONTHLY, CONFIRM_KIM),
                    List.of("transition", "--statement", "ST-202609-P001", "--to", "COUNTERSIGNING", "--operator", "kim"),
                    MONTHLY),
            new Pair("freeze x monthly", List.of(NIGHTLY, MONTHLY),
                    List.of("freeze", "--detail", "{detail}", "--reason", "customer dispute", "--operator", "kim"),
                    MONTHLY),
            new Pair("rerun x confirm", List.of(NIGHTLY, MONTHLY),
                    List.of("rerun", "monthly", "--period", "2026-09", "--date", DATE, "--operator", "lee"), CONFIRM_KIM));

    static Path template;

    /**
     * PostgreSQL only: on H2 two processes share the file through H2's auto-server, and when the process hosting it
     * exits the other one's connections break ("session closed"), which failed 2 of 12 H2 runs; the lock itself is
     * tested on H2 by {@link LedgerLockTest}.
     */
    static Stream<Arguments> pairs() {
        return Stream.of(TestDatabase.POSTGRESQL).flatMap(db -> PAIRS.stream()
                .filter(p -> SELECTION.isEmpty() || Stream.of(SELECTION.split("\\|")).anyMatch(p.name()::contains))
                .map(p -> Arguments.of(db, p)));
    }

    @BeforeAll
    static void writeTemplate() throws IOException {
        template = Files.createTempDirectory("ledger-order-");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
    }

    @AfterAll
    static void deleteTemplate() throws IOException {
        Workspace.deleteTree(template);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pairs")
    void twoConflictingCommandsAtOnceEndAsOneOfTheSerialOrders(TestDatabase database, Pair pair) throws Exception {
        String aFirst = serial(database, pair, pair.a(), pair.b());
        String bFirst = serial(database, pair, pair.b(), pair.a());
        Map<String, Integer> orders = new TreeMap<>();
        for (int i = 0; i < REPEATS; i++) {
            Path ws = Files.createTempDirectory("ledger-order-run-");
            String url = database.freshUrl();
            try {
                String detail = base(ws, url, pair);
                long started = System.nanoTime();
                List<String> logs = together(ws, url, with(pair.a(), detail), with(pair.b(), detail));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                String actual = KillLoopTest.figures(ws, url);
                String order = actual.equals(aFirst) ? (actual.equals(bFirst) ? "either (same figures)" : "a first")
                        : actual.equals(bFirst) ? "b first" : null;
                if (order == null) {
                    throw new AssertionError(pair + ": the ledger is in neither serial order; against a-first:\n"
                            + KillLoopTest.difference(aFirst, actual) + "\nagainst b-first:\n"
                            + KillLoopTest.difference(bFirst, actual) + "\nlogs:\n" + String.join("\n----\n", logs));
                }
                orders.merge(order, 1, Integer::sum);
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "ledger-order.txt"), database + " " + pair + " run " + (i + 1)
                        + ": " + order + ", both done in " + millis + " ms\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } finally {
                TestDatabase.dropIfPostgres(url);
                Workspace.deleteTree(ws);
            }
        }
        System.out.println(database + " " + pair + ": " + orders);
    }

    /** The figures of the base commands, then {@code first}, then {@code second}, run one after the other. */
    private static String serial(TestDatabase database, Pair pair, List<String> first, List<String> second)
            throws IOException {
        Path ws = Files.createTempDirectory("ledger-order-serial-");
        String url = database.freshUrl();
        try {
            String detail = base(ws, url, pair);
            assertThat(Cli.run(ws, url, with(first, detail))).as(String.join(" ", first)).isIn(0, 3);
            assertThat(Cli.run(ws, url, with(second, detail))).as(String.join(" ", second)).isIn(0, 3);
            return KillLoopTest.figures(ws, url);
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    /** Copies the sample workspace and runs the base commands; answers a detail of P001 in 2026-09, if any. */
    private static String base(Path ws, String url, Pair pair) throws IOException {
        KillLoopTest.copy(template, ws);
        for (List<String> command : pair.base()) {
            assertThat(Cli.run(ws, url, command)).as(String.join(" ", command)).isIn(0, 3);
        }
        if (pair.base().isEmpty()) {
            return null;
        }
        try (Engine engine = new Engine(ws, url)) {
            return engine.jdbc().queryForObject("""
                    SELECT MIN(detail_id) FROM incentive_detail
                     WHERE period = '2026-09' AND partner_id = 'P001' AND status = 'AVAILABLE'""", String.class);
        }
    }

    private static List<String> with(List<String> command, String detail) {
        return command.stream().map(a -> a.equals("{detail}") ? detail : a).toList();
    }

    /** Runs both commands in two JVMs released together from a start line; answers their logs. */
    static List<String> together(Path ws, String url, List<String> a, List<String> b) throws Exception {
        Path go = ws.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> logs = List.of(ws.resolveSibling(ws.getFileName() + "-a.log"), ws.resolveSibling(ws.getFileName() + "-b.log"));
        List<List<String>> commands = List.of(a, b);
        try {
            for (int i = 0; i < 2; i++) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                        "-D" + CrashPoints.BARRIER_PROPERTY + "=ledger.acquiring", "-Dsettlement.barrier-file=" + go,
                        "-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication"));
                command.addAll(commands.get(i));
                command.add("--workspace=" + ws);
                if (url != null) {
                    command.add("--database-url=" + url);
                }
                children.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.get(i).toFile())
                        .start());
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (ready(ws) < 2) {
                for (int i = 0; i < 2; i++) {
                    assertThat(children.get(i).isAlive()).as("%s reached the start line:\n%s", commands.get(i),
                            Files.exists(logs.get(i)) ? Files.readString(logs.get(i)) : "").isTrue();
                }
                assertThat(System.nanoTime()).as("both reached the start line").isLessThan(deadline);
                Thread.sleep(20);
            }
            Files.writeString(go, "");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                assertThat(children.get(i).waitFor(3, TimeUnit.MINUTES)).as("%s ended", commands.get(i)).isTrue();
                String log = Files.readString(logs.get(i));
                texts.add(String.join(" ", commands.get(i)) + " → exit " + children.get(i).exitValue() + "\n" + log);
                assertThat(children.get(i).exitValue()).as("%s:\n%s", commands.get(i), log).isIn(0, 3);
                assertThat(log).as("%s ends without a stack trace", commands.get(i)).doesNotContain("\tat ");
            }
            return texts;
        } finally {
            children.forEach(Process::destroyForcibly);
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        }
    }

    private static long ready(Path ws) throws IOException {
        try (Stream<Path> files = Files.list(ws)) {
            return files.filter(p -> p.getFileName().toString().startsWith("go.ready-")).count();
        }
    }
}
