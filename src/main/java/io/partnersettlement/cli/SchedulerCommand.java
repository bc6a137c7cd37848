package io.partnersettlement.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.schedule.EngineScheduler;
import io.partnersettlement.schedule.JobCatalog;
import io.partnersettlement.workspace.Workspace;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run the schedules of the job catalog (jobs/) until stopped (SIGTERM or Ctrl-C: the running chunk "
                + "finishes, the run stops restartable). Missed firings are caught up when it comes back, each missed "
                + "business date once, in order.",
                "Example: nohup ./run.sh scheduler >> scheduler.log 2>&1 &"})
class SchedulerCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--jobs", paramLabel = "DIR", defaultValue = "jobs", description = "The job catalog (default: ${DEFAULT-VALUE}).")
    Path jobs;

    @Override
    public Integer call() throws Exception {
        var catalog = JobCatalog.read(jobs);
        ConfigurableApplicationContext context = EngineContext.start(workspace.workspace, workspace.databaseUrl,
                Map.of("spring.datasource.url",
                        new Workspace(workspace.workspace).h2UrlSafeFromInterrupts()));
        EngineScheduler scheduler = context.getBean(EngineScheduler.class);
        // SIGTERM and Ctrl-C are handled here rather than in a shutdown hook, so that the database is still open while
        // the running chunk finishes
        CountDownLatch stopRequested = new CountDownLatch(1);
        for (String signal : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopRequested.countDown());
        }
        scheduler.start(catalog);
        System.out.println("scheduler running (" + catalog.size() + " job(s) from " + jobs.toAbsolutePath()
                + "); stop it with SIGTERM");
        stopRequested.await();
        System.out.println("stopping: the running chunk finishes, the run stays restartable");
        scheduler.stop();
        context.close();
        System.out.println("scheduler stopped");
        return 0;
    }
}
