package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.workspace.Workspace;

/**
 * The ids of one night that two of its ingest partitions both took as new. A partition checks its own files against the
 * index of earlier nights and against its own night: another partition's files are not seen until the night is indexed.
 * Indexing therefore puts them right before it writes a hash: of the ids sharing a hash, in file and line order, the
 * first stands, and each later one is made what one process reading every file in order would have made it — a repeat
 * when its content matches one that stands, {@code DUPLICATE_ID} (naming that one) when its id does, else a new id beside
 * the others. A repeat or duplicate is taken back from its block: its entry, its share of the block's consumption sums
 * (the block's sums worked out again from its remaining lines, so their rows are those one process writes), the file's
 * counters; and its repeat tally or rejected line is written. All of one indexing pass commits in one transaction with
 * the changed blocks, so a pass cut short finds its blocks already put right and its entries gone.
 * <p>
 * With one partition a night (the default on one machine) a hash is shared only by distinct ids the check kept side by
 * side; they are confirmed again here and stand.
 */
final class NightDuplicates {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NightDuplicates.class);

    private final JdbcTemplate jdbc;
    private final Workspace workspace;
    private final ConsumptionLineParser parser;
    private final Set<String> orderBillTypes;

    NightDuplicates(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes) {
        this.jdbc = jdbc;
        this.workspace = workspace;
        this.parser = parser;
        this.orderBillTypes = orderBillTypes;
    }

    /**
     * An entry of the pass judged otherwise than its partition judged it: {@code was} and {@code now} are kinds
     * ({@link IdLedger#ID} standing, {@link IdLedger#NIGHT_REPEAT}, {@link IdLedger#NIGHT_DUPLICATE}); a duplicate names
     * the earlier id it duplicates.
     */
    record Later(int entry, long fileId, long line, int was, int now, long earlierFileId, long earlierLine) {
    }

    /** A file's place in the order files are read in: its run, then its place in the run. */
    private record Place(long jobInstanceId, int ordinal, String name) {
    }

    /**
     * The entries of the sorted pass to judge again, each group of entries sharing a hash in the order one process
     * reads them: those whose kind changes, and every duplicate (its message names the earlier id, which may change).
     * Ids that stand after a first one of their hash are marked as sharing it; an entry's kind is set to what it now is.
     */
    List<Later> find(IdEntries entries) {
        List<int[]> groups = new ArrayList<>();
        for (int i = 1; i < entries.size(); i++) {
            if (entries.hash(i) == entries.hash(i - 1)) {
                int from = i - 1;
                while (i < entries.size() && entries.hash(i) == entries.hash(from)) {
                    i++;
                }
                groups.add(new int[] {from, i});
            }
        }
        if (groups.isEmpty()) {
            return List.of();
        }
        Set<Long> fileIds = new HashSet<>();
        for (int[] group : groups) {
            for (int i = group[0]; i < group[1]; i++) {
                fileIds.add(entries.fileId(i));
            }
        }
        Map<Long, Place> places = places(fileIds);
        Comparator<Integer> readOrder = Comparator
                .<Integer>comparingLong(i -> place(places, entries.fileId(i)).jobInstanceId())
                .thenComparingInt(i -> place(places, entries.fileId(i)).ordinal())
                .thenComparingInt(entries::line);
        List<Later> later = new ArrayList<>();
        try (EarlierLines lines = new EarlierLines(jdbc, workspace)) {
            for (int[] group : groups) {
                List<Integer> members = new ArrayList<>();
                for (int i = group[0]; i < group[1]; i++) {
                    members.add(i);
                }
                members.sort(readOrder);
                List<Integer> standing = new ArrayList<>();
                for (int m : members) {
                    Later judged = judge(entries, lines, standing, m);
                    if (judged.now() == IdLedger.ID) {
                        if (judged.was() != IdLedger.ID) {
                            throw new IllegalStateException(place(places, judged.fileId()).name() + " line "
                                    + judged.line() + " was taken as a repeat or duplicate of an id of the night that"
                                    + " no longer stands, yet stands on its own: the night cannot be put right");
                        }
                        if (!standing.isEmpty()) {
                            entries.markShared(m);
                        }
                        standing.add(m);
                    } else {
                        entries.setKind(m, judged.now());
                        if (judged.was() != judged.now() || judged.now() == IdLedger.NIGHT_DUPLICATE) {
                            later.add(judged);
                        }
                    }
                }
            }
        }
        return later;
    }

    /** What one process would make of entry {@code m} after the ids standing before it. */
    private static Later judge(IdEntries entries, EarlierLines lines, List<Integer> standing, int m) {
        int was = entries.kind(m);
        for (int s : standing) {
            if (entries.fingerprint(s) == entries.fingerprint(m)) {
                return new Later(m, entries.fileId(m), entries.line(m), was, IdLedger.NIGHT_REPEAT, entries.fileId(s),
                        entries.line(s));
            }
        }
        if (!standing.isEmpty()) {
            String id = lines.idAt(entries.fileId(m), entries.line(m));
            for (int s : standing) {
                String earlier = lines.idAt(entries.fileId(s), entries.line(s));
                // as the check: a line that cannot be read back counts as the same id, never as a second record
                if (id == null || earlier == null || earlier.equals(id)) {
                    return new Later(m, entries.fileId(m), entries.line(m), was, IdLedger.NIGHT_DUPLICATE,
                            entries.fileId(s), entries.line(s));
                }
            }
        }
        return new Later(m, entries.fileId(m), entries.line(m), was, IdLedger.ID, 0, 0);
    }

    private static Place place(Map<Long, Place> places, long fileId) {
        Place place = places.get(fileId);
        return place != null ? place : new Place(Long.MAX_VALUE, Integer.MAX_VALUE, "file #" + fileId);
    }

    private Map<Long, Place> places(Set<Long> fileIds) {
        Map<Long, Place> places = new HashMap<>();
        for (Long fileId : fileIds) {
            jdbc.query("SELECT job_instance_id, file_ordinal, file_name FROM ingest_file WHERE file_id = ?", rs -> {
                places.put(fileId, new Place(rs.getLong(1), rs.getInt(2), rs.getString(3)));
            }, fileId);
        }
        return places;
    }

    /**
     * Puts the entries judged again right, in the caller's transaction: per block holding an id now a repeat or
     * duplicate, the block's consumption sums worked out again from its remaining ids; per block, its entries' kinds;
     * per entry, its repeat tally, its rejected line or its message; per file, its counters.
     */
    void takeBack(List<Later> later) {
        Map<Long, TreeMap<Long, Later>> byFile = new TreeMap<>();
        for (Later l : later) {
            byFile.computeIfAbsent(l.fileId(), k -> new TreeMap<>()).put(l.line(), l);
        }
        Set<Long> named = new HashSet<>(byFile.keySet());
        later.forEach(l -> named.add(l.earlierFileId()));
        Map<Long, Place> places = places(named);
        byFile.forEach((fileId, lines) -> takeBack(fileId, lines, places));
        long changed = later.stream().filter(l -> l.was() != l.now()).count();
        if (changed > 0) {
            log.info("{} line(s) that two partitions of the night both read an id of judged again in file order",
                    changed);
        }
    }

    private void takeBack(long fileId, TreeMap<Long, Later> later, Map<Long, Place> places) {
        unchangedDuplicatesLeft(fileId, later, places);
        if (later.isEmpty()) {
            return;
        }
        TreeMap<Long, byte[]> blocks = new TreeMap<>();
        jdbc.query("SELECT first_line, entries FROM ingested_id_block WHERE file_id = ?", rs -> {
            blocks.put(rs.getLong(1), rs.getBytes(2));
        }, fileId);
        Map<Long, Map<Long, Later>> byBlock = new TreeMap<>();
        for (Later l : later.values()) {
            Long first = blocks.floorKey(l.line());
            if (first == null) {
                throw new IllegalStateException("file #" + fileId + " line " + l.line() + " is in none of its id blocks");
            }
            byBlock.computeIfAbsent(first, k -> new TreeMap<>()).put(l.line(), l);
        }
        Path path = EarlierLines.stored(jdbc, workspace, fileId);
        if (path == null) {
            throw new IllegalStateException("file #" + fileId + " is neither in the inbox nor archived: its ids of the"
                    + " night cannot be judged again");
        }
        String name = place(places, fileId).name();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, BigDecimal[]> tally = new TreeMap<>();
        long ids = 0;
        long repeats = 0;
        long rejects = 0;
        for (Map.Entry<Long, Map<Long, Later>> block : byBlock.entrySet()) {
            byte[] packed = blocks.get(block.getKey());
            Map<Long, Later> judged = block.getValue();
            TreeSet<Long> wanted = new TreeSet<>(judged.keySet());
            boolean sums = judged.values().stream().anyMatch(l -> l.was() == IdLedger.ID);
            if (sums) {
                wanted.addAll(IdLedger.idLines(packed));
            }
            Map<Long, ConsumptionRecord> records = records(path, fileId, wanted, name);
            if (sums) {
                resum(fileId, IdLedger.idLines(packed), judged, records);
            }
            rewrite(fileId, block.getKey(), packed, judged);
            for (Later l : judged.values()) {
                ConsumptionRecord r = records.get(l.line());
                if (l.was() == IdLedger.NIGHT_DUPLICATE) {
                    jdbc.update("DELETE FROM rejected_line WHERE file_id = ? AND line_number = ?", fileId, l.line());
                    rejects--;
                } else if (l.was() == IdLedger.NIGHT_REPEAT) {
                    tally(tally, r.period(), -1, r.paymentAmount().negate());
                    repeats--;
                } else {
                    ids--;
                }
                if (l.now() == IdLedger.NIGHT_REPEAT) {
                    tally(tally, r.period(), 1, r.paymentAmount());
                    repeats++;
                } else {
                    rejected.add(new Rejected(fileId, l.line(), RejectReason.DUPLICATE_ID, IdCheck.duplicateMessage(r.id(),
                            place(places, l.earlierFileId()).name(), l.earlierLine()), r.rawLine(), r.period(),
                            r.paymentAmount()));
                    rejects++;
                }
            }
        }
        ConsumptionChunkWriter.insertRejected(jdbc, rejected);
        tally.forEach((period, change) -> retally(fileId, period, change));
        jdbc.update("""
                UPDATE ingest_file SET records_ingested = records_ingested + ?, repeats = repeats + ?,
                       rejected = rejected + ?
                 WHERE file_id = ?""", ids, repeats, rejects, fileId);
    }

    /**
     * Leaves out the duplicates that stay duplicates of the same earlier line (their partition judged them as one
     * process would, as every duplicate of a night on one partition): their rejected line already says so. One query
     * a file, only when it has such duplicates.
     */
    private void unchangedDuplicatesLeft(long fileId, TreeMap<Long, Later> later, Map<Long, Place> places) {
        if (later.values().stream().noneMatch(l -> l.was() == IdLedger.NIGHT_DUPLICATE && l.now() == l.was())) {
            return;
        }
        jdbc.query("SELECT line_number, message FROM rejected_line WHERE file_id = ? AND reason = 'DUPLICATE_ID'", rs -> {
            Later l = later.get(rs.getLong(1));
            if (l != null && l.was() == IdLedger.NIGHT_DUPLICATE && l.now() == l.was() && rs.getString(2).endsWith(
                    "(" + place(places, l.earlierFileId()).name() + " line " + l.earlierLine() + ")")) {
                later.remove(rs.getLong(1));
            }
        }, fileId);
    }

    private static void tally(Map<String, BigDecimal[]> tally, String period, int records, BigDecimal payment) {
        BigDecimal[] change = tally.computeIfAbsent(period, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        change[0] = change[0].add(BigDecimal.valueOf(records));
        change[1] = change[1].add(payment);
    }

    /** A file's repeat tally of a period, changed by {@code change} (records, payment): its rows summed into one. */
    private void retally(long fileId, String period, BigDecimal[] change) {
        if (change[0].signum() == 0 && change[1].signum() == 0) {
            return;
        }
        Map<String, Object> sums = jdbc.queryForMap("""
                SELECT COALESCE(SUM(record_count), 0) AS records, COALESCE(SUM(payment_amount), 0) AS payment
                  FROM repeat_tally WHERE file_id = ? AND period = ?""", fileId, period);
        jdbc.update("DELETE FROM repeat_tally WHERE file_id = ? AND period = ?", fileId, period);
        long count = ((Number) sums.get("records")).longValue() + change[0].longValueExact();
        if (count > 0) {
            jdbc.update("INSERT INTO repeat_tally (file_id, period, record_count, payment_amount) VALUES (?, ?, ?, ?)",
                    fileId, period, count, new BigDecimal(sums.get("payment").toString()).add(change[1]));
        }
    }

    /** The block's consumption sums, worked out again from the ids that still stand: its rows as one process writes them. */
    private void resum(long fileId, TreeSet<Long> idLines, Map<Long, Later> judged, Map<Long, ConsumptionRecord> records) {
        Map<FactKey, FactSums> before = new HashMap<>();
        Map<FactKey, FactSums> after = new HashMap<>();
        for (long line : idLines) {
            ConsumptionRecord r = records.get(line);
            FactKey key = FactKey.of(r, orderBillTypes);
            before.computeIfAbsent(key, k -> new FactSums()).add(r);
            if (!judged.containsKey(line)) {
                after.computeIfAbsent(key, k -> new FactSums()).add(r);
            }
        }
        jdbc.batchUpdate("DELETE FROM consumption_fact WHERE fact_key = ?", new ArrayList<>(before.entrySet()),
                1000, (ps, e) -> ps.setLong(1, FactKeys.of(e.getKey().period(), fileId, e.getValue().firstLine)));
        ConsumptionChunkWriter.insertFacts(jdbc, after);
    }

    /** The block's entries with their kinds as judged; its count of ids with them. */
    private void rewrite(long fileId, long firstLine, byte[] packed, Map<Long, Later> judged) {
        ByteBuffer entries = ByteBuffer.wrap(packed.clone());
        int count = 0;
        while (entries.remaining() >= IdLedger.ENTRY_BYTES) {
            entries.getLong();
            entries.getLong();
            int at = entries.position();
            int line = entries.getInt();
            Later l = judged.get((long) IdLedger.lineOf(line));
            int kind = l == null ? IdLedger.kindOf(line) : l.now();
            entries.putInt(at, IdLedger.entryLine(IdLedger.lineOf(line), l == null && (line & IdLedger.SHARED_HASH) != 0,
                    kind));
            count += kind == IdLedger.ID ? 1 : 0;
        }
        jdbc.update("UPDATE ingested_id_block SET entries = ?, id_count = ? WHERE file_id = ? AND first_line = ?",
                entries.array(), count, fileId, firstLine);
    }

    /** The records at {@code lines} of the file, parsed again as the ingest parsed them. */
    private Map<Long, ConsumptionRecord> records(Path path, long fileId, TreeSet<Long> lines, String name) {
        Map<Long, ConsumptionRecord> records = new TreeMap<>();
        try (CsvFileReader reader = CsvFileReader.open(path)) {
            CsvLine header = reader.next();
            ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
            for (long line : lines) {
                reader.skipTo(line);
                CsvLine read = reader.next();
                if (read != null && parser.process(new InboxLine(fileId, layout, read)) instanceof Accepted a
                        && a.record().lineNumber() == line) {
                    records.put(line, a.record());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.getFileName() + " again", e);
        }
        if (records.size() != lines.size()) {
            throw new IllegalStateException(name + " changed while it was being ingested: "
                    + (lines.size() - records.size()) + " of its ingested lines no longer read as records");
        }
        return records;
    }
}
