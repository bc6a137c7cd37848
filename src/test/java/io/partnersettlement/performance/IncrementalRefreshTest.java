package io.partnersettlement.performance;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.record;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.support.ChildRun;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The nightly refresh adds a night's rows to its periods' aggregates when their refresh state allows, and the rows are
 * then exactly those of a full rebuild: several nights into one period, a reference change between nights, a night
 * killed in the refresh and restarted, an abandoned night and a rerun — each compared, every row of every aggregate
 * table, with the period rebuilt whole, on H2 and PostgreSQL. Two partner ranges a period, so that a range's rows and
 * the period-wide outcomes are added apart.
 */
class IncrementalRefreshTest {

    static final String SEPTEMBER = "2026-09";
    static final String AUGUST = "2026-08";
    static final List<String> AGGREGATES = List.of("performance_period", "performance_daily", "performance_manager",
            "performance_service", "performance_customer", "consumption_outcome");
    static final Map<String, Object> TWO_RANGES = Map.of("settlement.partitions", 2);

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    TestWorkspace workspace() {
        return fixture.workspace()
                .partner("P1", "CORE", "BANK_TRANSFER")
                .partner("P2", "STANDARD", "VOUCHER_QUOTA")
                .partner("P3", "STANDARD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .customer("C2", "P2", "RESALE", "2025-01-01", "")
                .customer("C3", "P3", "REFERRAL", "2025-01-01", "")
                .manager("C1", "M1", "2025-06-01")
                .writeReference();
    }

    /** The files of night 1, 2 and 3 (C9 is nobody's customer: unattributed). */
    static void night(TestWorkspace ws, int night) {
        switch (night) {
            case 1 -> ws.inboxFile("n1.csv", CURRENT_HEADER,
                    usage("a1", "C1", "2026-09-01", "100.00"),
                    usage("a2", "C2", "2026-09-01", "40.00"),
                    record("a3", "C1", "2026-09-02", "5", "hws.service.type.rds", "", "20.00", "5.00", "0", "0"),
                    usage("a4", "C9", "2026-09-02", "5.00"));
            case 2 -> ws.inboxFile("n2.csv", CURRENT_HEADER,
                    usage("b1", "C1", "2026-09-01", "10.00"),
                    usage("b2", "C3", "2026-09-03", "7.00"),
                    record("b3", "C1", "2026-09-03", "20", "hws.service.type.ec2", "", "30.00", "0", "0", "0"),
                    usage("b5", "C9", "2026-09-03", "2.50"));
            case 3 -> {
                ws.inboxFile("n3.csv", CURRENT_HEADER,
                        usage("c1", "C1", "2026-09-04", "1.005"),
                        usage("c2", "C9", "2026-09-01", "1.00"),
                        record("c3", "C2", "2026-09-04", "77", "hws.service.type.ec2", "", "3.00", "0", "0", "0"),
                        // b1 again: a repeat, counted once
                        usage("b1", "C1", "2026-09-01", "10.00"),
                        // an August record: August has no refresh state, so it is rebuilt whole the same night
                        usage("c6", "C1", "2026-08-31", "9.00"));
                ws.inboxFile("n3b.csv", CURRENT_HEADER,
                        usage("c4", "C2", "2026-09-04", "0.01"),
                        record("c5", "C1", "2026-09-04", "1", "hws.service.type.storedvaluecard", "SVC1", "500.00", "0",
                                "0", "0"));
            }
            default -> throw new IllegalArgumentException("no night " + night);
        }
    }

    static String date(int night) {
        return "2026-09-0" + (night + 2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nightsAddTheirRowsAndTheAggregatesAreThoseOfAFullRebuild(TestDatabase database) {
        TestWorkspace ws = workspace();
        Engine engine = fixture.engine(ws.root(), fixture.database(database), TWO_RANGES, null);
        night(ws, 1);
        assertThat(mode(nightly(engine, date(1)), SEPTEMBER)).isEqualTo("full no refresh state");
        assertSameAsRebuiltWhole(engine, SEPTEMBER);
        night(ws, 2);
        assertThat(mode(nightly(engine, date(2)), SEPTEMBER)).startsWith("incremental ");
        assertSameAsRebuiltWhole(engine, SEPTEMBER);
        night(ws, 3);
        JobExecution third = nightly(engine, date(3));
        assertThat(mode(third, SEPTEMBER)).startsWith("incremental ");
        assertThat(mode(third, AUGUST)).isEqualTo("full no refresh state");

        // P1: a1 100 + a3 (cash 20 + credit 5) 25 + b1 10 − b3 |30| (a refund) + c1 1.005 = 106.005, five records
        //     (the repeated b1 counts once; c5 buys a stored-value card: attributed, no performance)
        assertThat(performance(engine, "P1", SEPTEMBER)).isEqualByComparingTo("106.005");
        assertThat(engine.count("SELECT record_count FROM performance_period WHERE partner_id = 'P1' AND period = ?",
                SEPTEMBER)).isEqualTo(5);
        // P2: a2 40 + c4 0.01 = 40.01 (c3's bill type 77 is unknown: unclassified); P3: b2 7
        assertThat(performance(engine, "P2", SEPTEMBER)).isEqualByComparingTo("40.01");
        assertThat(performance(engine, "P3", SEPTEMBER)).isEqualByComparingTo("7");
        // P1 on 09-01, one row from two nights: a1 100 + b1 10 = 110
        assertThat(engine.decimal("""
                SELECT performance FROM performance_daily WHERE partner_id = 'P1' AND bill_date = DATE '2026-09-01'"""))
                .isEqualByComparingTo("110");
        // unattributed C9 over three nights: a4 5.00 (09-02) + b5 2.50 (09-03) + c2 1.00 (09-01) = 8.50, three
        // records, its bill dates widened to 09-01 … 09-03
        assertThat(engine.jdbc().queryForObject("""
                SELECT record_count || ' ' || CAST(payment_amount AS DECIMAL(10,2))
                       || ' ' || CAST(first_bill_date AS VARCHAR(10)) || ' ' || CAST(last_bill_date AS VARCHAR(10))
                  FROM consumption_outcome WHERE period = ? AND outcome = 'UNATTRIBUTED'""", String.class, SEPTEMBER))
                .isEqualTo("3 8.50 2026-09-01 2026-09-03");
        assertThat(performance(engine, "P1", AUGUST)).isEqualByComparingTo("9");
        assertSameAsRebuiltWhole(engine, SEPTEMBER, AUGUST);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReferenceChangeBetweenNightsMakesTheNextNightRebuildTheWholePeriod(TestDatabase database) {
        TestWorkspace ws = workspace();
        Engine engine = fixture.engine(ws.root(), fixture.database(database), TWO_RANGES, null);
        night(ws, 1);
        nightly(engine, date(1));
        // C9 becomes P3's customer from the start of September: night 1's unattributed a4 is P3's now
        ws.customer("C9", "P3", "REFERRAL", "2026-09-01", "").writeReference();
        night(ws, 2);
        assertThat(mode(nightly(engine, date(2)), SEPTEMBER)).isEqualTo("full the classification inputs changed");
        // P3: a4 5.00 (night 1, classified again) + b2 7.00 + b5 2.50 = 14.50
        assertThat(performance(engine, "P3", SEPTEMBER)).isEqualByComparingTo("14.50");
        assertThat(engine.count("""
                SELECT COUNT(*) FROM consumption_outcome WHERE period = ? AND outcome = 'UNATTRIBUTED'""", SEPTEMBER))
                .isZero();
        assertSameAsRebuiltWhole(engine, SEPTEMBER);
        // and the night after adds to the rebuilt period again
        night(ws, 3);
        assertThat(mode(nightly(engine, date(3)), SEPTEMBER)).startsWith("incremental ");
        // P3: 14.50 + c2 1.00 (C9 on 09-01) = 15.50
        assertThat(performance(engine, "P3", SEPTEMBER)).isEqualByComparingTo("15.50");
        assertSameAsRebuiltWhole(engine, SEPTEMBER, AUGUST);
    }

    static List<Arguments> killPoints() {
        List<Arguments> points = new ArrayList<>();
        for (TestDatabase database : TestDatabase.values()) {
            // a range committed, its step execution not yet saved complete: the restart must not add it again
            points.add(Arguments.of(database, "performance.partition.committed#1"));
        }
        // one range's rows added and committed, the other range's rolled back
        points.add(Arguments.of(TestDatabase.POSTGRESQL, "performance.refreshed#2"));
        // every range done, the states saved, the step not yet complete
        points.add(Arguments.of(TestDatabase.H2, "performance.states.saved#1"));
        return points;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("killPoints")
    void aNightKilledInTheRefreshRestartsToTheRowsOfAFullRebuild(TestDatabase database, String crashAt)
            throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        // the partitions one after the other, so that the n-th to reach a point is the n-th to run
        Engine engine = secondNightKilled(ws, url, "-Dsettlement.crash-at=" + crashAt,
                "-Dsettlement.partition-threads=1");
        JobExecution restarted = engine.bean(JobRuns.class).restart(null);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(mode(restarted, SEPTEMBER)).startsWith("incremental ");
        // P1: a1 100 + a3 25 + b1 10 − b3 30 = 105, each record once
        assertThat(performance(engine, "P1", SEPTEMBER)).isEqualByComparingTo("105");
        assertSameAsRebuiltWhole(engine, SEPTEMBER);
        night(ws, 3);
        assertThat(mode(nightly(engine, date(3)), SEPTEMBER)).startsWith("incremental ");
        assertSameAsRebuiltWhole(engine, SEPTEMBER, AUGUST);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAbandonedNightAndARerunLeaveTheNextNightsEqualToAFullRebuild(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace();
        String url = fixture.database(database);
        // killed writing its second block of two lines: the first is in
        Engine engine = secondNightKilled(ws, url, "-Dsettlement.crash-at=ingest.write#2", "-Dsettlement.chunk-size=2");
        assertThat(engine.count("SELECT COUNT(*) FROM ingest_file_period WHERE period = ?", SEPTEMBER)).isEqualTo(2);
        JobRuns runs = engine.bean(JobRuns.class);
        runs.abandon(runs.latestUnfinished().orElseThrow());
        // what the abandoned run took from its files is gone: September's state with it
        assertThat(engine.bean(RefreshStates.class).find(SEPTEMBER)).isEmpty();
        // night 2's files, still in the inbox, come in with the next run, whole
        assertThat(mode(nightly(engine, date(2)), SEPTEMBER)).isEqualTo("full no refresh state");
        assertSameAsRebuiltWhole(engine, SEPTEMBER);
        // a rerun of night 1's date rebuilds; the night after adds to it
        JobExecution rerun = runs.rerunNightly(NightlyJobConfiguration.NIGHTLY_JOB, LocalDate.parse(date(1)));
        assertThat(rerun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(mode(rerun, SEPTEMBER)).isEqualTo("full a rerun rebuilds its periods");
        night(ws, 3);
        assertThat(mode(nightly(engine, date(3)), SEPTEMBER)).startsWith("incremental ");
        // P1: a1 100 + a3 25 + b1 10 − b3 30 + c1 1.005 = 106.005, as without the abandoned run
        assertThat(performance(engine, "P1", SEPTEMBER)).isEqualByComparingTo("106.005");
        assertSameAsRebuiltWhole(engine, SEPTEMBER, AUGUST);
    }

    /**
     * Night 1 in this process, night 2 in a child JVM that kills itself as {@code options} say; answers the engine
     * booted again on the workspace and database.
     */
    Engine secondNightKilled(TestWorkspace ws, String url, String... options) throws Exception {
        try (Engine engine = new Engine(ws.root(), url, TWO_RANGES)) {
            night(ws, 1);
            nightly(engine, date(1));
        }
        night(ws, 2);
        List<String> jvm = new ArrayList<>(List.of(options));
        // a short lease: the restart or abandon waits for the dead child's lease to end
        jvm.addAll(List.of("-Dsettlement.partitions=2", "-Dsettlement.ledger.lease=5s",
                "-Dsettlement.ledger.heartbeat=1s"));
        Path log = dir.resolve("child.log");
        Process child = ChildRun.nightly(ws.root(), url, date(2), log, jvm.toArray(new String[0]));
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed (exit 137 = SIGKILL) as %s says (see %s)", jvm, log).isEqualTo(137);
        return fixture.engine(ws.root(), url, TWO_RANGES, null);
    }

    static JobExecution nightly(Engine engine, String date) {
        JobExecution execution = engine.nightly(date);
        assertThat(execution.getStatus()).as("nightly %s", date).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    /** How the run planned to refresh the period, as its partitions (all of them alike) keep it. */
    static String mode(JobExecution execution, String period) {
        String plan = execution.getExecutionContext()
                .getString("partitions." + NightlyJobConfiguration.REFRESH_PERFORMANCE_STEP);
        List<String> modes = plan.lines().filter(line -> line.contains("\tperiod=" + period + "\t"))
                .map(line -> line.substring(line.indexOf("\trefresh=") + "\trefresh=".length())).distinct().toList();
        assertThat(modes).as("the modes of %s's partitions in %s", period, plan).hasSize(1);
        return modes.get(0);
    }

    static BigDecimal performance(Engine engine, String partner, String period) {
        return engine.decimal("SELECT SUM(performance) FROM performance_period WHERE partner_id = ? AND period = ?",
                partner, period);
    }

    /**
     * Every aggregate row of the periods, then the periods rebuilt whole and every row again: the same, column by
     * column; and each period's state holds the records per file the rebuild read.
     */
    static void assertSameAsRebuiltWhole(Engine engine, String... periods) {
        Map<String, List<String>> added = aggregates(engine);
        Map<String, String> recordsByFile = new LinkedHashMap<>();
        for (String period : periods) {
            recordsByFile.put(period, RecordsByFile.format(engine.bean(PerformanceRefresh.class).refresh(period)));
        }
        assertThat(aggregates(engine)).isEqualTo(added);
        assertThat(added.get("performance_period")).isNotEmpty();
        for (String period : periods) {
            assertThat(engine.bean(RefreshStates.class).find(period)).as("state of %s", period).get()
                    .satisfies(state -> {
                        assertThat(state.recordsByFile()).isEqualTo(recordsByFile.get(period));
                        assertThat(state.files()).isEqualTo(engine.bean(RefreshStates.class).files(period));
                    });
        }
    }

    /** Every row of every aggregate table, all columns, sorted. */
    static Map<String, List<String>> aggregates(Engine engine) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : AGGREGATES) {
            tables.put(table, engine.jdbc().queryForList("SELECT * FROM " + table).stream()
                    .map(row -> new java.util.TreeMap<>(row).toString()).sorted().toList());
        }
        return tables;
    }
}
