package io.partnersettlement.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.console.ConsoleApplication;
import io.partnersettlement.console.security.ConsoleUsers;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"The operations console in the browser, with its JSON API (/api, described at /swagger-ui.html), "
                + "health (/actuator/health) and metrics (/actuator/prometheus), on this workspace's database. Runs until "
                + "stopped (Ctrl-C).",
                "Users and their BCrypt password hashes: console-users.csv in the workspace (./run.sh demo writes one and "
                        + "prints the passwords; --add-user adds one) or settlement.console.users.",
                "Examples: ./run.sh console --port 8080    ./run.sh console --add-user kim --role OPERATOR"})
class ConsoleCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface).")
    String address;

    @Option(names = "--add-user", paramLabel = "NAME",
            description = "Add a user (or give one a new password) in the workspace's console-users.csv and print the "
                    + "generated password; only its hash is kept.")
    String addUser;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "ANALYST",
            description = "With --add-user: OPERATOR (acts) or ANALYST (reads and downloads; default).")
    ConsoleUsers.Role role;

    @Override
    public Integer call() throws InterruptedException {
        workspace.requireWorkspace();
        if (addUser != null) {
            String password = ConsoleUsers.newPassword();
            Path file = workspace.workspace.resolve(ConsoleUsers.FILE_NAME);
            ConsoleUsers.write(file, addUser, role, password);
            System.out.println("console user " + addUser + " (" + role + "), password: " + password);
            System.out.println("(only its BCrypt hash is kept, in " + file + ")");
            return 0;
        }
        SettlementCli.workspaceInUse = workspace.workspace;
        ConfigurableApplicationContext context = EngineContext.start(workspace.workspace, workspace.databaseUrl,
                Map.of("spring.profiles.active", "console", "server.port", port, "server.address", address), null,
                ConsoleApplication.class);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        int actual = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : port;
        String host = address.equals("0.0.0.0") ? "localhost" : address;
        System.out.println("console: http://" + host + ":" + actual + "/  (API: /api, described at /swagger-ui.html; "
                + "health: /actuator/health; Ctrl-C stops it)");
        System.out.flush();
        closed.await();
        return 0;
    }
}
