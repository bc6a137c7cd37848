package io.partnersettlement.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The engine's command line in a JVM of its own, for runs that a test kills or lets kill itself. */
public final class ChildRun {

    private ChildRun() {
    }

    /**
     * Starts {@code nightly} for {@code date} on the workspace and database ({@code null}: the workspace's H2), with
     * {@code jvmOptions} ({@code -D…}), its output to {@code log}.
     */
    public static Process nightly(Path workspace, String url, String date, Path log, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.partnersettlement.SettlementApplication",
                "nightly", "--workspace", workspace.toString(), "--date", date));
        if (url != null) {
            command.add("--database-url=" + url);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
