package io.partnersettlement.run;

import java.io.IOException;
import java.nio.file.Path;

/** The kill loop's figures and workspace copy, for fault tests of other features. */
public final class KillLoopTestAccess {

    private KillLoopTestAccess() {
    }

    public static String figures(Path workspace, String url) {
        return KillLoopTest.figures(workspace, url);
    }

    public static void copy(Path from, Path to) throws IOException {
        KillLoopTest.copy(from, to);
    }
}
