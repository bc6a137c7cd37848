package io.partnersettlement.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnersettlement.ingest.DetailRecords;
import io.partnersettlement.run.RunHistory;
import io.partnersettlement.statement.StatementStatus;
import io.partnersettlement.workspace.EngineSettings;

/**
 * What the console shows of the ledger, read as the read-only commands read it: runs ({@code status}), statements
 * ({@code statements}), a detail and its records ({@code trace}), the audit log ({@code audit}) and the workbooks in
 * {@code out/}. It changes nothing.
 */
@Component
public class ConsoleLedger {

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final EngineSettings settings;

    public ConsoleLedger(JdbcTemplate jdbc, JdbcClient client, EngineSettings settings) {
        this.jdbc = jdbc;
        this.client = client;
        this.settings = settings;
    }

    // ---- runs

    /** A run: its job, business key, state ({@code DIED} when its node is gone), counts and duration. */
    public record Run(long executionId, String job, String period, String businessDate, String run, String state,
            LocalDateTime started, LocalDateTime ended, String duration, long read, long written, long skipped,
            long rejected, String exitCode, String exitMessage, List<Step> steps) {

        public boolean restartable() {
            return "FAILED".equals(state) || "STOPPED".equals(state) || "DIED".equals(state);
        }

        public boolean running() {
            return "STARTED".equals(state) || "STARTING".equals(state) || "STOPPING".equals(state);
        }
    }

    /** A step of a run, with its progress: lines read and items written so far (committed chunks). */
    public record Step(String name, String state, long read, long written, long commits, long skipped,
            LocalDateTime started, LocalDateTime ended) {
    }

    /** The latest runs, newest first. */
    public List<Run> runs(int last) {
        List<Run> runs = new ArrayList<>();
        jdbc.query(RunHistory.latest(last), rs -> {
            runs.add(run(rs, false));
        });
        return runs;
    }

    public Run run(long executionId) {
        List<Run> found = new ArrayList<>();
        jdbc.query(RunHistory.RUNS + " WHERE e.JOB_EXECUTION_ID = ?", rs -> {
            found.add(run(rs, true));
        }, executionId);
        if (found.isEmpty()) {
            throw new NotFound("no run with execution id " + executionId + " (the runs page lists them)");
        }
        return found.get(0);
    }

    private Run run(java.sql.ResultSet rs, boolean withSteps) throws java.sql.SQLException {
        long id = rs.getLong(1);
        String state = RunHistory.state(client, id, rs.getString(3));
        LocalDateTime start = rs.getObject(4, LocalDateTime.class);
        LocalDateTime end = rs.getObject(5, LocalDateTime.class);
        String job = rs.getString(2);
        boolean nightly = job.startsWith("nightly");
        List<Step> steps = withSteps || end == null ? steps(id) : List.of();
        return new Run(id, job.replace("Job", ""), rs.getString(10), rs.getString(8), rs.getString(9), state, start, end,
                RunHistory.duration(start, end),
                rs.getLong(11), nightly ? rs.getLong(12) : rs.getLong(15), rs.getLong(13), rs.getLong(14),
                rs.getString(6), firstLine(rs.getString(7)), steps);
    }

    private List<Step> steps(long executionId) {
        return jdbc.query("""
                SELECT STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, COMMIT_COUNT, READ_SKIP_COUNT + WRITE_SKIP_COUNT
                       + PROCESS_SKIP_COUNT, START_TIME, END_TIME
                  FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID""",
                (rs, n) -> new Step(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getObject(7, LocalDateTime.class), rs.getObject(8, LocalDateTime.class)),
                executionId);
    }

    // ---- statements

    /** A statement as the list shows it; {@code autoConfirmOn}: the day the nightly run confirms a pending one. */
    public record StatementRow(String statementId, String partnerId, String partnerName, String period, String status,
            String currency, BigDecimal payable, LocalDate generatedFor, LocalDate autoConfirmOn) {

        public boolean confirmable() {
            return StatementStatus.PENDING_CONFIRMATION.name().equals(status);
        }
    }

    /** What the statement list is filtered by; any may be empty. */
    public record StatementFilter(String period, String status, String partner, LocalDate dueBefore) {

        public static StatementFilter none() {
            return new StatementFilter(null, null, null, null);
        }
    }

