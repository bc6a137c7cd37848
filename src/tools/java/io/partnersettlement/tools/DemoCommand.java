package io.partnersettlement.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.cli.Outputs;
import io.partnersettlement.cli.RunReport;
import io.partnersettlement.console.security.ConsoleUsers;
import io.partnersettlement.incentive.MonthlyJobConfiguration;
import io.partnersettlement.ingest.NightlyJobConfiguration;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.run.JobRuns;
import io.partnersettlement.run.OperatorAudit;
import io.partnersettlement.statement.StatementLifecycle;
import io.partnersettlement.statement.StatementStatus;
import io.partnersettlement.workspace.EngineSettings;
import io.partnersettlement.workspace.Workspace;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Copy sample-data/ to a fresh workspace, run the whole pipeline on it, print where the workbooks are.",
                "Example: ./run.sh demo"})
class DemoCommand implements Callable<Integer> {

    /** The sample data covers September and October 2026; on this business date both months are complete. */
    static final LocalDate DEMO_BUSINESS_DATE = LocalDate.of(2026, 11, 2);
    static final String DEMO_OPERATOR = "demo";
    static final List<String> DEMO_PERIODS = List.of("2026-09", "2026-10");

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "demo-workspace",
            description = "Workspace to create (emptied first; default: ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--sample-data", paramLabel = "DIR", defaultValue = "sample-data",
            description = "Where the sample workspace is (default: ${DEFAULT-VALUE}).")
    Path sampleData;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(sampleData.resolve("reference"))) {
            throw new EngineException(sampleData.toAbsolutePath() + " is not a sample workspace");
        }
        Workspace.deleteTree(workspace);
        copyTree(sampleData, workspace);
        System.out.println("demo workspace: " + workspace.toAbsolutePath().normalize());
        // the console's users: a password per role, generated now; only their hashes are kept
        String operatorPassword = ConsoleUsers.newPassword();
        String analystPassword = ConsoleUsers.newPassword();
        Path users = workspace.resolve(ConsoleUsers.FILE_NAME);
        ConsoleUsers.write(users, "operator", ConsoleUsers.Role.OPERATOR, operatorPassword);
        ConsoleUsers.write(users, "analyst", ConsoleUsers.Role.ANALYST, analystPassword);
        try (ConfigurableApplicationContext context = EngineContext.start(workspace, null, Map.of())) {
            JobRuns runs = context.getBean(JobRuns.class);
            RunReport.print(context, runs.startNightly(NightlyJobConfiguration.NIGHTLY_JOB, DEMO_BUSINESS_DATE), System.out);
            int problems = 0;
            var lifecycle = context.getBean(StatementLifecycle.class);
            Path out = context.getBean(EngineSettings.class).workspaceFolders().out();
            for (String period : DEMO_PERIODS) {
                var monthly = runs.startMonthly(MonthlyJobConfiguration.MONTHLY_JOB, period,
                        DEMO_BUSINESS_DATE);
                problems += RunReport.print(context, monthly, System.out) == 3 ? 1 : 0;
                if (period.equals(DEMO_PERIODS.get(0))) {
                    // September is confirmed, so October's statements carry its carried-out amounts and released
                    // details; then one of them goes on through countersign, to show the lifecycle. Each action is
                    // audited and followed by the documents it changes, as the operator's commands do.
                    var audit = context.getBean(OperatorAudit.class);
                    int confirmed = audit.record(new OperatorAudit.Action(DEMO_OPERATOR, "CONFIRM", "period " + period,
                            "--period " + period, null), () -> lifecycle.confirmPeriod(period, DEMO_OPERATOR),
                            n -> "confirmed " + n + " statement(s)");
                    Outputs.publish(context);
                    System.out.println("confirmed the " + confirmed + " statements of " + period);
                    transition(context, lifecycle, "ST-202609-P001", StatementStatus.COUNTERSIGNING, "sent for countersign");
                    transition(context, lifecycle, "ST-202609-P001", StatementStatus.PENDING_PAYMENT_APPLICATION,
                            "countersigned");
                }
            }
            System.out.println("statements: " + out.resolve("2026-09/statements") + " (confirmed), "
                    + out.resolve("2026-10/statements") + " (pending confirmation)");
            System.out.println("invoice lists: " + out.resolve("2026-09/invoice-lists"));
            if (problems > 0) {
                System.out.println("(the sample data holds an order whose milestone ratios add up to more than 1, on "
                        + "purpose: a real monthly run exits with code 3 and names it, as above)");
            }
            System.out.println();
            System.out.println("The other commands read ./workspace unless told otherwise. To look at this one, add --workspace "
                    + workspace + ", or set it once for this shell:");
            System.out.println("  export SETTLEMENT_WORKSPACE=" + workspace);
            System.out.println("  ./run.sh status    ./run.sh statements --period 2026-10    ./run.sh audit    ./run.sh --help");
            System.out.println();
            System.out.println("The console: ./run.sh console --workspace " + workspace + ", then http://localhost:8080/ — sign in as");
            System.out.println("  operator / " + operatorPassword + "   (confirms, moves statements on, freezes, reruns)");
            System.out.println("  analyst  / " + analystPassword + "   (reads and downloads)");
            System.out.println("  (only the passwords' hashes are kept, in " + users + ")");
            return 0;
        }
    }

    private static void transition(ConfigurableApplicationContext context, StatementLifecycle lifecycle, String statement,
            StatementStatus to, String note) {
        context.getBean(OperatorAudit.class).record(new OperatorAudit.Action(DEMO_OPERATOR, "TRANSITION", statement,
                "--to " + to, note), () -> lifecycle.transition(statement, to, DEMO_OPERATOR, note),
                done -> done ? "now " + to : "already " + to + ": nothing to do");
        Outputs.publish(context);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().equals(".gitkeep") && !p.getFileName().toString().equals("README.md")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
