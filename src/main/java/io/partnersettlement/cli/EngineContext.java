package io.partnersettlement.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.partnersettlement.SettlementApplication;
import io.partnersettlement.workspace.Workspace;

/** Boots the engine against a workspace and a database: the workspace's H2 file unless a JDBC URL is given. */
public final class EngineContext {

    private EngineContext() {
    }

    public static ConfigurableApplicationContext start(Path workspaceDir, String databaseUrl, Map<String, Object> extra) {
        return start(workspaceDir, databaseUrl, extra, null, SettlementApplication.class);
    }

    /** @param clock "now" for the engine (a test's fixed clock); {@code null}: the system clock */
    public static ConfigurableApplicationContext start(Path workspaceDir, String databaseUrl, Map<String, Object> extra,
            Clock clock) {
        return start(workspaceDir, databaseUrl, extra, clock, SettlementApplication.class);
    }

    /** As {@link #start(Path, String, Map, Clock)}, booting {@code application} (the console's, which includes the engine). */
    public static ConfigurableApplicationContext start(Path workspaceDir, String databaseUrl, Map<String, Object> extra,
            Clock clock, Class<?> application) {
        Workspace workspace = new Workspace(workspaceDir).ensureFolders();
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("settlement.workspace", workspace.root().toString());
        defaults.put("spring.datasource.url", workspace.h2Url());
        if (!Debug.on()) {
            // a failed step or job is reported to the operator in one line by the command; the framework's own log
            // entry for it is a stack trace, kept for --debug
            defaults.put("logging.level.org.springframework.batch.core.step", "OFF");
            defaults.put("logging.level.org.springframework.batch.core.job", "OFF");
        }
        defaults.putAll(extra);
        String url = databaseUrl != null ? databaseUrl : System.getenv("SETTLEMENT_DATABASE_URL");
        List<String> args = new ArrayList<>();
        args.add("--settlement.workspace=" + workspace.root());
        if (url == null || url.isBlank()) {
            args.add("--spring.datasource.username=sa");
        } else {
            args.add("--spring.datasource.url=" + url);
            if (url.startsWith("jdbc:postgresql:")) {
                // one multi-row INSERT per batch instead of one statement per row: the chunk writers' inserts
                args.add("--spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true");
            }
            putIfSet(args, "SETTLEMENT_DATABASE_USER", "spring.datasource.username");
            putIfSet(args, "SETTLEMENT_DATABASE_PASSWORD", "spring.datasource.password");
        }
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(defaults);
        app.setLogStartupInfo(false);
        if (clock != null) {
            app.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        return app.run(args.toArray(new String[0]));
    }

    private static void putIfSet(List<String> args, String env, String property) {
        String value = System.getenv(env);
        if (value != null) {
            args.add("--" + property + "=" + value);
        }
    }
}