    public List<StatementRow> statements(StatementFilter filter) {
        List<StatementRow> rows = new ArrayList<>();
        jdbc.query("""
                SELECT statement_id, partner_id, partner_name, period, status, currency, payable, generated_for_date
                  FROM statement ORDER BY period, partner_id""", rs -> {
            StatementRow row = statementRow(rs);
            if ((blank(filter.period()) || filter.period().strip().equals(row.period()))
                    && (blank(filter.status()) || filter.status().strip().equalsIgnoreCase(row.status()))
                    && (blank(filter.partner()) || filter.partner().strip().equalsIgnoreCase(row.partnerId()))
                    && (filter.dueBefore() == null || row.autoConfirmOn() != null
                            && row.autoConfirmOn().isBefore(filter.dueBefore()))) {
                rows.add(row);
            }
        });
        return rows;
    }

    private StatementRow statementRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String status = rs.getString(5);
        LocalDate generated = rs.getObject(8, LocalDate.class);
        return new StatementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), status,
                rs.getString(6).strip(), rs.getBigDecimal(7).stripTrailingZeros(), generated,
                StatementStatus.PENDING_CONFIRMATION.name().equals(status)
                        ? generated.plusDays(settings.confirmationDays()) : null);
    }

    /** The periods that have statements, newest first. */
    public List<String> periods() {
        return jdbc.queryForList("SELECT DISTINCT period FROM statement ORDER BY period DESC", String.class);
    }

    public record StatementView(StatementRow row, Map<String, BigDecimal> figures, LocalDate paidOn,
            String paymentReference, List<CountedDetail> details, List<HistoryEntry> history, Application application,
            List<String> transitions, List<Workbook> documents) {
    }

    /** A detail as a statement counts it (what its Details sheet shows). */
    public record CountedDetail(String detailId, String role, String status, String freezeReason, String customerId,
            String serviceTypeCode, String orderId, String funding, String currency, BigDecimal amount,
            BigDecimal settlementAmount) {
    }

    public record HistoryEntry(LocalDateTime changedAt, String changedBy, String from, String to, String note) {
    }

    public record Application(String applicationId, String invoiceStatus, String reviewNote, String disbursementMethod) {
    }

    public StatementView statement(String statementId) {
        List<StatementRow> rows = new ArrayList<>();
        jdbc.query("""
                SELECT statement_id, partner_id, partner_name, period, status, currency, payable, generated_for_date
                  FROM statement WHERE statement_id = ?""", rs -> {
            rows.add(statementRow(rs));
        }, statementId);
        if (rows.isEmpty()) {
            throw new NotFound("no statement " + statementId + " (the statements page lists them)");
        }
        StatementRow row = rows.get(0);
        Map<String, Object> s = jdbc.queryForMap("SELECT * FROM statement WHERE statement_id = ?", statementId);
        Map<String, BigDecimal> figures = new java.util.LinkedHashMap<>();
        for (String figure : List.of("performance", "incentive_total", "frozen_total", "available_total",
                "released_from_prior", "prior_period_adjustments", "carried_in", "payable", "carried_out")) {
            figures.put(figure, decimal(value(s, figure)));
        }
        List<CountedDetail> details = jdbc.query("""
                SELECT detail_id, role, status, freeze_reason, customer_id, service_type_code, order_id, funding, currency,
                       amount, settlement_amount
                  FROM statement_detail WHERE statement_id = ? ORDER BY role, detail_id""",
                (rs, n) -> new CountedDetail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9) == null ? null : rs.getString(9).strip(), decimal(rs.getBigDecimal(10)),
                        decimal(rs.getBigDecimal(11))), statementId);
        List<HistoryEntry> history = jdbc.query("""
                SELECT changed_at, changed_by, from_status, to_status, note FROM statement_history
                 WHERE statement_id = ? ORDER BY entry_id""",
                (rs, n) -> new HistoryEntry(rs.getTimestamp(1).toLocalDateTime().withNano(0), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)), statementId);
        Application application = jdbc.query("""
                SELECT application_id, invoice_status, review_note, disbursement_method FROM payment_application
                 WHERE statement_id = ?""",
                (rs, n) -> new Application(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                statementId).stream().findFirst().orElse(null);
        StatementStatus status = StatementStatus.valueOf(row.status());
        List<String> transitions = status.operatorTransitions().stream().map(Enum::name).toList();
        List<Workbook> documents = workbooks().stream()
                .filter(w -> w.name().startsWith(statementId + ".") || w.name().startsWith(statementId + "-")
                        || application != null && w.name().startsWith(application.applicationId()))
                .toList();
        return new StatementView(row, figures, (LocalDate) toDate(value(s, "paid_on")),
                (String) value(s, "payment_reference"), details, history, application, transitions, documents);
    }

    // ---- details

    public record DetailView(String detailId, String period, String partnerId, String customerId, String associationType,
            String serviceTypeCode, String orderId, String funding, String currency, boolean late, BigDecimal base,
            BigDecimal rate, BigDecimal originalAmount, BigDecimal amount, String status, String freezeReason,
            String parentDetailId, Integer milestoneNo, BigDecimal unfreezeRatio, String settledStatementId,
            long recordCount, Freeze manualFreeze, List<DetailAction> actions, List<Split> splits,
            List<Counting> statements, List<DetailRecords.Traced> records, BigDecimal recordsBase) {

        public boolean frozenByOperator() {
            return manualFreeze != null;
        }
    }

    public record Freeze(String reason, String frozenBy, LocalDateTime frozenAt) {
    }

    public record DetailAction(LocalDateTime actedAt, String operator, String action, String reason, String from,
            String to) {
    }

    /** A batch-unfrozen child of a milestone detail. */
    public record Split(String detailId, Integer milestoneNo, BigDecimal unfreezeRatio, BigDecimal amount, String status,
            String freezeReason, String settledStatementId) {
    }

    public record Counting(String statementId, String statementStatus, String role, String detailStatus,
            BigDecimal settlementAmount, String currency, boolean settledInIt) {
    }

    /** The detail, its operator's freeze and actions, its splits, the statements counting it, and its records. */
    public DetailView detail(String detailId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM incentive_detail WHERE detail_id = ?", detailId);
        if (rows.isEmpty()) {
            throw new NotFound("no incentive detail " + detailId + " (a statement's details and the incentives workbook "
                    + "of its period list the ids)");
        }
        Map<String, Object> d = rows.get(0);
        Freeze freeze = jdbc.query("SELECT reason, frozen_by, frozen_at FROM manual_freeze WHERE detail_id = ?",
                (rs, n) -> new Freeze(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime().withNano(0)),
                detailId).stream().findFirst().orElse(null);
        List<DetailAction> actions = jdbc.query("""
                SELECT acted_at, operator, action, reason, from_status, to_status FROM detail_action
                 WHERE detail_id = ? ORDER BY action_id""",
                (rs, n) -> new DetailAction(rs.getTimestamp(1).toLocalDateTime().withNano(0), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), detailId);
        List<Split> splits = jdbc.query("""
                SELECT detail_id, milestone_no, unfreeze_ratio, amount, status, freeze_reason, settled_statement_id
                  FROM incentive_detail WHERE parent_detail_id = ? ORDER BY milestone_no""",
                (rs, n) -> new Split(rs.getString(1), rs.getObject(2, Integer.class), decimal(rs.getBigDecimal(3)),
                        decimal(rs.getBigDecimal(4)), rs.getString(5), rs.getString(6), rs.getString(7)), detailId);
        String settled = (String) value(d, "settled_statement_id");
        List<Counting> statements = jdbc.query("""
                SELECT x.statement_id, s.status, x.role, x.status, x.settlement_amount, s.currency
                  FROM statement_detail x JOIN statement s ON s.statement_id = x.statement_id
                 WHERE x.detail_id = ? ORDER BY s.period, x.statement_id""",
                (rs, n) -> new Counting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        decimal(rs.getBigDecimal(5)), rs.getString(6).strip(), rs.getString(1).equals(settled)), detailId);
        boolean late = Boolean.TRUE.equals(value(d, "late"));
        String currency = ((String) value(d, "currency")).strip();
        var key = new DetailRecords.Key((String) value(d, "period"), (String) value(d, "partner_id"),
                (String) value(d, "customer_id"), (String) value(d, "association_type"),
                (String) value(d, "service_type_code"), (String) value(d, "order_id"), (String) value(d, "funding"),
                currency, late);
        List<DetailRecords.Traced> records = value(d, "parent_detail_id") != null ? List.of()
                : DetailRecords.of(jdbc, settings.workspaceFolders(), settings.defaultCurrency(), key);
        BigDecimal recordsBase = records.stream().map(DetailRecords.Traced::base).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new DetailView(detailId, (String) value(d, "period"), (String) value(d, "partner_id"),
                (String) value(d, "customer_id"), (String) value(d, "association_type"),
                (String) value(d, "service_type_code"), (String) value(d, "order_id"), (String) value(d, "funding"),
                currency, late, decimal(value(d, "base")), decimal(value(d, "rate")),
                decimal(value(d, "original_amount")), decimal(value(d, "amount")), (String) value(d, "status"),
                (String) value(d, "freeze_reason"), (String) value(d, "parent_detail_id"),
                value(d, "milestone_no") == null ? null : ((Number) value(d, "milestone_no")).intValue(),
                decimal(value(d, "unfreeze_ratio")), settled, ((Number) value(d, "record_count")).longValue(), freeze,
                actions, splits, statements, records, recordsBase.stripTrailingZeros());
    }

    /** Whether a detail of that id exists. */
    public boolean detailExists(String detailId) {
        return !jdbc.queryForList("SELECT detail_id FROM incentive_detail WHERE detail_id = ?", String.class, detailId)
                .isEmpty();
    }

    public boolean statementExists(String statementId) {
        return !jdbc.queryForList("SELECT statement_id FROM statement WHERE statement_id = ?", String.class, statementId)
                .isEmpty();
    }

    // ---- audit

    public record AuditEntry(long id, LocalDateTime actedAt, String operator, String action, String subject,
            String parameters, String note, String outcome) {

        public boolean refused() {
            return outcome != null && (outcome.startsWith("refused") || outcome.startsWith("failed"));
        }
    }

    /** What the audit log is filtered by: from and to (days, both included), action, operator, outcome text. */
    public record AuditFilter(LocalDate from, LocalDate to, String action, String operator, String outcome) {

        public static AuditFilter none() {
            return new AuditFilter(null, null, null, null, null);
        }
    }

    /** The operators' actions that match, newest first, at most {@code limit}. */
    public List<AuditEntry> audit(AuditFilter filter, int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        LocalDate from = filter.from() == null ? LocalDate.of(1970, 1, 1) : filter.from();
        LocalDate to = filter.to() == null ? LocalDate.of(9999, 1, 1) : filter.to().plusDays(1);
        jdbc.query("""
                SELECT action_id, acted_at, operator, action, subject, parameters, note, outcome FROM operator_action
                 WHERE acted_at >= ? AND acted_at < ? ORDER BY action_id DESC""", rs -> {
            if (entries.size() >= limit) {
                return;
            }
            AuditEntry e = new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime().withNano(0),
                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
            if ((blank(filter.operator()) || filter.operator().strip().equalsIgnoreCase(e.operator()))
                    && (blank(filter.action()) || filter.action().strip().replace('-', '_').equalsIgnoreCase(e.action()))
                    && (blank(filter.outcome()) || e.outcome().toLowerCase(Locale.ROOT)
                            .contains(filter.outcome().strip().toLowerCase(Locale.ROOT)))) {
                entries.add(e);
            }
        }, Timestamp.valueOf(from.atStartOfDay()), Timestamp.valueOf(to.atStartOfDay()));
        return entries;
    }

    public List<String> auditActions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM operator_action ORDER BY action", String.class);
    }

    public List<String> auditOperators() {
        return jdbc.queryForList("SELECT DISTINCT operator FROM operator_action ORDER BY operator", String.class);
    }

    // ---- workbooks

    /** A workbook in {@code out/}: its path relative to {@code out/} (what a download names), size and time. */
    public record Workbook(String path, String name, String period, String kind, long bytes, LocalDateTime modified) {
    }

    /** Every workbook in {@code out/}, by period (newest first), then kind and name. */
    public List<Workbook> workbooks() {
        Path out = settings.workspaceFolders().out();
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && f.getFileName().toString().endsWith(".xlsx") && !f.getFileName().toString().startsWith("."))
                    .map(f -> workbook(out, f))
                    .sorted(Comparator.comparing(Workbook::period, Comparator.reverseOrder())
                            .thenComparing(Workbook::kind).thenComparing(Workbook::path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out, e);
        }
    }

    private static Workbook workbook(Path out, Path file) {
        Path relative = out.relativize(file);
        String path = relative.toString().replace('\\', '/');
        String period = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String name = file.getFileName().toString();
        String kind = path.contains("/dry-run/") ? "dry-run"
                : path.contains("/statements/") ? "statement"
                : path.contains("/invoice-lists/") ? "invoice-list"
                : name.startsWith("performance-") ? "performance"
                : name.startsWith("incentives-") ? "incentives" : "other";
        try {
            return new Workbook(path, name, period, kind, Files.size(file),
                    LocalDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), java.time.ZoneId.systemDefault())
                            .withNano(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The file of a workbook named by its path relative to {@code out/}; only a listed workbook is ever served, so no
     * name can reach outside {@code out/}.
     */
    public Path workbookFile(String path) {
        Path out = settings.workspaceFolders().out();
        return workbooks().stream().filter(w -> w.path().equals(path)).findFirst()
                .map(w -> out.resolve(w.path()))
                .orElseThrow(() -> new NotFound("no workbook " + path + " in out/ (the downloads page lists them)"));
    }

    // ---- helpers

    private static Object value(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v != null ? v : row.get(column.toUpperCase(Locale.ROOT));
    }

    private static Object toDate(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v instanceof LocalDate ? v : null;
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? null : ((BigDecimal) v).stripTrailingZeros();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String s) {
        return s == null ? null : s.lines().findFirst().orElse("");
    }

}
