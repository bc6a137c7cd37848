package io.partnersettlement.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The partitions of one partitioned step of a run, in order: each a name (unique in the step, short: the job repository
 * keeps {@code <worker step>:<name>} in 100 characters) and the text values its worker reads. A run keeps its plan in
 * the job's execution context, so a restart runs the very partitions it planned, not a plan of the ledger as the
 * completed partitions left it.
 */
public record PartitionPlan(List<Partition> partitions) {

    /** One partition: its name and its values. */
    public record Partition(String name, Map<String, String> values) {

        public String get(String key) {
            return values.get(key);
        }
    }

    public static final String PERIOD = "period";
    public static final String PARTNERS = "partners";

    /** One partition per period and partner range: names {@code <period>.<range number>}. */
    public static PartitionPlan byPeriodAndPartners(List<String> periods, List<PartnerRange> ranges) {
        return byPeriodAndPartners(periods, ranges, period -> Map.of());
    }

    /** As {@link #byPeriodAndPartners(List, List)}, each partition with its period's own values too. */
    public static PartitionPlan byPeriodAndPartners(List<String> periods, List<PartnerRange> ranges,
            Function<String, Map<String, String>> periodValues) {
        List<Partition> partitions = new ArrayList<>();
        for (String period : periods) {
            Map<String, String> own = periodValues.apply(period);
            for (int r = 0; r < ranges.size(); r++) {
                Map<String, String> values = new LinkedHashMap<>(own);
                values.put(PERIOD, period);
                values.put(PARTNERS, ranges.get(r).text());
                partitions.add(new Partition(period + "." + (r + 1), values));
            }
        }
        return new PartitionPlan(partitions);
    }

    /** The execution contexts, by name, in the plan's order. */
    Map<String, ExecutionContext> contexts() {
        Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
        for (Partition p : partitions) {
            ExecutionContext context = new ExecutionContext();
            p.values().forEach(context::putString);
            contexts.put(p.name(), context);
        }
        return contexts;
    }

    /** As the job's execution context keeps it: a line per partition, tab-separated {@code name key=value …}. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (Partition p : partitions) {
            text.append(p.name());
            new TreeMap<>(p.values()).forEach((k, v) -> text.append('\t').append(k).append('=').append(v));
            text.append('\n');
        }
        return text.toString();
    }

    static PartitionPlan parse(String text) {
        List<Partition> partitions = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                values.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            partitions.add(new Partition(fields[0], values));
        }
        return new PartitionPlan(partitions);
    }
}
