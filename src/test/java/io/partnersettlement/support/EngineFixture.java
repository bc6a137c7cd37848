package io.partnersettlement.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.partnersettlement.workspace.Workspace;

/**
 * The job tests' fixture: a fresh database (H2 in the workspace, or a schema of its own on PostgreSQL), a workspace,
 * and the engine booted on them; after the test, the engines it opened are closed, its PostgreSQL schemas dropped and
 * its workspaces deleted, whatever the test did. Registered as a field:
 *
 * <pre>
 * &#64;RegisterExtension
 * final EngineFixture fixture = new EngineFixture();
 *
 * &#64;ParameterizedTest
 * &#64;EnumSource(TestDatabase.class)
 * void someRun(TestDatabase database) {
 *     TestWorkspace ws = fixture.workspace().partner("P1", "CORE", "BANK_TRANSFER")…writeReference();
 *     Engine engine = fixture.engine(ws, database);
 * </pre>
 */
public final class EngineFixture implements AfterEachCallback {

    private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();

    /** A fresh, empty database on {@code database}: its JDBC URL ({@code null} for the workspace's H2 file). */
    public String database(TestDatabase database) {
        String url = database.freshUrl();
        cleanups.push(() -> TestDatabase.dropIfPostgres(url));
        return url;
    }

    /** An empty workspace in a folder of its own. */
    public TestWorkspace workspace() {
        try {
            Path root = Files.createTempDirectory("settlement-test-");
            cleanups.push(() -> Workspace.deleteTree(root));
            return new TestWorkspace(root.resolve("ws"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine on the workspace and a fresh database. */
    public Engine engine(TestWorkspace workspace, TestDatabase database) {
        return engine(workspace.root(), database(database));
    }

    /** The engine on the workspace and database (a URL from {@link #database}); closing it early is allowed. */
    public Engine engine(Path workspace, String databaseUrl) {
        return engine(workspace, databaseUrl, Map.of(), null);
    }

    /** The engine with settings and a clock of the test's own ({@code null}: the system clock). */
    public Engine engine(Path workspace, String databaseUrl, Map<String, Object> properties, Clock clock) {
        Engine engine = new Engine(workspace, databaseUrl, properties, clock);
        cleanups.push(engine);
        return engine;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
