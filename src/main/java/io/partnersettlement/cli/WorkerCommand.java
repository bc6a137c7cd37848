package io.partnersettlement.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import io.partnersettlement.partition.PartitionWorker;
import io.partnersettlement.partition.PartitioningSettings;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run partitions of every job sent by managers started with SETTLEMENT_PARTITIONING=remote, one at a "
                + "time, until stopped (SIGTERM or Ctrl-C: the running partition finishes, then the worker stops). The "
                + "database (--database-url or SETTLEMENT_DATABASE_URL, PostgreSQL) and the workspace folder, at the same "
                + "path, are the managers'; the broker is SETTLEMENT_BROKER_URL (default amqp://guest:guest@127.0.0.1:5672).",
                "Example: SETTLEMENT_DATABASE_URL=jdbc:postgresql://db:5432/settlement?user=settlement ./run.sh worker "
                        + "--workspace /shared/workspace"})
class WorkerCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Override
    public Integer call() throws Exception {
        workspace.requireWorkspace();
        SettlementCli.workspaceInUse = workspace.workspace;
        ConfigurableApplicationContext context = EngineContext.start(workspace.workspace, workspace.databaseUrl,
                Map.of("settlement.partitioning", "remote"));
        AtomicBoolean stop = new AtomicBoolean();
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                if (!stop.getAndSet(true)) {
                    System.out.println("stopping: the running partition finishes first");
                }
            });
        }
        PartitioningSettings settings = context.getBean(PartitioningSettings.class);
        System.out.println("worker running (process " + ProcessHandle.current().pid() + "): partitions from queue "
                + settings.queue() + " at " + settings.brokerUrl().replaceAll("//[^@/]*@", "//") + "; stop it with SIGTERM");
        int ran = context.getBean(PartitionWorker.class).run(stop::get, Duration.ofMillis(200));
        context.close();
        System.out.println("worker stopped after " + ran + " partition(s)");
        return 0;
    }
}
