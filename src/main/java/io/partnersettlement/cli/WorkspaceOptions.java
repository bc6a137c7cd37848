package io.partnersettlement.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.workspace.Workspace;

/** Options every command accepts, and the check that the workspace they name is one. */
class WorkspaceOptions {

    static final String DEFAULT = "workspace";

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace folder (default: ${DEFAULT-VALUE}; environment SETTLEMENT_WORKSPACE sets it).",
            defaultValue = "${env:SETTLEMENT_WORKSPACE:-" + DEFAULT + "}")
    Path workspace;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Database instead of the workspace's H2 file, e.g. jdbc:postgresql://127.0.0.1:5432/settlement?user=postgres "
                    + "(also: environment SETTLEMENT_DATABASE_URL).")
    String databaseUrl;

    /** Boots the engine, once the folder is known to be a workspace: nothing is created in a folder that is not one. */
    ConfigurableApplicationContext boot() {
        requireWorkspace();
        SettlementCli.workspaceInUse = workspace;
        return EngineContext.start(workspace, databaseUrl, Map.of());
    }

    /** Opens the database for reading only, without booting the engine: nothing is created or migrated. */
    LedgerView read() {
        String url = databaseUrl();
        if (url == null) {
            Path root = workspace.toAbsolutePath().normalize();
            Path file = new Workspace(root).db().resolve("settlement.mv.db");
            if (!Files.isRegularFile(file)) {
                if (!Files.isDirectory(root.resolve("reference"))) {
                    throw notAWorkspace(root, "looked for " + file + " and " + root.resolve("reference") + ", found neither");
                }
                throw new EngineException(shown() + " has no database yet (looked for " + file
                        + "): the first ./run.sh nightly creates it");
            }
            return LedgerView.open(new Workspace(root).h2Url() + ";IFEXISTS=TRUE", "sa", "");
        }
        return LedgerView.open(url, System.getenv("SETTLEMENT_DATABASE_USER"), System.getenv("SETTLEMENT_DATABASE_PASSWORD"));
    }

    String databaseUrl() {
        String url = databaseUrl != null ? databaseUrl : System.getenv("SETTLEMENT_DATABASE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** A workspace is a folder holding reference/ (SPEC section 2); the engine creates the rest. */
    void requireWorkspace() {
        Path root = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("reference"))) {
            throw notAWorkspace(root, "looked for " + root.resolve("reference") + (Files.isDirectory(root)
                    ? ", found no such folder" : ", found no folder " + root));
        }
    }

    private EngineException notAWorkspace(Path root, String looked) {
        String hint;
        Path demo = Path.of("demo-workspace").toAbsolutePath().normalize();
        if (!demo.equals(root) && Files.isDirectory(demo.resolve("reference"))) {
            hint = "; the demo's workspace is demo-workspace: add --workspace demo-workspace or export SETTLEMENT_WORKSPACE=demo-workspace";
        } else {
            hint = "; ./run.sh demo creates one (demo-workspace), sample-data/ shows what a workspace holds";
        }
        return new EngineException(shown() + " is not a workspace (" + looked + "); nothing was created" + hint,
                SettlementCli.USAGE);
    }

    private String shown() {
        return workspace.toString().equals(DEFAULT) && System.getenv("SETTLEMENT_WORKSPACE") == null
                ? "./workspace (the default: --workspace not given)" : workspace.toString();
    }
}
