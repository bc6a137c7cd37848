package io.partnersettlement.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.partnersettlement.cli.SettlementCli;

/** Runs an operator command in process, as {@code ./run.sh} would, over a workspace and a database. */
public final class Cli {

    private Cli() {
    }

    /** Answers the command's exit code; {@code url} null means the workspace's own H2 database. */
    public static int run(Path workspace, String url, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.add("--workspace=" + workspace);
        if (url != null) {
            all.add("--database-url=" + url);
        }
        return SettlementCli.execute(all.toArray(new String[0]));
    }

    public static int run(Path workspace, String url, String... args) {
        return run(workspace, url, List.of(args));
    }

    /** What a command printed, and its exit code. */
    public record Result(int exitCode, String out, String err) {
    }

    /** Runs the command as given (no workspace or database added) and keeps what it printed. */
    public static synchronized Result capture(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = SettlementCli.execute(args);
            return new Result(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Runs an operator command over a workspace and a database and keeps what it printed. */
    public static Result capture(Path workspace, String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--workspace=" + workspace);
        if (url != null) {
            all.add("--database-url=" + url);
        }
        return capture(all.toArray(new String[0]));
    }
}
