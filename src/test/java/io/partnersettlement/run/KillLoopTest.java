package io.partnersettlement.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
 * The kill loop: the whole pipeline — nightly run, September's monthly run, confirming September, a countersign
 * transition, October's monthly run — over the sample workspace plus {@value #EXTRA_RECORDS} generated records, with
 * one step of it run in a child JVM that kills itself with SIGKILL at a chosen {@link CrashPoints crash point}. Then
 * the operator's recovery (restart the killed run, or repeat the killed action) and the rest of the pipeline; at the
 * end every figure in the database and every cell of every workbook in {@code out/} must equal an uninterrupted
 * run's, no workbook may ever be half-written, and an operator's action must be whole or absent.
 *
 * <p>By default a fast subset of the points runs, alternating between H2 and PostgreSQL; {@code -Dkill-loop=full} runs
 * all of them on both:
 * {@code ./mvnw -B verify -Dtest=KillLoopTest -Dkill-loop=full -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class KillLoopTest {

    static final String DATE = "2026-11-02";
    static final int EXTRA_RECORDS = 40_000;
    static final String SELECTION = System.getProperty("kill-loop", "fast");
    /** {@code -Dkill-loop.partitions=N}: the killed runs partitioned N ways (ingest file groups, partner ranges). */
    static final String PARTITIONS = System.getProperty("kill-loop.partitions");

    /** The pipeline, one operator command a stage. */
    static final List<List<String>> PIPELINE = List.of(
            List.of("nightly", "--date", DATE),
            List.of("monthly", "--period", "2026-09", "--date", DATE),
            List.of("confirm", "--period", "2026-09", "--operator", "kim"),
            List.of("transition", "--statement", "ST-202609-P001", "--to", "COUNTERSIGNING", "--operator", "kim"),
            List.of("monthly", "--period", "2026-10", "--date", DATE));
    static final int NIGHTLY = 0;
    static final int MONTHLY = 1;
    static final int CONFIRM = 2;
    static final int TRANSITION = 3;
    static final int MONTHLY_OCTOBER = 4;

    /** Where a run dies: the stage and the crash point (with the hit at which it fires); fast = in the default subset. */
    record KillPoint(int stage, String crashAt, boolean fast) {
        @Override
        public String toString() {
            return PIPELINE.get(stage).get(0) + (stage == MONTHLY_OCTOBER ? " 2026-10" : "") + " @ " + crashAt;
        }
    }

    static final List<KillPoint> POINTS = List.of(
            // the nightly run: 8 files (one rejected whole), about 65,000 lines, chunks of 500
            new KillPoint(NIGHTLY, "reference.loaded", false),
            new KillPoint(NIGHTLY, "register.file#1", false),
            new KillPoint(NIGHTLY, "register.file#5", false),
            new KillPoint(NIGHTLY, "ingest.write#1", false),
            new KillPoint(NIGHTLY, "ingest.written#1", false),
            new KillPoint(NIGHTLY, "ingest.write#2", false),
            new KillPoint(NIGHTLY, "ingest.read#20000", false),
            new KillPoint(NIGHTLY, "ingest.written#60", false),
            new KillPoint(NIGHTLY, "ingest.write#100", true),
            new KillPoint(NIGHTLY, "ingest.written#120", false),
            new KillPoint(NIGHTLY, "ids.resolved#1", false),
            new KillPoint(NIGHTLY, "ids.indexing#2", false),
            new KillPoint(NIGHTLY, "ids.indexed#1", true),
            new KillPoint(NIGHTLY, "settle.moved#1", false),
            new KillPoint(NIGHTLY, "settle.moved#6", false),
            new KillPoint(NIGHTLY, "performance.classified#1", false),
            new KillPoint(NIGHTLY, "performance.refreshed#1", false),
            new KillPoint(NIGHTLY, "performance.refreshed#2", false),
            new KillPoint(NIGHTLY, "performance.partition.committed#1", false),
            new KillPoint(NIGHTLY, "performance.states.saved#1", false),
            new KillPoint(NIGHTLY, "controls.checked#1", false),
            new KillPoint(NIGHTLY, "workbook.row#500", false),
            new KillPoint(NIGHTLY, "workbook.written#1", false),
            new KillPoint(NIGHTLY, "workbook.published#1", false),
            new KillPoint(NIGHTLY, "job.finishing#1", false),
            // September's monthly run
            new KillPoint(MONTHLY, "reference.loaded", false),
            new KillPoint(MONTHLY, "details.split#1", false),
            new KillPoint(MONTHLY, "details.split#2", false),
            new KillPoint(MONTHLY, "details.computed#1", false),
            new KillPoint(MONTHLY, "details.write#1", true),
            new KillPoint(MONTHLY, "details.stored#1", false),
            new KillPoint(MONTHLY, "workbook.row#500", false),
            new KillPoint(MONTHLY, "workbook.written#1", false),
            new KillPoint(MONTHLY, "workbook.published#1", false),
            new KillPoint(MONTHLY, "statements.generated#1", false),
            new KillPoint(MONTHLY, "statements.generated#7", false),
            new KillPoint(MONTHLY, "controls.checked#1", false),
            new KillPoint(MONTHLY, "workbook.written#4", false),
            new KillPoint(MONTHLY, "workbook.published#8", true),
            new KillPoint(MONTHLY, "job.finishing#1", false),
            // October's, which carries September's confirmed figures forward
            new KillPoint(MONTHLY_OCTOBER, "details.computed#1", false),
            new KillPoint(MONTHLY_OCTOBER, "details.stored#1", false),
            new KillPoint(MONTHLY_OCTOBER, "statements.generated#3", false),
            new KillPoint(MONTHLY_OCTOBER, "workbook.published#5", false),
            new KillPoint(MONTHLY_OCTOBER, "job.finishing#1", false),
            // operators' actions
            new KillPoint(CONFIRM, "confirm.statement#1", false),
            new KillPoint(CONFIRM, "confirm.statement#12", false),
            new KillPoint(CONFIRM, "audit.recorded#1", false),
            new KillPoint(CONFIRM, "workbook.published#1", true),
            new KillPoint(CONFIRM, "workbook.written#13", false),
            new KillPoint(TRANSITION, "transition.changed#1", false),
            new KillPoint(TRANSITION, "audit.recorded#1", true),
            new KillPoint(TRANSITION, "workbook.written#1", false));

    static Path template;
    static final Map<TestDatabase, String> EXPECTED = new ConcurrentHashMap<>();
    /** Per database, the state an operator's action leaves in an uninterrupted run, by stage. */
    static final Map<String, String> ACTION_DONE = new ConcurrentHashMap<>();

    /**
     * The points selected, each on both databases; the default subset's points alternate between the databases (its
     * first on H2, its second on PostgreSQL, …), which keeps the suite's time and still kills every job on each.
     */
    static Stream<Arguments> points() {
        if ("fast".equals(SELECTION)) {
            List<KillPoint> fast = POINTS.stream().filter(KillPoint::fast).toList();
            TestDatabase[] databases = TestDatabase.values();
            return java.util.stream.IntStream.range(0, fast.size())
                    .mapToObj(i -> Arguments.of(databases[i % databases.length], fast.get(i)));
        }
        return Stream.of(TestDatabase.values()).flatMap(db -> POINTS.stream().filter(KillLoopTest::selected)
                .map(p -> Arguments.of(db, p)));
    }

    /** fast: the default subset; full: every point; anything else: the points whose name contains one of its parts. */
    static boolean selected(KillPoint point) {
        return switch (SELECTION) {
            case "fast" -> point.fast();
            case "full" -> true;
            default -> Stream.of(SELECTION.split("\\|")).anyMatch(part -> point.toString().contains(part));
        };
    }

    @BeforeAll
    static void writeTemplate() throws IOException {
        template = Files.createTempDirectory("kill-loop-");
        SampleWorkspaceGenerator.writeSampleWorkspace(template);
        SampleWorkspaceGenerator.writeBenchWorkspace(template, EXTRA_RECORDS);
    }

    @AfterAll
    static void deleteTemplate() throws IOException {
        Workspace.deleteTree(template);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("points")
    void aRunKilledAnywhereRecoversToTheFiguresOfAnUninterruptedOne(TestDatabase database, KillPoint point)
            throws Exception {
        String expected = EXPECTED.computeIfAbsent(database, KillLoopTest::uninterrupted);
        Path ws = Files.createTempDirectory("kill-loop-run-");
        String url = database.freshUrl();
        try {
            copy(template, ws);
            for (int stage = 0; stage < point.stage(); stage++) {
                assertThat(Cli.run(ws, url, PIPELINE.get(stage))).as("stage %s", stage).isIn(0, 3);
            }
            String before = point.stage() == CONFIRM || point.stage() == TRANSITION ? actionState(ws, url, point.stage())
                    : null;

            int exit = child(ws, url, point.crashAt(), PIPELINE.get(point.stage()));
            assertThat(exit).as("the child died at %s (exit 137 = SIGKILL)", point.crashAt()).isEqualTo(137);
            assertEveryWorkbookOpens(ws.resolve("out"));

            if (before != null) {
                // the action happened whole, with its audit record, or not at all
                String after = actionState(ws, url, point.stage());
                assertThat(after).isIn(before, ACTION_DONE.get(database + "/" + point.stage()));
                assertThat(Cli.run(ws, url, PIPELINE.get(point.stage()))).as("repeating the action").isIn(0, 3);
            } else {
                assertThat(Cli.run(ws, url, List.of("restart", "--operator", "kim"))).as("restart").isIn(0, 3);
            }
            for (int stage = point.stage() + 1; stage < PIPELINE.size(); stage++) {
                assertThat(Cli.run(ws, url, PIPELINE.get(stage))).as("stage %s", stage).isIn(0, 3);
            }
            String actual = figures(ws, url);
            if (!actual.equals(expected)) {
                Path report = Path.of("target", "kill-loop", database + "-" + point.crashAt().replace('#', '-'));
                Files.createDirectories(report);
                Files.writeString(report.resolve("expected.txt"), expected.replace(";", ";\n"));
                Files.writeString(report.resolve("actual.txt"), actual.replace(";", ";\n"));
                throw new AssertionError("figures differ from an uninterrupted run:\n" + difference(expected, actual));
            }
            try (Stream<Path> files = Files.walk(ws.resolve("out"))) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith(".partial")).toList())
                        .as("partial files left in out/").isEmpty();
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
            Workspace.deleteTree(ws);
        }
    }

    /** The figures of the pipeline run without interruption, in process. */
    static String uninterrupted(TestDatabase database) {
        String url = database.freshUrl();
        Path ws = null;
        try {
            ws = Files.createTempDirectory("kill-loop-reference-");
            copy(template, ws);
            for (int stage = 0; stage < PIPELINE.size(); stage++) {
                assertThat(Cli.run(ws, url, PIPELINE.get(stage))).as(String.join(" ", PIPELINE.get(stage))).isIn(0, 3);
                if (stage == CONFIRM || stage == TRANSITION) {
                    ACTION_DONE.put(database + "/" + stage, actionState(ws, url, stage));
                }
            }
            return figures(ws, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TestDatabase.dropIfPostgres(url);
            if (ws != null) {
                try {
                    Workspace.deleteTree(ws);
                } catch (IOException e) {
                    // a temporary folder
                }
            }
        }
    }

    /** Runs one command in a child JVM armed to kill itself at {@code crashAt}; answers its exit code. */
    static int child(Path ws, String url, String crashAt, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Dsettlement.chunk-size=500", "-Dsettlement.id-index-slice=5000",
                "-D" + CrashPoints.PROPERTY + "=" + crashAt, "-cp", System.getProperty("java.class.path"),
                "io.partnersettlement.SettlementApplication"));
        if (PARTITIONS != null) {
            // the killed run partitioned (the restart keeps its plan): its figures must still be the one process's
            command.add(1, "-Dsettlement.partitions=" + PARTITIONS);
        }
        command.addAll(args);
        command.add("--workspace=" + ws);
        if (url != null) {
            command.add("--database-url=" + url);
        }
        Path log = ws.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child ended").isTrue();
        int exit = child.exitValue();
        if (exit != 137) {
            System.out.println(Files.readString(log));
        }
        Files.delete(log);
        return exit;
    }

    /** The statements an action touches, their payment applications and the action's successful audit records. */
    static String actionState(Path ws, String url, int stage) {
        try (Engine engine = new Engine(ws, url)) {
            String statements = stage == CONFIRM ? "ST-202609-%" : "ST-202609-P001";
            String action = stage == CONFIRM ? "CONFIRM" : "TRANSITION";
            return String.join(",", engine.jdbc().queryForList(
                    "SELECT DISTINCT status FROM statement WHERE statement_id LIKE ? ORDER BY status", String.class,
                    statements))
                    + " applications=" + engine.count("SELECT COUNT(*) FROM payment_application WHERE period = '2026-09'")
                    + " audited=" + engine.count("""
                            SELECT COUNT(*) FROM operator_action WHERE action = ? AND outcome NOT LIKE 'refused%'
                               AND outcome NOT LIKE 'failed%'""", action);
        }
    }

    /** Every figure the pipeline produces, as text: ledger tables, files set aside, and every workbook cell. */
    static String figures(Path ws, String url) {
        StringBuilder out = new StringBuilder();
        try (Engine engine = new Engine(ws, url)) {
            for (String sql : List.of(
                    "SELECT file_name, status, lines_read, records_ingested, repeats, rejected, reject_reason FROM ingest_file ORDER BY file_name",
                    // the id ledger: every id indexed once, by its file's name and line
                    """
                    SELECT COUNT(*), SUM(MOD(l.id_hash, 1000003)), SUM(l.line_number), MIN(f.file_name), MAX(f.file_name)
                      FROM id_ledger l JOIN ingest_file f ON f.file_id = l.file_id""",
                    "SELECT COUNT(*) FROM id_ledger_shared_hash",
                    "SELECT SUM(id_count) FROM ingested_id_block WHERE indexed = TRUE",
                    """
                    SELECT f.file_name, r.line_number, r.reason, r.message FROM rejected_line r
                      JOIN ingest_file f ON f.file_id = r.file_id ORDER BY f.file_name, r.line_number""",
                    "SELECT * FROM consumption_outcome ORDER BY 1, 2, 3, 4, 5",
                    "SELECT partner_id, period, currency, performance, record_count, status FROM performance_period ORDER BY 1, 2, 3",
                    "SELECT * FROM performance_daily ORDER BY 1, 2, 3, 4",
                    "SELECT * FROM performance_manager ORDER BY 1, 2, 3, 4",
                    "SELECT * FROM performance_service ORDER BY 1, 2, 3, 4",
                    """
                    SELECT detail_id, period, partner_id, customer_id, association_type, service_type_code, order_id,
                           funding, currency, late, base, rate, original_amount, amount, status, freeze_reason,
                           parent_detail_id, milestone_no, unfreeze_ratio, record_count, settled_statement_id
                      FROM incentive_detail ORDER BY detail_id""",
                    """
                    SELECT statement_id, status, currency, performance, incentive_total, frozen_total, available_total,
                           released_from_prior, prior_period_adjustments, carried_in, payable, carried_out,
                           predecessor_confirmed, workbook_stale
                      FROM statement ORDER BY statement_id""",
                    "SELECT statement_id, detail_id, role, status, amount, settlement_amount FROM statement_detail ORDER BY 1, 2, 3",
                    "SELECT statement_id, from_status, to_status, changed_by FROM statement_history ORDER BY statement_id, entry_id",
                    "SELECT application_id, statement_id, period, currency, payable FROM payment_application ORDER BY 1")) {
                for (Map<String, Object> row : engine.jdbc().queryForList(sql)) {
                    out.append(row.values().stream().map(KillLoopTest::plain).toList()).append('\n');
                }
            }
        }
        for (String folder : List.of("inbox", "archive", "rejects", "out")) {
            try (Stream<Path> files = Files.walk(ws.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = ws.relativize(file).toString();
                    out.append(name).append(": ").append(name.endsWith(".xlsx") ? cells(file) : sha256(file)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** The lines only one side has, and for a workbook on both sides the first cells that differ. */
    static String difference(String expected, String actual) {
        List<String> wanted = expected.lines().toList();
        List<String> got = actual.lines().toList();
        StringBuilder text = new StringBuilder();
        for (String line : wanted) {
            if (!got.contains(line)) {
                String name = line.substring(0, Math.max(0, line.indexOf(": ")));
                String other = name.endsWith(".xlsx")
                        ? got.stream().filter(l -> l.startsWith(name + ": ")).findFirst().orElse(null) : null;
                if (other != null) {
                    int at = 0;
                    while (at < Math.min(line.length(), other.length()) && line.charAt(at) == other.charAt(at)) {
                        at++;
                    }
                    int from = Math.max(0, at - 150);
                    text.append("  ").append(name).append(" expected …").append(line, from, Math.min(line.length(), at + 150))
                            .append("\n  ").append(name).append(" but was  …").append(other, from, Math.min(other.length(), at + 150))
                            .append('\n');
                } else {
                    text.append("- ").append(line, 0, Math.min(line.length(), 400)).append('\n');
                }
            }
        }
        for (String line : got) {
            if (!wanted.contains(line) && !(line.contains(".xlsx: ") && wanted.stream()
                    .anyMatch(l -> l.startsWith(line.substring(0, line.indexOf(": ") + 2))))) {
                text.append("+ ").append(line, 0, Math.min(line.length(), 400)).append('\n');
            }
        }
        return text.length() > 20_000 ? text.substring(0, 20_000) : text.toString();
    }

    private static String plain(Object value) {
        return value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }

    /** Every cell of every sheet, times of day (when an action happened) left out. */
    static String cells(Path workbook) {
        StringBuilder text = new StringBuilder();
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            for (Sheet sheet : book) {
                text.append('[').append(sheet.getSheetName()).append(']');
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(cell.getAddress()).append('=').append(value(cell)).append(';');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String value(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) && cell.getNumericCellValue() % 1 != 0 ? "<time>"
                    : Double.toString(cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> type.name();
        };
    }

    static void assertEveryWorkbookOpens(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".xlsx")).toList()) {
                try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
                    assertThat(book.getNumberOfSheets()).as("%s", file).isPositive();
                } catch (RuntimeException | IOException e) {
                    throw new AssertionError(file + " is half-written: " + e, e);
                }
            }
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
