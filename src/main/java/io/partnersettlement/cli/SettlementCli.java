package io.partnersettlement.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import io.partnersettlement.run.EngineException;
import io.partnersettlement.reference.ReferenceDataException;

/** {@code ./run.sh COMMAND}: the operator's single entry point (SPEC section 10). */
@Command(name = "run.sh", mixinStandardHelpOptions = true, version = "partner-settlement-engine 0.1",
        description = "Partner settlement engine: consumption records in, partner performance and settlement out.",
        subcommands = {DemoCommand.class, NightlyCommand.class, MonthlyCommand.class, FreezeCommand.class,
                ReleaseCommand.class, ConfirmCommand.class, TransitionCommand.class, RerunCommand.class, RestartCommand.class, AuditCommand.class, SchedulerCommand.class, StatusCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done; 3 done, but some partners or orders failed (each named); 1 failed."})
public class SettlementCli implements Callable<Integer> {

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
        CommandLine cli = new CommandLine(new SettlementCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = rootMessageCarrier(e);
            PrintWriter err = commandLine.getErr();
            err.println("error: " + cause.getMessage());
            if (cause instanceof ReferenceDataException r && r.problems().size() > 1) {
                r.problems().forEach(p -> err.println("  " + p));
            }
            err.flush();
            return cause instanceof EngineException ee ? ee.exitCode() : 1;
        });
        return cli.execute(args);
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
        return new CommandLine(new DemoCommand()).execute();
    }
}
