package io.partnersettlement.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Cli;
import io.partnersettlement.support.Cli.Result;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The command line's contract with operators and scripts: exit codes 0 done, 1 failed, 2 usage error, 3 done with
 * partner or order failures; one line per problem, no stack trace unless asked for; nothing created in a folder that
 * is not a workspace; and the read-only commands statements, trace and audit.
 */
class CommandLineContractTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    /** P1 (CORE, bank transfer) with one customer, C1, and two September records: 20000.00 and 5000.00 in cash. */
    TestWorkspace onePartner() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", TestWorkspace.CURRENT_HEADER, TestWorkspace.usage("a1", "C1", "2026-09-01", "20000.00"),
                TestWorkspace.usage("a2", "C1", "2026-09-14", "5000.00"));
        return ws;
    }

    static void noStackTrace(Result r) {
        assertThat(r.out() + r.err()).doesNotContain("\tat ", "Exception:", "Caused by");
    }

    @Test
    void aFolderThatIsNotAWorkspaceIsNamedAndNothingIsCreated() {
        Path typo = dir.resolve("typo-ws");
        for (String command : List.of("status", "audit", "statements", "nightly", "confirm --period 2026-09")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--workspace=" + typo);
            Result r = Cli.capture(args.toArray(new String[0]));
            assertThat(r.exitCode()).as(command).isEqualTo(SettlementCli.USAGE);
            assertThat(r.err().lines()).as(command).hasSize(1);
            assertThat(r.err()).as(command).contains("is not a workspace", typo.resolve("reference").toString());
            noStackTrace(r);
            assertThat(typo).as(command).doesNotExist();
        }
        // without --workspace the default, ./workspace, is named, and not created
        if (!Files.exists(Path.of("workspace")) && System.getenv("SETTLEMENT_WORKSPACE") == null) {
            Result r = Cli.capture("status");
            assertThat(r.exitCode()).isEqualTo(SettlementCli.USAGE);
            assertThat(r.err()).startsWith("error: ./workspace (the default: --workspace not given) is not a workspace");
            assertThat(Path.of("workspace")).doesNotExist();
        }
        // an existing folder without reference/ is not one either, and stays empty
        Path empty = dir.resolve("empty");
        empty.toFile().mkdirs();
        assertThat(Cli.capture("nightly", "--date", "2026-10-02", "--workspace=" + empty).exitCode()).isEqualTo(2);
        assertThat(empty.toFile().list()).isEmpty();
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        TestWorkspace ws = onePartner();
        Result badDate = Cli.capture(ws.root(), null, "nightly", "--date", "2026-02-30");
        assertThat(badDate.exitCode()).isEqualTo(SettlementCli.USAGE);
        assertThat(badDate.err()).startsWith("error: Invalid value for option '--date': '2026-02-30' is not a date")
                .contains("usage: ./run.sh nightly --help").doesNotContain("Options:", "--workspace=DIR");
        assertThat(badDate.err().lines()).hasSize(2);
        noStackTrace(badDate);
        assertThat(Cli.capture(ws.root(), null, "monthly", "--period", "2026-13").err()).contains("'2026-13' is not a period");
        assertThat(Cli.capture(ws.root(), null, "monthly", "--period", "2026-13").exitCode()).isEqualTo(2);
        assertThat(Cli.capture("nightly", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(Cli.capture("no-such-command").exitCode()).isEqualTo(2);
        // nothing was attempted: no database was created
        assertThat(ws.root().resolve("db")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyBadReferenceLineIsNamedWithoutAStackTrace(TestDatabase database) throws Exception {
        TestWorkspace ws = onePartner();
        // two customers of partners that do not exist, on lines 3 and 4
        ws.write("reference/customers.csv", "customer_id,customer_name,partner_id,association_type,associated_on,dissociated_on",
                List.of("C1,客户C1,P1,REFERRAL,2025-01-01,", "C2,客户C2,NOPE,REFERRAL,2025-01-01,",
                        "C3,客户C3,NADA,RESALE,2025-01-01,"));
        String url = fixture.database(database);
        Result r = Cli.capture(ws.root(), url, "nightly", "--date", "2026-10-02");
        assertThat(r.exitCode()).isEqualTo(SettlementCli.FAILED);
        assertThat(r.err()).contains("customers.csv line 3: partner NOPE is not in partners.csv",
                "customers.csv line 4: partner NADA is not in partners.csv");
        noStackTrace(r);

        // 25 bad lines: the first 20 shown, then how many more and where they all are
        List<String> many = new ArrayList<>(List.of("C1,客户C1,P1,REFERRAL,2025-01-01,"));
        for (int i = 0; i < 25; i++) {
            many.add("X" + i + ",客户,NOPE" + i + ",REFERRAL,2025-01-01,");
        }
        ws.write("reference/customers.csv",
                "customer_id,customer_name,partner_id,association_type,associated_on,dissociated_on", many);
        Result restart = Cli.capture(ws.root(), url, "restart");
        assertThat(restart.exitCode()).isEqualTo(SettlementCli.FAILED);
        // lines 3 to 27 hold partners NOPE0 to NOPE24: lines 3 to 22 are shown
        assertThat(restart.err()).contains("customers.csv line 22: partner NOPE19", "… and 5 more: every problem is listed in")
                .doesNotContain("line 23:");
        assertThat(Files.readAllLines(ws.root().resolve("rejects/reference-problems.txt")))
                .hasSize(25).contains("reference/customers.csv line 27: partner NOPE24 is not in partners.csv");
        noStackTrace(restart);
        // --debug shows the stack trace
        assertThat(Cli.capture(ws.root(), url, "restart", "--debug").err()).contains("\tat ");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void repeatedActionsAreDoneAndStatesAreReadInAnyCase(TestDatabase database) {
        TestWorkspace ws = onePartner();
        String url = fixture.database(database);
        assertThat(Cli.capture(ws.root(), url, "nightly", "--date", "2026-10-02").exitCode()).isZero();
        assertThat(Cli.capture(ws.root(), url, "monthly", "--period", "2026-09", "--date", "2026-10-02").exitCode()).isZero();
        assertThat(Cli.capture(ws.root(), url, "confirm", "--statements", "ST-202609-P1").exitCode()).isZero();
        Result again = Cli.capture(ws.root(), url, "confirm", "--statements", "ST-202609-P1");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already confirmed (nothing to do): ST-202609-P1");
        Result period = Cli.capture(ws.root(), url, "confirm", "--period", "2026-09");
        assertThat(period.exitCode()).isZero();
        assertThat(period.out()).contains("already confirmed");
        assertThat(Cli.capture(ws.root(), url, "transition", "--statement", "ST-202609-P1", "--to", "countersigning")
                .exitCode()).isZero();
        // a refused transition fails in one line
        Result refused = Cli.capture(ws.root(), url, "transition", "--statement", "ST-202609-P1", "--to", "paid");
        assertThat(refused.exitCode()).isEqualTo(SettlementCli.FAILED);
        assertThat(refused.err()).startsWith("error: ST-202609-P1 is COUNTERSIGNING: it cannot go to PAID");
        noStackTrace(refused);
        // an execution id that never existed is named as such, for restart and abandon alike
        for (String action : List.of("restart", "abandon")) {
            Result unknown = Cli.capture(ws.root(), url, action, "--execution", "99999");
            assertThat(unknown.exitCode()).as(action).isEqualTo(SettlementCli.FAILED);
            assertThat(unknown.err()).as(action).startsWith("error: no run with execution id 99999");
            noStackTrace(unknown);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void statementsTraceAndAuditReadTheLedger(TestDatabase database) {
        TestWorkspace ws = onePartner();
        String url = fixture.database(database);
        // before any run there is nothing to read, and reading creates nothing
        Result none = Cli.capture(ws.root(), url, "statements");
        assertThat(none.exitCode()).isEqualTo(SettlementCli.FAILED);
        assertThat(none.err()).contains("the first ./run.sh nightly creates it");
        assertThat(ws.root().resolve("db")).doesNotExist();

        assertThat(Cli.capture(ws.root(), url, "nightly", "--date", "2026-10-02").exitCode()).isZero();
        assertThat(Cli.capture(ws.root(), url, "monthly", "--period", "2026-09", "--date", "2026-10-02").exitCode()).isZero();
        // (20000.00 + 5000.00) × 9 % (CORE referral) = 2250.00, generated for 2026-10-02: confirmed on 10-09 at the latest
        Result statements = Cli.capture(ws.root(), url, "statements", "--status", "pending_confirmation");
        assertThat(statements.exitCode()).isZero();
        assertThat(statements.out()).containsPattern(
                "ST-202609-P1 +P1 +2026-09 PENDING_CONFIRMATION +2,250\\.00 CNY 2026-10-02 2026-10-09");
        assertThat(Cli.capture(ws.root(), url, "statements", "--due-before", "2026-10-09").out())
                .contains("0 statement(s)");
        assertThat(Cli.capture(ws.root(), url, "statements", "--due-before", "2026-10-10", "--partner", "P1",
                "--period", "2026-09").out()).contains("1 statement(s)");

        assertThat(Cli.capture(ws.root(), url, "confirm", "--statements", "ST-202609-P1", "--operator", "li").exitCode())
                .isZero();
        assertThat(Cli.capture(ws.root(), url, "transition", "--statement", "ST-202609-P1", "--to", "PAID",
                "--operator", "wang").exitCode()).isEqualTo(1);

        String detail = detailOf(ws, url);
        Result trace = Cli.capture(ws.root(), url, "trace", "--detail", detail);
        assertThat(trace.exitCode()).isZero();
        // both records, file and line (the header is line 1), adding up to the base 25000
        assertThat(trace.out()).containsPattern("archive/a\\.csv +2 +a1 +2026-09-01 5 +20000 +20000 +0 +20000")
                .containsPattern("archive/a\\.csv +3 +a2 +2026-09-14 5 +5000 +5000 +0 +5000")
                .contains("2 record(s), adding up to a base of 25000",
                        "statement ST-202609-P1 (PENDING_COUNTERSIGN) counts it as OWN AVAILABLE: 2250 CNY — settled in it");
        assertThat(Cli.capture(ws.root(), url, "trace", "--detail", "D-nope").exitCode()).isEqualTo(1);

        Result refusals = Cli.capture(ws.root(), url, "audit", "--outcome", "REFUSED", "--csv");
        assertThat(refusals.out().lines()).hasSize(2).first().isEqualTo("acted_at,operator,action,subject,parameters,note,outcome");
        assertThat(refusals.out()).contains(",wang,TRANSITION,ST-202609-P1,--to PAID,,refused: ST-202609-P1 is PENDING_COUNTERSIGN");
        assertThat(Cli.capture(ws.root(), url, "audit", "--operator", "li", "--action", "confirm").out())
                .contains("li", "CONFIRM", "confirmed 1 statement(s)").doesNotContain("wang");
    }

    /** The one detail of the workspace, as the incentives workbook lists it. */
    private static String detailOf(TestWorkspace ws, String url) {
        try (var engine = new io.partnersettlement.support.Engine(ws.root(), url)) {
            return engine.jdbc().queryForObject("SELECT detail_id FROM incentive_detail", String.class);
        }
    }
}
