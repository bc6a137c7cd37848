package io.partnersettlement.partition;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import io.partnersettlement.fault.EngineException;

/**
 * Builds the partitioned steps: a manager step that plans partitions, hands them to its partition handler and, once
 * every partition has completed, does what must see everything ({@link ManagerWork}). One code path for both modes:
 * locally a {@link TaskExecutorPartitionHandler} runs the worker step on threads of this process; remotely a
 * {@link RemotePartitionHandler} sends each partition over the broker to a worker process and follows the job
 * repository until they are done. Nothing connects to the broker unless partitioning is remote.
 */
@Component
public class Partitioning {

    /** Partition requests this process sent to the broker, for the bench's messages per job. */
    static final AtomicLong SENT = new AtomicLong();

    private final JobRepository jobRepository;
    private final PartitioningSettings settings;
    private final ObjectProvider<RemotePartitioning.Handlers> remote;

    public Partitioning(JobRepository jobRepository, PartitioningSettings settings,
            ObjectProvider<RemotePartitioning.Handlers> remote) {
        this.jobRepository = jobRepository;
        this.settings = settings;
        this.remote = remote;
    }

    public static long messagesSent() {
        return SENT.get();
    }

    public PartitioningSettings settings() {
        return settings;
    }

    /** A manager step named {@code name} running {@code worker} on each partition {@code planner} plans. */
    public Step partitioned(String name, Step worker, PartitionPlanner planner, ManagerWork work) {
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), grid -> Map.of())
                .splitter(new PlannedSplitter(jobRepository, worker.getName(), planner))
                .partitionHandler(new DeferredHandler(worker))
                .aggregator(new Aggregator(work, worker.getName()))
                .build();
    }

    /** Chooses the handler when the step runs, so that building the jobs never touches the broker's classes. */
    private final class DeferredHandler implements PartitionHandler {
        private final Step worker;
        private PartitionHandler handler;

        DeferredHandler(Step worker) {
            this.worker = worker;
        }

        @Override
        public Collection<StepExecution> handle(StepExecutionSplitter splitter,
                StepExecution manager) throws Exception {
            return handler().handle(splitter, manager);
        }

        private synchronized PartitionHandler handler() throws Exception {
            if (handler == null) {
                if (settings.remote()) {
                    handler = remote.getObject().handler(worker.getName());
                } else {
                    TaskExecutorPartitionHandler local = new TaskExecutorPartitionHandler();
                    local.setStep(worker);
                    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
                    executor.setConcurrencyLimit(settings.threads());
                    local.setTaskExecutor(executor);
                    local.afterPropertiesSet();
                    handler = local;
                }
            }
            return handler;
        }
    }

    /**
     * The manager's status from its partitions' (their counts stay theirs: the run's totals add up step executions),
     * a failed partition's own reason as the manager's, then the manager's work over every partition of the plan.
     */
    private final class Aggregator implements StepExecutionAggregator {
        private final ManagerWork work;
        private final String workerStep;

        Aggregator(ManagerWork work, String workerStep) {
            this.work = work;
            this.workerStep = workerStep;
        }

        @Override
        public void aggregate(StepExecution manager, Collection<StepExecution> executions) {
            for (StepExecution partition : executions) {
                if (partition.getStatus() != BatchStatus.COMPLETED) {
                    throw failure(partition);
                }
            }
            manager.upgradeStatus(BatchStatus.COMPLETED);
            PartitionPlan plan = PlannedSplitter.plan(jobRepository, manager, m -> {
                throw new IllegalStateException("no plan kept for " + m.getStepName());
            });
            List<StepExecution> all = new ArrayList<>();
            for (PartitionPlan.Partition p : plan.partitions()) {
                StepExecution last = latest(manager, executions, workerStep + ":" + p.name());
                if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
                    throw new EngineException(manager.getStepName() + ": partition " + p.name() + " did not complete");
                }
                all.add(last);
            }
            try {
                work.afterPartitions(manager, all);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private StepExecution latest(StepExecution manager, Collection<StepExecution> executions, String name) {
            for (StepExecution e : executions) {
                if (e.getStepName().equals(name)) {
                    return e;
                }
            }
            // completed in an earlier attempt of the run: the repository has it
            return jobRepository.getLastStepExecution(manager.getJobExecution().getJobInstance(), name);
        }

        /** The partition's reason as the manager's: its exception in this process, its exit message from a worker. */
        private RuntimeException failure(StepExecution partition) {
            Throwable cause = partition.getFailureExceptions().stream().findFirst().orElse(null);
            if (cause != null) {
                return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
            }
            ExitStatus exit = partition.getExitStatus();
            String reason = exit.getExitDescription() == null || exit.getExitDescription().isBlank()
                    ? partition.getStatus().toString() : firstLine(exit.getExitDescription());
            return new EngineException("partition " + partition.getStepName() + " " + partition.getStatus() + ": " + reason);
        }
    }

    /** The first line of a stack trace as a worker left it, without the exception's class name. */
    static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        return line.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
    }
}
