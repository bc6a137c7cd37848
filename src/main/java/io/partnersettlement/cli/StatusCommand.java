package io.partnersettlement.cli;

import java.time.LocalDateTime;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.partnersettlement.run.RunHistory;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Recent runs: state, counts read/written/skipped/rejected, duration.", "Example: ./run.sh status"})
class StatusCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() {
        try (LedgerView ledger = workspace.read()) {
            JdbcClient jdbc = ledger.client;
            System.out.printf("%-9s %-11s %-39s %-10s %-19s %9s %11s %11s %9s %9s  %s%n", "execution", "job", "parameters",
                    "state", "started", "duration", "read", "written", "skipped", "rejected", "exit");
            jdbc.sql(RunHistory.latest(last))
                    .query(rs -> {
                        long id = rs.getLong(1);
                        String state = RunHistory.state(jdbc, id, rs.getString(3));
                        LocalDateTime start = rs.getObject(4, LocalDateTime.class);
                        LocalDateTime end = rs.getObject(5, LocalDateTime.class);
                        String duration = RunHistory.duration(start, end);
                        String params = (rs.getString(10) == null ? "" : "period=" + rs.getString(10) + " ")
                                + "date=" + rs.getString(8) + " run=" + rs.getString(9);
                        System.out.printf("%-9d %-11s %-39s %-10s %-19s %9s %,11d %,11d %,9d %,9d  %s%n", id,
                                rs.getString(2).replace("Job", ""), params, state,
                                start == null ? "" : start.withNano(0).toString().replace('T', ' '), duration,
                                rs.getLong(11), rs.getString(2).startsWith("nightly") ? rs.getLong(12) : rs.getLong(15),
                                rs.getLong(13), rs.getLong(14),
                                "DIED".equals(state) ? "restart with ./run.sh restart --execution " + id : rs.getString(6));
                    });
            return 0;
        }
    }
}
