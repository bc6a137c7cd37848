package io.partnersettlement.console;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.documents.LedgerDocuments;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.incentive.DetailFreezes;
import io.partnersettlement.incentive.DryRun;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.incentive.MonthlySettlement;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.performance.PerformanceRefresh;
import io.partnersettlement.run.ChangeReport;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.LedgerLock;
import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;
import io.partnersettlement.workspace.EngineSettings;

/**
 * The operator's actions of the console, each done as its command does it: the same services, under the ledger lock,
 * recorded in the audit log (refusals included) under the signed-in user's name, and the workbooks the action changes
 * rewritten before it answers. A refusal is thrown as {@link Refused} with the engine's reason, an unknown id as
 * {@link NotFound}.
 */
@Component
public class OperatorActions {

    private final StatementLifecycle lifecycle;
    private final DetailFreezes freezes;
    private final OperatorAudit audit;
    private final LedgerLock lock;
    private final LedgerDocuments documents;
    private final JobRuns runs;
    private final DryRun dryRun;
    private final MonthlySettlement monthly;
    private final PerformanceRefresh performance;
    private final JdbcTemplate jdbc;
    private final EngineSettings settings;
    private final ConsoleLedger ledger;
    private final Clock clock;

    public OperatorActions(StatementLifecycle lifecycle, DetailFreezes freezes, OperatorAudit audit, LedgerLock lock,
            LedgerDocuments documents, JobRuns runs, DryRun dryRun, MonthlySettlement monthly,
            PerformanceRefresh performance, JdbcTemplate jdbc, EngineSettings settings, ConsoleLedger ledger,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.freezes = freezes;
        this.audit = audit;
        this.lock = lock;
        this.documents = documents;
        this.runs = runs;
        this.dryRun = dryRun;
        this.monthly = monthly;
        this.performance = performance;
        this.jdbc = jdbc;
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A confirmation: the statements it confirmed, and those it found confirmed already (nothing to do). */
    public record Confirmation(List<String> confirmed, List<String> alreadyConfirmed) {
    }

    /**
     * {@code confirm --statements}: at most 100 statements, all or none. A refusal names each statement that cannot be
     * confirmed and why; an id the ledger does not know is {@link NotFound}.
     */
    public Confirmation confirm(List<String> statementIds, String operator, String note) {
        List<String> given = List.copyOf(new LinkedHashSet<>(statementIds.stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList()));
        if (given.isEmpty()) {
            throw new Refused("select at least one statement to confirm", Map.of());
        }
        if (given.size() > StatementLifecycle.MAX_PER_ACTION) {
            // the engine refuses it too; said here without an audit record, as nothing was attempted
            throw new Refused("one confirmation takes at most " + StatementLifecycle.MAX_PER_ACTION + " statements; "
                    + given.size() + " were given: nothing was confirmed", Map.of());
        }
        List<String> unknown = given.stream().filter(id -> !ledger.statementExists(id)).toList();
        if (!unknown.isEmpty()) {
            throw new NotFound("no statement " + String.join(", ", unknown) + ": nothing was confirmed");
        }
        publish();
        List<String> already = given.stream().filter(id -> status(id).confirmed()).toList();
        List<String> toConfirm = given.stream().filter(id -> !already.contains(id)).toList();
        var action = new OperatorAudit.Action(operator, "CONFIRM", String.join(",", given),
                "--statements " + String.join(",", given), note);
        try {
            audit.record(action, () -> {
                if (!toConfirm.isEmpty()) {
                    lifecycle.confirm(toConfirm, operator, note);
                }
                return toConfirm.size();
            }, n -> (n == 0 ? "nothing to confirm" : "confirmed " + n + " statement(s)")
                    + (already.isEmpty() ? "" : "; already confirmed: " + String.join(",", already)));
        } catch (EngineException e) {
            throw new Refused(e.getMessage(), perStatement(e.getMessage(), toConfirm));
        }
        publish();
        return new Confirmation(toConfirm, already);
    }

    /** The engine's refusal of a confirmation, split by the statement each part names. */
    static Map<String, String> perStatement(String refusal, List<String> ids) {
        String reasons = refusal.replaceFirst(" — nothing was confirmed$", "");
        Map<String, String> each = new LinkedHashMap<>();
        for (String part : reasons.split("; ")) {
            ids.stream().filter(id -> part.startsWith(id + " ") || part.startsWith(id + ":") || part.endsWith(" " + id))
                    .findFirst().ifPresent(id -> each.merge(id, part, (a, b) -> a + "; " + b));
        }
        return each;
    }

    /** {@code transition --statement S --to STATE}: answers false when the statement already had that state. */
    public boolean transition(String statementId, StatementStatus to, String operator, String note, LocalDate paidOn,
            String reference) {
        if (!ledger.statementExists(statementId)) {
            throw new NotFound("no statement " + statementId);
        }
        publish();
        StatementLifecycle.Payment payment = paidOn == null && (reference == null || reference.isBlank()) ? null
                : new StatementLifecycle.Payment(paidOn, reference);
        String parameters = "--to " + to + (paidOn == null ? "" : " --paid-on " + paidOn)
                + (reference == null || reference.isBlank() ? "" : " --reference " + reference);
        boolean changed = refusing(() -> audit.record(
                new OperatorAudit.Action(operator, "TRANSITION", statementId, parameters, blankToNull(note)),
                () -> lifecycle.transition(statementId, to, operator, blankToNull(note), payment),
                done -> done ? "now " + to : "already " + to + ": nothing to do"));
        publish();
        return changed;
    }

    /** {@code freeze --detail ID --reason TEXT}. */
    public void freeze(String detailId, String reason, String operator) {
        requireDetail(detailId);
        refusing(() -> audit.record(new OperatorAudit.Action(operator, "FREEZE", detailId, null, reason), () -> {
            freezes.freeze(detailId, reason, operator);
            return "FROZEN (MANUAL)";
        }, status -> "now " + status));
    }

    /** {@code release --detail ID}, for today's business date: answers the detail's status now. */
    public String release(String detailId, String operator) {
        requireDetail(detailId);
        LocalDate businessDate = businessDate(null);
        return refusing(() -> audit.record(
                new OperatorAudit.Action(operator, "RELEASE", detailId, "--date " + businessDate, null),
                () -> freezes.release(detailId, operator, businessDate), s -> "now " + s));
    }

    /** What a run started from the console ended as. */
    public record RunOutcome(long executionId, String status, String exitMessage, List<String> changes,
            List<String> reports) {
    }

    /** {@code restart --execution ID}. */
    public RunOutcome restart(long executionId, String operator) {
        ledger.run(executionId);
        var action = new OperatorAudit.Action(operator, "RESTART", "execution " + executionId, null, null);
        JobExecution result;
        try {
            result = runs.restart(executionId);
        } catch (EngineException e) {
            audit.recordDone(action, "refused: " + e.getMessage());
            throw new Refused(e.getMessage(), Map.of());
        }
        audit.recordDone(action, "execution " + result.getId() + " " + result.getStatus());
        return outcome(result, List.of(), List.of());
    }

    /**
     * {@code rerun nightly --date D} or {@code rerun monthly --period P [--date D]}: the figures before, the run, and
     * the figures after, with no other command in between; what changed is saved as the command saves it.
     */
    public RunOutcome rerun(String job, LocalDate date, String period, String operator) {
        if (!"nightly".equals(job) && !"monthly".equals(job)) {
            throw new Refused("rerun takes nightly or monthly, not '" + job + "'", Map.of());
        }
        if ("nightly".equals(job) && date == null) {
            throw new Refused("rerun nightly needs a business date", Map.of());
        }
        if ("monthly".equals(job) && (period == null || !period.matches("\\d{4}-\\d{2}"))) {
            throw new Refused("rerun monthly needs a period (YYYY-MM)", Map.of());
        }
        String command = "rerun " + job + (date == null ? "" : " --date " + date) + (period == null ? "" : " --period " + period)
                + " by " + operator;
        return refusing(() -> lock.holding(command, () -> rerunHeld(job, date, period, operator)));
    }

    private RunOutcome rerunHeld(String job, LocalDate date, String period, String operator) {
        Path out = settings.workspaceFolders().out();
        List<String> periods;
        ChangeReport report;
        JobExecution execution;
        String subject;
        if ("nightly".equals(job)) {
            subject = "nightly " + date;
            periods = performance.periodsTouchedOn(date);
            report = ChangeReport.before(jdbc, periods);
            execution = runs.rerunNightly(NightlyJobConfiguration.NIGHTLY_JOB, date);
            TreeSet<String> all = new TreeSet<>(periods);
            all.addAll(performance.periodsTouchedOn(date));
            periods = List.copyOf(all);
        } else {
            LocalDate businessDate = businessDate(date);
            subject = "monthly " + period;
            periods = monthly.periodsComputed(period);
            report = ChangeReport.before(jdbc, periods);
            execution = runs.startMonthly(MonthlyJobConfiguration.MONTHLY_JOB, period, businessDate);
        }
        long run = execution.getJobParameters().getLong(JobRuns.RUN);
        List<String> changes = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        for (String each : periods) {
            Path file = out.resolve(each).resolve("rerun-" + subject.replace(' ', '-') + "-run" + run + ".csv");
            changes.addAll(report.changes(jdbc, List.of(each), file));
            reports.add(out.relativize(file).toString());
        }
        audit.recordDone(new OperatorAudit.Action(operator, "RERUN", subject, "execution " + execution.getId(), null),
                execution.getStatus() + ", " + changes.size() + " figure(s) changed");
        return outcome(execution, changes, reports);
    }

    /** What a dry run would change, its problems and where its preview workbooks are (relative to {@code out/}). */
    public record DryRunOutcome(String period, LocalDate businessDate, List<String> changes, List<String> problems,
            String previews) {
    }

    /** {@code monthly --period P --dry-run}: computed and rolled back, holding the ledger so nothing changes meanwhile. */
    public DryRunOutcome dryRun(String period, LocalDate date, String operator) {
        if (period == null || !period.matches("\\d{4}-\\d{2}")) {
            throw new Refused("a dry run needs a period (YYYY-MM)", Map.of());
        }
        LocalDate businessDate = businessDate(date);
        if (businessDate.isBefore(java.time.YearMonth.parse(period).atDay(1))) {
            throw new Refused("business date " + businessDate + " is before period " + period + " starts", Map.of());
        }
        Path out = settings.workspaceFolders().out();
        return refusing(() -> lock.holding("monthly --dry-run --period " + period + " --date " + businessDate + " by "
                + operator, () -> {
            DryRun.Result result = dryRun.run(period, businessDate, out);
            audit.recordDone(new OperatorAudit.Action(operator, "DRY_RUN", "monthly " + period, "--date " + businessDate,
                    null), result.changes().size() + " figure(s) would change");
            return new DryRunOutcome(period, businessDate, result.changes(), result.problems(),
                    out.relativize(result.previews()).toString());
        }));
    }

    private RunOutcome outcome(JobExecution execution, List<String> changes, List<String> reports) {
        String message = execution.getExitStatus().getExitDescription();
        return new RunOutcome(execution.getId(), execution.getStatus().name(),
                message == null || message.isBlank() ? null : message.lines().findFirst().orElse(null), changes, reports);
    }

    /** The workbooks follow the ledger as one holder left it (the commands' Outputs.publish). */
    private void publish() {
        lock.holding("publish statement workbooks", () -> documents.publish(settings.workspaceFolders().out()));
    }

    /** The date given, or today by the engine's clock minus the data lag, as the commands default it. */
    private LocalDate businessDate(LocalDate given) {
        return given != null ? given : LocalDate.now(clock).minusDays(settings.dataLagDays());
    }

    private StatementStatus status(String statementId) {
        return StatementStatus.valueOf(jdbc.queryForObject("SELECT status FROM statement WHERE statement_id = ?",
                String.class, statementId));
    }

    private void requireDetail(String detailId) {
        if (!ledger.detailExists(detailId)) {
            throw new NotFound("no incentive detail " + detailId);
        }
    }

    /** The engine's refusals as {@link Refused}; an id it does not know as {@link NotFound}. */
    private static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (EngineException e) {
            String message = e.getMessage();
            if (message.startsWith("no statement ") || message.startsWith("no incentive detail ")
                    || message.startsWith("no run with execution id ")) {
                throw new NotFound(message);
            }
            throw new Refused(message, Map.of());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
