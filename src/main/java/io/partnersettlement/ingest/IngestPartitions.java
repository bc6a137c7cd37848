package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.partnersettlement.partition.PartitionPlan;

/**
 * The nightly ingest's partitions: the run's files in groups of about equal bytes, each group files that follow one
 * another in name order (a file is never split: its lines are checked in order by one partition). With one group, the
 * default on one machine, the ingest is one partition reading every file. What makes the result independent of the
 * grouping is the indexing after it, which puts right the ids two groups both took as new ({@link NightDuplicates}).
 */
final class IngestPartitions {

    /** A partition's files: their ids, comma-separated, in name order. */
    static final String FILES = "files";

    private IngestPartitions() {
    }

    /**
     * At most {@code groups} partitions (never more than files, at least one), named {@code files-1}, {@code files-2},
     * …: a file goes to the group its middle byte falls in when the run's bytes are cut in {@code groups} equal parts.
     */
    static PartitionPlan plan(List<InboxFiles.InboxFile> files, int groups) {
        int n = Math.max(1, Math.min(groups, files.size()));
        long total = files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        List<List<Long>> grouped = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            grouped.add(new ArrayList<>());
        }
        long before = 0;
        for (InboxFiles.InboxFile file : files) {
            long size = Math.max(0, file.size());
            int group = total == 0 ? 0 : (int) Math.min(n - 1, (before + size / 2) * n / total);
            grouped.get(group).add(file.fileId());
            before += size;
        }
        List<PartitionPlan.Partition> partitions = new ArrayList<>();
        for (List<Long> group : grouped) {
            if (!group.isEmpty() || (partitions.isEmpty() && group == grouped.get(n - 1))) {
                partitions.add(new PartitionPlan.Partition("files-" + (partitions.size() + 1), Map.of(FILES,
                        group.stream().map(String::valueOf).collect(Collectors.joining(",")))));
            }
        }
        return new PartitionPlan(partitions);
    }

    /** The files of the partition whose context this is; {@code null} when it names none (every file of the run). */
    static Set<Long> filesOf(ExecutionContext partition) {
        if (!partition.containsKey(FILES)) {
            return null;
        }
        Set<Long> files = new LinkedHashSet<>();
        for (String id : partition.getString(FILES).split(",")) {
            if (!id.isBlank()) {
                files.add(Long.parseLong(id.strip()));
            }
        }
        return files;
    }
}
