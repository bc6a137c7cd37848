package io.partnersettlement.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.reference.ReferenceDataException;

/** {@code ./run.sh COMMAND}: the operator's single entry point (SPEC section 10). */
@Command(name = "run.sh", mixinStandardHelpOptions = true, version = "partner-settlement-engine 0.1",
        description = "Partner settlement engine: consumption records in, partner performance and settlement out.",
        footer = {"", "Exit codes: 0 done; 1 failed (one line says why; what was committed is kept); 2 usage error "
                + "(the command line is wrong: nothing was attempted); 3 done, but some partners or orders failed (each named).",
                "Stack traces: --debug, or environment SETTLEMENT_DEBUG=1."})
public class SettlementCli implements Callable<Integer> {

    /** Exit codes (SPEC section 10). */
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int PARTLY_FAILED = 3;

    /** The commands, in the order the usage text lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("nightly", NightlyCommand::new);
        COMMANDS.put("monthly", MonthlyCommand::new);
        COMMANDS.put("confirm", ConfirmCommand::new);
        COMMANDS.put("transition", TransitionCommand::new);
        COMMANDS.put("invoices", InvoicesCommand::new);
        COMMANDS.put("freeze", FreezeCommand::new);
        COMMANDS.put("release", ReleaseCommand::new);
        COMMANDS.put("rerun", RerunCommand::new);
        COMMANDS.put("restart", RestartCommand::new);
        COMMANDS.put("abandon", AbandonCommand::new);
        COMMANDS.put("status", StatusCommand::new);
        COMMANDS.put("statements", StatementsCommand::new);
        COMMANDS.put("trace", TraceCommand::new);
        COMMANDS.put("audit", AuditCommand::new);
        COMMANDS.put("scheduler", SchedulerCommand::new);
        COMMANDS.put("console", ConsoleCommand::new);
        // the demo and the bench, when the tools jar is on the class path (run.sh puts it there)
        for (ToolCommands tools : ServiceLoader.load(ToolCommands.class)) {
            COMMANDS.putAll(tools.commands());
        }
        COMMANDS.put("worker", WorkerCommand::new);
    }

    /** The workspace of the command being run, where a long list of problems is written. */
    static volatile Path workspaceInUse;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces (also: SETTLEMENT_DEBUG=1).")
    void debug(boolean on) {
        Debug.request(on);
    }

    public static void main(String[] args) {
        // H2 keeps a cache of recently used small values in one array shared by every thread. With the monthly job's
        // three database threads on two processors it costs more than it saves: turned off, the monthly job at 10M
        // records took about a tenth less processor time. A pure cache (H2's h2.objectCache): no result changes.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        System.exit(execute(args.length == 0 ? new String[] {"demo"} : args));
    }

    public static int execute(String... args) {
        Debug.reset();
        workspaceInUse = null;
        CommandLine cli = new CommandLine(new SettlementCli());
        // only the command that runs is modelled (reading every command's options takes a noticeable part of a
        // second); the usage text and "help COMMAND" get them all
        String named = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (COMMANDS.containsKey(named)) {
            cli.addSubcommand(named, COMMANDS.get(named).get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        Values.register(cli);
        cli.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            err.println("usage: ./run.sh " + commandPath(e.getCommandLine()) + " --help");
            err.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            report(e, err);
            err.flush();
            Throwable cause = rootMessageCarrier(e);
            return cause instanceof EngineException ee ? ee.exitCode() : FAILED;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine commandLine) {
        String path = commandLine.getCommandSpec().qualifiedName(" ");
        return path.startsWith("run.sh") ? path.substring("run.sh".length()).strip() : path;
    }

    /** One line, the problems behind it named with file and line, and a stack trace only when asked for. */
    static void report(Throwable e, PrintWriter err) {
        Throwable cause = rootMessageCarrier(e);
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        err.println("error: " + message.lines().findFirst().orElse(""));
        ReferenceDataException reference = find(e, ReferenceDataException.class);
        if (reference != null && reference.problems().size() > 1) {
            Path folder = workspaceInUse == null ? Path.of(".") : workspaceInUse.resolve("rejects");
            ProblemList.print(reference.problems(), "  ", folder.resolve("reference-problems.txt"), err::println);
        }
        if (Debug.on()) {
            e.printStackTrace(err);
        } else if (!(cause instanceof EngineException) && !(cause instanceof ReferenceDataException)) {
            err.println("(an unexpected failure: ./run.sh … --debug prints its stack trace)");
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The exception whose message tells the operator what went wrong. */
    static Throwable rootMessageCarrier(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof EngineException || t instanceof ReferenceDataException) {
                return t;
            }
            t = t.getCause();
        }
        Throwable last = e;
        while (last.getCause() != null && last.getCause() != last) {
            last = last.getCause();
        }
        return last.getMessage() != null ? last : e;
    }

    @Override
    public Integer call() {
        if (!COMMANDS.containsKey("demo")) {
            System.err.println("error: the demo is not in this build (it is in the tools jar that ./run.sh puts on the class path)");
            System.err.println("usage: ./run.sh --help");
            return USAGE;
        }
        return new CommandLine(COMMANDS.get("demo").get()).execute();
    }
}
