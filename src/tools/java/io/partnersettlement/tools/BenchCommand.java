package io.partnersettlement.tools;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnersettlement.bench.Bench;
import io.partnersettlement.bench.SoakBench;
import io.partnersettlement.bench.WorkersBench;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the nightly job against a parse-only pass and a plain Spring Batch job over generated records.",
                "Example: ./run.sh bench --records 2000000",
                "With worker processes: ./run.sh bench --records 1000000 --workers 2 --database-url "
                        + "'jdbc:postgresql://127.0.0.1:5432/test?user=postgres'",
                "Soak: ./run.sh bench --nights 10 --records 1000000"})
class BenchCommand implements Callable<Integer> {

    @Option(names = "--records", paramLabel = "N", defaultValue = "2000000", description = "Records to generate (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--yardstick-records", paramLabel = "N", defaultValue = "500000",
            description = "Records the plain Spring Batch job reads (default: ${DEFAULT-VALUE}; rates are compared).")
    long yardstickRecords;

    @Option(names = "--workspace", paramLabel = "DIR", defaultValue = "bench-workspace",
            description = "Workspace to create (emptied first; default: ${DEFAULT-VALUE}).")
    Path workspace;

    @Option(names = "--periods", paramLabel = "1|2", defaultValue = "1",
            description = "Spread the records over 2026-09 alone and run its monthly job (1, the default), or over 2026-09"
                    + " and 2026-10 and run both monthly jobs with the month-end's confirming nightly run between them (2).")
    int periods;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "Run the engine and the yardstick on this database instead of H2.")
    String databaseUrl;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Run the nightly and monthly jobs in one process, then with N worker processes on this machine "
                    + "(remote partitioning over the broker; PostgreSQL only), and compare their rates.")
    int workers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
            description = "With --workers: partner ranges per period (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--nights", paramLabel = "N", defaultValue = "0",
            description = "Soak: N consecutive nightly runs of --records new records each, plus 1 %% repeats and a few"
                    + " changed-content duplicates of earlier nights, with the month-end monthly jobs (default: one night,"
                    + " the phases above).")
    int nights;

    @Option(names = "--first-bill-date", paramLabel = "DATE", defaultValue = "2026-09-25",
            description = "Soak: the first night's bill date (default: ${DEFAULT-VALUE}; ten nights then cross a month).")
    LocalDate firstBillDate;

    @Option(names = "--history-ids", paramLabel = "N", defaultValue = "0",
            description = "Soak: first put N ids of earlier nights in the id ledger (written and indexed as nights of"
                    + " --records ids are, without their files), so the nights run on a long history.")
    long historyIds;

    @Override
    public Integer call() throws Exception {
        if (nights > 0) {
            return new SoakBench(workspace, nights, records, databaseUrl, firstBillDate, historyIds)
                    .run(System.out);
        }
        if (workers > 0) {
            String url = databaseUrl != null ? databaseUrl : System.getenv("SETTLEMENT_DATABASE_URL");
            return new WorkersBench(workspace, records, url, workers, partitions).run(System.out);
        }
        return new Bench(workspace, records, yardstickRecords, databaseUrl, periods).run(System.out);
    }
}
