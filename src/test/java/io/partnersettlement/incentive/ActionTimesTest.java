package io.partnersettlement.incentive;

import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestWorkspace;

/** The times the engine records for operators' and runs' actions are its clock's, so a test (or a replay) can fix them. */
class ActionTimesTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @Test
    void ingestFreezesConfirmationsAndTheAuditTrailAreStampedByTheEnginesClock() {
        TestWorkspace ws = fixture.workspace()
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
        ws.inboxFile("a.csv", CURRENT_HEADER, usage("r1", "C1", "2026-09-01", "1000.00"),
                usage("r2", "C1", "2026-09-02", "10.00"));
        Instant noon = Instant.parse("2026-11-03T12:00:00Z");
        Engine engine = fixture.engine(ws.root(), null, Map.of(), Clock.fixed(noon, ZoneOffset.UTC));
        engine.nightly("2026-11-02");
        engine.monthly("2026-09", "2026-11-02");
        String detail = engine.jdbc().queryForObject("SELECT MIN(detail_id) FROM incentive_detail", String.class);
        engine.bean(DetailFreezes.class).freeze(detail, "disputed", "op");
        engine.monthly("2026-09", "2026-11-02"); // the statement again, without the frozen detail
        engine.bean(OperatorAudit.class).record(new OperatorAudit.Action("op", "CONFIRM", "period 2026-09",
                "--period 2026-09", null), () -> engine.bean(StatementLifecycle.class).confirmPeriod("2026-09", "op"),
                n -> "confirmed " + n);

        Timestamp at = Timestamp.from(noon);
        // the inbox file's registration and settlement
        assertThat(engine.jdbc().queryForList("SELECT registered_at FROM ingest_file", Timestamp.class)).containsOnly(at);
        assertThat(engine.jdbc().queryForList("SELECT finished_at FROM ingest_file", Timestamp.class)).containsOnly(at);
        assertThat(engine.jdbc().queryForList("SELECT frozen_at FROM manual_freeze", Timestamp.class)).containsOnly(at);
        assertThat(engine.jdbc().queryForList("SELECT acted_at FROM detail_action", Timestamp.class)).containsOnly(at);
        // the monthly run's generations and the operator's confirmation alike
        assertThat(engine.jdbc().queryForList("SELECT changed_by, changed_at FROM statement_history"))
                .extracting(row -> row.get("CHANGED_BY") + " " + row.get("CHANGED_AT"))
                .contains("monthly-run " + at, "op " + at).allMatch(row -> row.endsWith(" " + at));
        assertThat(engine.jdbc().queryForList("SELECT acted_at FROM operator_action", Timestamp.class)).containsOnly(at);
    }
}
