package io.partnersettlement.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Every endpoint of the console's JSON API over the real H2 database of the sample workspace (ConsoleFixture), with the
 * real sign-in: each read for both roles, each action for OPERATOR and refused (403) for ANALYST, 401 without or with
 * wrong credentials, 404 for unknown ids, 409 for refused actions with the engine's reason, the CSRF token of the
 * pages' forms, and the throttle on wrong passwords. Statements used here: ST-202609-P003, P004 (confirmed), P010 and
 * P011 (a refused confirmation), details of P012 (freeze and release).
 */
class ConsoleApiTest {

    static ConsoleFixture console;
    static MockMvc mvc;

    @BeforeAll
    static void start() {
        console = ConsoleFixture.shared();
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) console.context)
                .apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    static MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(ConsoleFixture.OPERATOR, ConsoleFixture.OPERATOR_PASSWORD));
    }

    static MockHttpServletRequestBuilder asAnalyst(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(ConsoleFixture.ANALYST, ConsoleFixture.ANALYST_PASSWORD));
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void everyReadAnswersBothRoles() throws Exception {
        long nightly = console.jdbc().queryForObject("""
                SELECT MIN(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'nightlyJob'""",
                Long.class);
        long ingested = console.jdbc().queryForObject("SELECT SUM(records_ingested) FROM ingest_file", Long.class);
        for (var as : List.<java.util.function.UnaryOperator<MockHttpServletRequestBuilder>>of(
                ConsoleApiTest::asOperator, ConsoleApiTest::asAnalyst)) {
            mvc.perform(as.apply(get("/api/runs"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[?(@.executionId == " + nightly + ")].state").value(hasItem("COMPLETED")))
                    .andExpect(jsonPath("$[?(@.executionId == " + nightly + ")].written").value(hasItem((int) ingested)));
            mvc.perform(as.apply(get("/api/runs/" + nightly))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.job").value("nightly"))
                    .andExpect(jsonPath("$.businessDate").value("2026-11-02"))
                    .andExpect(jsonPath("$.steps[0].name").value("loadReferenceDataStep"));
            // the sample's twelve partners each have a statement of 2026-09
            mvc.perform(as.apply(get("/api/statements").param("period", "2026-09")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(12)));
            mvc.perform(as.apply(get("/api/statements").param("partner", "P012").param("period", "2026-09")))
                    .andExpect(jsonPath("$", hasSize(1)))
                    .andExpect(jsonPath("$[0].statementId").value("ST-202609-P012"))
                    // generated for 2026-11-02, confirmed automatically 7 days on
                    .andExpect(jsonPath("$[0].autoConfirmOn").value(console.status("ST-202609-P012")
                            .equals("PENDING_CONFIRMATION") ? "2026-11-09" : null));
            mvc.perform(as.apply(get("/api/statements").param("dueBefore", "2026-11-09"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$", hasSize(0)));
            mvc.perform(as.apply(get("/api/statements/ST-202609-P012"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$.row.partnerId").value("P012"))
                    .andExpect(jsonPath("$.figures.payable").exists())
                    .andExpect(jsonPath("$.details").isNotEmpty())
                    .andExpect(jsonPath("$.history").isArray());
            mvc.perform(as.apply(get("/api/audit").param("action", "confirm"))).andExpect(status().isOk());
            mvc.perform(as.apply(get("/api/audit.csv"))).andExpect(status().isOk())
                    .andExpect(content().string(startsWith("acted_at,operator,action,subject,parameters,note,outcome\n")));
            mvc.perform(as.apply(get("/api/workbooks"))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].path").value(hasItem("2026-09/statements/ST-202609-P012.xlsx")))
                    .andExpect(jsonPath("$[*].path").value(hasItem("2026-09/incentives-2026-09.xlsx")));
            byte[] workbook = mvc.perform(as.apply(get("/api/workbooks/file")
                            .param("path", "2026-09/statements/ST-202609-P012.xlsx")))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Disposition", containsString("ST-202609-P012.xlsx")))
                    .andReturn().getResponse().getContentAsByteArray();
            try (XSSFWorkbook opened = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
                assertThat(opened.getSheet("Statement")).isNotNull();
            }
        }
    }

    @Test
    void aDetailTracesToTheRecordsThatAddUpToItsBase() throws Exception {
        String detail = console.jdbc().queryForObject("""
                SELECT MIN(detail_id) FROM incentive_detail
                 WHERE period = '2026-09' AND partner_id = 'P012' AND parent_detail_id IS NULL AND record_count > 1""",
                String.class);
        BigDecimal base = console.jdbc().queryForObject("SELECT base FROM incentive_detail WHERE detail_id = ?",
                BigDecimal.class, detail);
        long records = console.jdbc().queryForObject("SELECT record_count FROM incentive_detail WHERE detail_id = ?",
                Long.class, detail);
        var response = mvc.perform(asAnalyst(get("/api/details/" + detail))).andExpect(status().isOk())
                .andExpect(jsonPath("$.records", hasSize((int) records)))
                .andExpect(jsonPath("$.records[0].file", startsWith("archive/")))
                .andExpect(jsonPath("$.records[0].line").isNumber())
                .andExpect(jsonPath("$.statements[0].statementId").value("ST-202609-P012"))
                .andReturn().getResponse().getContentAsString();
        // the records' contributions add up to the detail's base, to the cent
        String total = com.jayway.jsonpath.JsonPath.read(response, "$.recordsBase").toString();
        assertThat(new BigDecimal(total)).isEqualByComparingTo(base);
    }

    @Test
    void unknownIdsAre404WithAClearMessage() throws Exception {
        mvc.perform(asAnalyst(get("/api/statements/ST-209901-NOPE"))).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail", startsWith("no statement ST-209901-NOPE")))
                .andExpect(jsonPath("$.trace").doesNotExist());
        mvc.perform(asAnalyst(get("/api/details/D-NOPE"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", startsWith("no incentive detail D-NOPE")));
        mvc.perform(asAnalyst(get("/api/runs/987654"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", startsWith("no run with execution id 987654")));
        mvc.perform(asAnalyst(get("/api/workbooks/file").param("path", "../db/settlement.mv.db")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.detail", startsWith("no workbook ../db/")));
        mvc.perform(asOperator(json(post("/api/statements/confirm"), "{\"statementIds\":[\"ST-209901-NOPE\"]}")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.detail", containsString("ST-209901-NOPE")));
        mvc.perform(asOperator(json(post("/api/statements/ST-209901-NOPE/transition"), "{\"to\":\"COUNTERSIGNING\"}")))
                .andExpect(status().isNotFound());
        mvc.perform(asOperator(json(post("/api/details/D-NOPE/freeze"), "{\"reason\":\"x\"}")))
                .andExpect(status().isNotFound());
        mvc.perform(asOperator(json(post("/api/details/D-NOPE/release"), "{}"))).andExpect(status().isNotFound());
        mvc.perform(asOperator(json(post("/api/runs/987654/restart"), "{}"))).andExpect(status().isNotFound());
        // a value that is not one: 400, in one line
        mvc.perform(asAnalyst(get("/api/runs/abc"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'abc' is not a valid executionId"));
    }

    @Test
    void operatorActionsGoThroughAndAreAuditedUnderTheSignedInName() throws Exception {
        mvc.perform(asOperator(json(post("/api/statements/confirm"),
                        "{\"statementIds\":[\"ST-202609-P003\",\"ST-202609-P004\"],\"note\":\"checked\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.confirmed", hasSize(2)));
        assertThat(console.status("ST-202609-P003")).isEqualTo("PENDING_COUNTERSIGN");
        assertThat(console.status("ST-202609-P004")).isEqualTo("PENDING_COUNTERSIGN");
        // repeated: done already, nothing to do
        mvc.perform(asOperator(json(post("/api/statements/confirm"), "{\"statementIds\":[\"ST-202609-P003\"]}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.alreadyConfirmed[0]").value("ST-202609-P003"));
        mvc.perform(asOperator(json(post("/api/statements/ST-202609-P003/transition"),
                        "{\"to\":\"countersigning\",\"note\":\"sent to legal\"}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.changed").value(true));
        assertThat(console.status("ST-202609-P003")).isEqualTo("COUNTERSIGNING");
        mvc.perform(asAnalyst(get("/api/statements/ST-202609-P003")))
                .andExpect(jsonPath("$.transitions", hasItem("PENDING_PAYMENT_APPLICATION")))
                .andExpect(jsonPath("$.history[-1].changedBy").value("operator"))
                .andExpect(jsonPath("$.history[-1].note").value("sent to legal"));
        assertThat(console.jdbc().queryForList("""
                SELECT operator || ' ' || action || ' ' || subject || ' ' || outcome FROM operator_action
                 WHERE subject LIKE 'ST-202609-P003%' ORDER BY action_id""", String.class)).containsExactly(
                "operator CONFIRM ST-202609-P003,ST-202609-P004 confirmed 2 statement(s)",
                "operator CONFIRM ST-202609-P003 nothing to confirm; already confirmed: ST-202609-P003",
                "operator TRANSITION ST-202609-P003 now COUNTERSIGNING");
        // the workbooks follow: the confirmed statement's sheet shows its new status
        assertThat(console.jdbc().queryForObject("SELECT workbook_stale FROM statement WHERE statement_id = 'ST-202609-P003'",
                Boolean.class)).isFalse();

        String detail = availableDetailOf("P012");
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/freeze"), "{\"reason\":\"customer dispute #4411\"}")))
                .andExpect(status().isOk());
        mvc.perform(asAnalyst(get("/api/details/" + detail))).andExpect(jsonPath("$.status").value("FROZEN"))
                .andExpect(jsonPath("$.freezeReason").value("MANUAL"))
                .andExpect(jsonPath("$.manualFreeze.frozenBy").value("operator"));
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/release"), "{}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("AVAILABLE"));
        mvc.perform(asAnalyst(get("/api/details/" + detail))).andExpect(jsonPath("$.actions", hasSize(2)))
                .andExpect(jsonPath("$.actions[1].action").value("RELEASE"));

        mvc.perform(asOperator(json(post("/api/dry-runs"), "{\"period\":\"2026-09\",\"date\":\"2026-11-02\"}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.previews").value("2026-09/dry-run/2026-09"));
        mvc.perform(asOperator(json(post("/api/reruns"), "{\"job\":\"nightly\",\"date\":\"2026-11-02\"}")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("COMPLETED"))
                // the same inputs: no figure changes
                .andExpect(jsonPath("$.changes", hasSize(0)));
        assertThat(console.jdbc().queryForList("""
                SELECT action FROM operator_action WHERE operator = 'operator' AND action IN ('DRY_RUN', 'RERUN')
                   AND subject IN ('monthly 2026-09', 'nightly 2026-11-02') ORDER BY action_id""", String.class))
                .containsExactly("DRY_RUN", "RERUN");
    }

    @Test
    void refusedActionsAre409WithTheReasonOfEachStatement() throws Exception {
        mvc.perform(asOperator(json(post("/api/statements/ST-202609-P010/transition"), "{\"to\":\"PAID\"}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("ST-202609-P010 is PENDING_CONFIRMATION: it cannot go to PAID "
                        + "(confirm it first: ./run.sh confirm --statements ST-202609-P010)"));
        // a detail of P011 frozen after its statement was generated: P011 must be regenerated, so neither is confirmed
        String detail = availableDetailOf("P011");
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/freeze"), "{\"reason\":\"hold\"}")))
                .andExpect(status().isOk());
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/freeze"), "{\"reason\":\"again\"}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("detail " + detail + " is already frozen by an operator"));
        mvc.perform(asOperator(json(post("/api/statements/confirm"),
                        "{\"statementIds\":[\"ST-202609-P010\",\"ST-202609-P011\"]}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("nothing was confirmed")))
                .andExpect(jsonPath("$.refusals['ST-202609-P011']", startsWith("ST-202609-P011: 1 of the details it "
                        + "counts changed since it was generated")))
                .andExpect(jsonPath("$.refusals['ST-202609-P010']").doesNotExist());
        assertThat(console.status("ST-202609-P010")).isEqualTo("PENDING_CONFIRMATION");
        assertThat(console.jdbc().queryForObject("""
                SELECT outcome FROM operator_action WHERE subject = 'ST-202609-P010,ST-202609-P011'""", String.class))
                .startsWith("refused: ST-202609-P011: 1 of the details");
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/release"), "{}"))).andExpect(status().isOk());
        mvc.perform(asOperator(json(post("/api/details/" + detail + "/release"), "{}"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("is not frozen by an operator")));
        String completed = console.jdbc().queryForObject("SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION",
                String.class);
        mvc.perform(asOperator(json(post("/api/runs/" + completed + "/restart"), "{}"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("execution " + completed + " is COMPLETED: nothing to restart"));
        mvc.perform(asOperator(json(post("/api/reruns"), "{\"job\":\"weekly\"}"))).andExpect(status().isConflict());
        mvc.perform(asOperator(json(post("/api/statements/ST-202609-P010/transition"), "{\"to\":\"SHIPPED\"}")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("'SHIPPED' is not a statement state"));
    }

    @Test
    void aFailedRunIsRestartedFromTheConsole() throws Exception {
        // a customer of a partner that does not exist: the run fails at its reference data, before anything changes
        java.nio.file.Path customers = console.workspace.resolve("reference/customers.csv");
        String good = java.nio.file.Files.readString(customers);
        java.nio.file.Files.writeString(customers, good + "C99999,客户,P999,REFERRAL,2025-01-01,\n");
        try {
            mvc.perform(asOperator(json(post("/api/reruns"), "{\"job\":\"nightly\",\"date\":\"2026-11-05\"}")))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("FAILED"));
        } finally {
            java.nio.file.Files.writeString(customers, good);
        }
        long failed = console.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        mvc.perform(asAnalyst(get("/api/runs/" + failed))).andExpect(jsonPath("$.state").value("FAILED"))
                .andExpect(jsonPath("$.exitMessage", containsString("P999")));
        // the reference file corrected: the run resumes where it stopped (a new execution of the same run) and completes
        mvc.perform(asOperator(json(post("/api/runs/" + failed + "/restart"), "{}"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("COMPLETED"));
        long restarted = console.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(restarted).isGreaterThan(failed);
        mvc.perform(asAnalyst(get("/api/runs/" + restarted))).andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.businessDate").value("2026-11-05"));
        assertThat(console.jdbc().queryForList("SELECT operator || ' ' || subject || ': ' || outcome FROM operator_action"
                + " WHERE action = 'RESTART'", String.class))
                .contains("operator execution " + failed + ": execution " + restarted + " COMPLETED");
    }

    @Test
    void anAnalystReadsButEveryActionIs403AndStrangersAre401() throws Exception {
        for (var action : List.of(json(post("/api/statements/confirm"), "{\"statementIds\":[\"ST-202609-P009\"]}"),
                json(post("/api/statements/ST-202609-P009/transition"), "{\"to\":\"COUNTERSIGNING\"}"),
                json(post("/api/details/D-X/freeze"), "{\"reason\":\"r\"}"), json(post("/api/details/D-X/release"), "{}"),
                json(post("/api/runs/1/restart"), "{}"), json(post("/api/reruns"), "{\"job\":\"nightly\"}"),
                json(post("/api/dry-runs"), "{\"period\":\"2026-09\"}"))) {
            mvc.perform(asAnalyst(action)).andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail", containsString("needs the OPERATOR role")));
        }
        assertThat(console.status("ST-202609-P009")).isEqualTo("PENDING_CONFIRMATION");
        mvc.perform(get("/api/statements")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic")))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/statements").with(httpBasic(ConsoleFixture.ANALYST, "wrong")))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value("wrong user name or password"));
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
    }

    @Test
    void formsNeedTheirCsrfTokenAndTheApiTakesJsonOnly() throws Exception {
        var operator = user(ConsoleFixture.OPERATOR).roles("OPERATOR");
        // a form posted without its token (as another site's page would) is refused and changes nothing
        mvc.perform(post("/statements/confirm").param("statement", "ST-202609-P009").with(operator))
                .andExpect(status().isForbidden());
        mvc.perform(post("/details/D-X/freeze").param("reason", "r").with(operator)).andExpect(status().isForbidden());
        mvc.perform(post("/runs/1/restart").with(operator)).andExpect(status().isForbidden());
        assertThat(console.status("ST-202609-P009")).isEqualTo("PENDING_CONFIRMATION");
        // with its token it goes through to the engine, and the page says that there is no such detail
        mvc.perform(post("/details/D-X/freeze").param("reason", "r").with(operator).with(csrf()))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("no incentive detail D-X")));
        // an analyst's form is refused even with its token
        mvc.perform(post("/statements/confirm").param("statement", "ST-202609-P009")
                .with(user(ConsoleFixture.ANALYST).roles("ANALYST")).with(csrf())).andExpect(status().isForbidden());
        // the API's actions take JSON only, which no other site's form can send
        mvc.perform(asOperator(post("/api/statements/confirm")).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("statementIds=ST-202609-P009"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(console.status("ST-202609-P009")).isEqualTo("PENDING_CONFIRMATION");
        // the pages themselves: sign-in first
        mvc.perform(get("/statements")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/statements").with(operator)).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get("/statements/ST-209901-NOPE").with(operator)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("no statement ST-209901-NOPE")));
    }

    @Test
    void wrongPasswordsAreThrottled() throws Exception {
        // five wrong passwords from one address: then even the right one must wait (429, Retry-After)
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/statements").with(httpBasic(ConsoleFixture.GUESSED, "guess-" + i)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/statements").with(httpBasic(ConsoleFixture.GUESSED, ConsoleFixture.GUESSED_PASSWORD)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail", startsWith("too many failed sign-ins: try again in")));
        // another user from the same address is not held back
        mvc.perform(asAnalyst(get("/api/statements"))).andExpect(status().isOk());
    }

    @Test
    void healthMetricsAndTheApiDescription() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        long ingested = console.jdbc().queryForObject("SELECT SUM(records_ingested) FROM ingest_file", Long.class);
        long badDates = console.jdbc().queryForObject("SELECT COUNT(*) FROM rejected_line WHERE reason = 'BAD_DATE'",
                Long.class);
        String metrics = mvc.perform(asAnalyst(get("/actuator/prometheus"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(metrics).contains("settlement_records_ingested_total " + ingested + ".0")
                .contains("settlement_rejected_lines_total{reason=\"BAD_DATE\"} " + badDates + ".0")
                .contains("settlement_run_duration_seconds_count{job=\"nightly\",status=\"COMPLETED\"}")
                .contains("settlement_run_duration_seconds_sum{job=\"monthly\",status=\"COMPLETED\"}");
        assertThat(badDates).isPositive();
        mvc.perform(get("/v3/api-docs").with(user(ConsoleFixture.ANALYST).roles("ANALYST"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/statements/confirm'].post").exists())
                .andExpect(jsonPath("$.paths['/api/details/{detailId}'].get").exists());
    }

    /** An available detail of the partner's 2026-09 statement that no split or settlement touches. */
    static String availableDetailOf(String partner) {
        return console.jdbc().queryForObject("""
                SELECT MIN(d.detail_id) FROM incentive_detail d
                 WHERE d.period = '2026-09' AND d.partner_id = ? AND d.status = 'AVAILABLE'
                   AND d.parent_detail_id IS NULL AND d.settled_statement_id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM manual_freeze f WHERE f.detail_id = d.detail_id)""", String.class, partner);
    }
}
