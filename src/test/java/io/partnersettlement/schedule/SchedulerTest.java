package io.partnersettlement.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

class SchedulerTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    @Test
    void aFiringCatchesUpEveryMissedDateOnceInOrder() {
        LocalDate today = LocalDate.parse("2026-11-10");
        assertThat(CatchUp.businessDates(null, today)).containsExactly(today);
        assertThat(CatchUp.businessDates(today, today)).containsExactly(today);
        // down for three nights: 11-08, 11-09 and 11-10 run, in that order
        assertThat(CatchUp.businessDates(LocalDate.parse("2026-11-07"), today)).containsExactly(
                LocalDate.parse("2026-11-08"), LocalDate.parse("2026-11-09"), today);
        assertThat(CatchUp.periods(YearMonth.parse("2026-08"), YearMonth.parse("2026-10")))
                .containsExactly(YearMonth.parse("2026-09"), YearMonth.parse("2026-10"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSchedulerRunsTheCatalogAndCatchesUpAfterDowntime(TestDatabase database) throws Exception {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws"))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.write("jobs/nightly.properties", "job=nightlyJob", List.of("schedule=*/2 * * * * ?", "data-lag-days=2"));
        var catalog = JobCatalog.read(ws.root().resolve("jobs"));
        LocalDate businessDate = LocalDate.now().minusDays(2);
        String url = fixture.database(database);
        // on H2, the scheduler's process opens the database as ./run.sh scheduler does
        var properties = java.util.Map.<String, Object>of("spring.datasource.url",
                new io.partnersettlement.workspace.Workspace(ws.root()).h2UrlSafeFromInterrupts());
        try (Engine engine = new Engine(ws.root(), url, properties)) {
            EngineScheduler scheduler = engine.bean(EngineScheduler.class);
            scheduler.start(catalog);
            waitFor(engine, 1);
            settle(scheduler);
            assertThat(engine.jdbc().queryForObject("SELECT last_business_date FROM schedule_state", LocalDate.class))
                    .isEqualTo(businessDate);
            // down for three nights: the last run on record is three days back
            engine.jdbc().update("UPDATE schedule_state SET last_business_date = ?", java.sql.Date.valueOf(businessDate.minusDays(3)));
        }
        try (Engine engine = new Engine(ws.root(), url, properties)) {
            long before = executions(engine);
            EngineScheduler scheduler = engine.bean(EngineScheduler.class);
            scheduler.start(catalog);
            waitFor(engine, before + 3);
            settle(scheduler);
            // the missed dates ran once each, in order, then the firing's own
            List<String> dates = engine.jdbc().queryForList("""
                    SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
                     WHERE p.PARAMETER_NAME = 'businessDate' ORDER BY p.JOB_EXECUTION_ID""", String.class);
            assertThat(dates.subList((int) before, (int) before + 3)).containsExactly(
                    businessDate.minusDays(2).toString(), businessDate.minusDays(1).toString(), businessDate.toString());
        }
    }

    /** Lets the firing under way finish, then stops the scheduler. */
    private static void settle(EngineScheduler scheduler) throws InterruptedException {
        scheduler.pause();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (scheduler.busy() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        scheduler.stop();
    }

    private static long executions(Engine engine) {
        return engine.count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'");
    }

    private static void waitFor(Engine engine, long completed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (executions(engine) < completed) {
            assertThat(System.nanoTime()).as("scheduled runs did not complete in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
