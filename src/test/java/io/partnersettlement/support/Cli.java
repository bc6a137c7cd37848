package io.partnersettlement.support;

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
}
