package io.partnersettlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/** A rerun's change report compares each period with itself, counts truly, and prints amounts for people. */
class RerunReportTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    static final String HEADER = "period,partner_id,figure,currency,before,after,difference";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRerunOfTwoPeriodsReportsEachPeriodOnItsOwnAndNothingWhenNothingChanged(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "VOUCHER_QUOTA")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", TestWorkspace.CURRENT_HEADER,
                TestWorkspace.usage("s1", "C1", "2026-09-01", "1239491.62"),
                TestWorkspace.usage("o1", "C1", "2026-10-01", "500.00"));
        String url = fixture.database(database);
        assertThat(Cli.run(ws.root(), url, "nightly", "--date", "2026-11-02")).isZero();

        // the same inputs: both periods compared with themselves, nothing changed
        String same = printed(() -> Cli.run(ws.root(), url, "rerun", "nightly", "--date", "2026-11-02"));
        assertThat(same).doesNotContain("changed: ").contains("no figure changed against the previous run");
        assertThat(Files.readAllLines(ws.root().resolve("out/2026-09/rerun-nightly-2026-11-02-run2.csv")))
                .containsExactly(HEADER);
        assertThat(Files.readAllLines(ws.root().resolve("out/2026-10/rerun-nightly-2026-11-02-run2.csv")))
                .containsExactly(HEADER);

        // a second September file (no statement has closed the period yet): September's performance alone changes,
        // in September's report alone:
        // 1,239,491.62 + 10,000.00 = 1,249,491.62
        ws.inboxFile("b.csv", TestWorkspace.CURRENT_HEADER, TestWorkspace.usage("s2", "C1", "2026-09-03", "10000.00"));
        String late = printed(() -> Cli.run(ws.root(), url, "rerun", "nightly", "--date", "2026-11-02"));
        assertThat(late.lines().filter(l -> l.startsWith("changed: ")).toList()).containsExactly(
                "changed: 2026-09 P1 performance CNY: 1,239,491.62 → 1,249,491.62 (+10,000.00)");
        assertThat(Files.readAllLines(ws.root().resolve("out/2026-09/rerun-nightly-2026-11-02-run3.csv")))
                .containsExactly(HEADER, "2026-09,P1,performance,CNY,1239491.62,1249491.62,10000");
        assertThat(Files.readAllLines(ws.root().resolve("out/2026-10/rerun-nightly-2026-11-02-run3.csv")))
                .containsExactly(HEADER);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.jdbc().queryForList(
                    "SELECT outcome FROM operator_action WHERE action = 'RERUN' ORDER BY action_id", String.class))
                    .containsExactly("COMPLETED, 0 figure(s) changed", "COMPLETED, 1 figure(s) changed");
        }
    }

    /** What a command prints on standard output. */
    static String printed(Runnable command) {
        PrintStream was = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.run();
        } finally {
            System.setOut(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
