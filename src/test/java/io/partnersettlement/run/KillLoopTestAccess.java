package io.partnersettlement.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The kill loop's figures and workspace copy, for fault tests of other features. */
public final class KillLoopTestAccess {

    private KillLoopTestAccess() {
    }

    public static String figures(Path workspace, String url) {
        return KillLoopTest.figures(workspace, url);
    }

    /** The kill loop's pipeline: nightly, September's monthly run, confirm, a transition, October's monthly run. */
    public static List<List<String>> pipeline() {
        return KillLoopTest.PIPELINE;
    }

    public static void copy(Path from, Path to) throws IOException {
        KillLoopTest.copy(from, to);
    }
}
