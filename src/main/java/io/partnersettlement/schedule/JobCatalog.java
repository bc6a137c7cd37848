package io.partnersettlement.schedule;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.quartz.CronExpression;

import io.partnersettlement.fault.EngineException;

/** The job catalog, {@code jobs/*.properties}: each scheduled job with its cron schedule and parameters. */
public final class JobCatalog {

    /** A scheduled job: the catalog entry's name, the batch job, its Quartz cron and its data lag. */
    public record Entry(String name, String job, String schedule, int dataLagDays) {
    }

    private JobCatalog() {
    }

    public static List<Entry> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new EngineException("no job catalog at " + folder.toAbsolutePath());
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".properties")).sorted().toList()) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                String name = file.getFileName().toString().replace(".properties", "");
                String job = p.getProperty("job");
                String schedule = p.getProperty("schedule");
                if (job == null || schedule == null || !CronExpression.isValidExpression(schedule)) {
                    throw new EngineException(file + ": needs job= and a valid Quartz cron schedule= (got '" + schedule + "')");
                }
                entries.add(new Entry(name, job.strip(), schedule.strip(),
                        Integer.parseInt(p.getProperty("data-lag-days", "2").strip())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job catalog " + folder, e);
        }
        return entries;
    }
}
