package io.partnersettlement.statement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;

import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestWorkspace;

/**
 * The nightly job's {@code autoConfirmStatementsStep} run on its own (spring-batch-test): a statement still pending
 * confirmation {@code settlement.confirmation-days} (7) after the business date it was generated for is confirmed by
 * the run of that day, not a day earlier.
 */
class AutoConfirmStepTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @Test
    void aStatementPendingSevenDaysIsConfirmedByThatDaysStepAndNotBefore() {
        TestWorkspace ws = fixture.workspace().partner("P1", "CORE", "VOUCHER_QUOTA").writeReference();
        Engine engine = fixture.engine(ws.root(), null);
        engine.nightly("2026-10-02"); // the reference data
        engine.jdbc().update("""
                INSERT INTO incentive_detail (detail_id, period, partner_id, customer_id, association_type,
                    service_type_code, order_id, funding, currency, late, base, rate, original_amount, amount, status,
                    record_count, computed_for_date)
                VALUES ('D1', '2026-09', 'P1', 'C1', 'REFERRAL', 'hws.service.type.ec2', '', 'CASH', 'CNY', FALSE, 1000,
                    0.09, 90, 90, 'AVAILABLE', 1, DATE '2026-10-02')""");
        engine.bean(StatementGenerator.class).generate("2026-09", LocalDate.parse("2026-10-02"));
        JobOperatorTestUtils steps = new JobOperatorTestUtils(engine.bean(JobOperator.class),
                engine.bean(JobRepository.class));
        Step autoConfirm = engine.bean(NightlyJobConfiguration.AUTO_CONFIRM_STATEMENTS_STEP, Step.class);

        // 2026-10-08 is 6 days after 2026-10-02: still within the confirmation window
        JobExecution sixDays = steps.startStep(autoConfirm, on("2026-10-08"), new ExecutionContext());
        assertThat(sixDays.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(engine)).isEqualTo("PENDING_CONFIRMATION");

        // 2026-10-09 is 7 days after: confirmed by the run, as if by an operator, its payable of 90 settled
        JobExecution sevenDays = steps.startStep(autoConfirm, on("2026-10-09"), new ExecutionContext());
        assertThat(sevenDays.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(engine)).isEqualTo("PENDING_COUNTERSIGN");
        assertThat(engine.decimal("SELECT payable FROM statement WHERE statement_id = 'ST-202609-P1'"))
                .isEqualByComparingTo(new BigDecimal("90"));
        assertThat(engine.jdbc().queryForObject("SELECT settled_statement_id FROM incentive_detail WHERE detail_id = 'D1'",
                String.class)).isEqualTo("ST-202609-P1");
        assertThat(engine.jdbc().queryForObject("""
                SELECT changed_by FROM statement_history WHERE statement_id = 'ST-202609-P1'
                   AND to_status = 'PENDING_COUNTERSIGN'""", String.class)).isEqualTo("nightly-run");
    }

    private static JobParameters on(String businessDate) {
        return new JobParametersBuilder().addLocalDate(JobRuns.BUSINESS_DATE, LocalDate.parse(businessDate))
                .toJobParameters();
    }

    private static String status(Engine engine) {
        return engine.jdbc().queryForObject("SELECT status FROM statement WHERE statement_id = 'ST-202609-P1'",
                String.class);
    }
}
