package io.partnersettlement.cli;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

/** Options every command accepts. */
class WorkspaceOptions {

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "workspace")
    Path workspace;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Database instead of the workspace's H2 file, e.g. jdbc:postgresql://127.0.0.1:5432/settlement?user=postgres "
                    + "(also: environment SETTLEMENT_DATABASE_URL).")
    String databaseUrl;

    ConfigurableApplicationContext boot() {
        return EngineContext.start(workspace, databaseUrl, Map.of());
    }
}
