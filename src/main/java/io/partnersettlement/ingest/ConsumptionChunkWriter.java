package io.partnersettlement.ingest;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.workspace.Workspace;

/**
 * Writes a chunk of parsed blocks in the chunk's transaction: the new record ids to the id ledger, consumption summed
 * per settlement key, rejected lines, and the tally of harmless repeats. A record id already ingested with the same
 * content is a repeat; with different content it is rejected as {@code DUPLICATE_ID}. The ids already ingested are
 * looked up in a {@link RecordIdIndex} loaded when the step writes its first chunk and kept in step with every chunk.
 */
class ConsumptionChunkWriter implements ItemWriter<LineBlock>, AutoCloseable {

    private final JdbcTemplate jdbc;
    private final EarlierLines earlierLines;
    private final BlockRecords blockRecords;
    private final Set<String> orderBillTypes;
    private final Map<Long, String> fileNames;
    private final long expectedRecords;
    private RecordIdIndex index;

    /**
     * @param expectedRecords about how many records the run reads: room the id index is given from the start
     */
    ConsumptionChunkWriter(JdbcTemplate jdbc, Workspace workspace, ConsumptionLineParser parser, Set<String> orderBillTypes,
            Map<Long, String> fileNames, long expectedRecords) {
        this.jdbc = jdbc;
        this.earlierLines = new EarlierLines(jdbc, workspace);
        this.blockRecords = new BlockRecords(workspace.inbox(), parser);
        this.orderBillTypes = orderBillTypes;
        this.fileNames = fileNames;
        this.expectedRecords = expectedRecords;
    }

    private record RepeatKey(long fileId, String period) {
    }

    /** Per-file counts of one chunk. */
    private static final class FileCounts {
        long lines;
        long ingested;
        long repeats;
        long rejected;
    }

    @Override
    public void write(Chunk<? extends LineBlock> chunk) {
        io.partnersettlement.run.CrashPoints.reach("ingest.write");
        if (index == null) {
            index = IdLedger.load(jdbc, expectedRecords);
        }
        Map<Long, FileCounts> counts = new LinkedHashMap<>();
        Map<FactKey, FactSums> facts = new HashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<RepeatKey, BigDecimal[]> repeats = new LinkedHashMap<>();
        Map<Long, IdLedger.BlockBuilder> ids = new LinkedHashMap<>();
        Set<Map.Entry<Long, String>> periods = new LinkedHashSet<>();
        for (LineBlock block : chunk) {
            FileCounts fileCounts = counts.computeIfAbsent(block.fileId(), k -> new FileCounts());
            fileCounts.lines += block.lines();
            rejected.addAll(block.rejected());
            block.periods().forEach(p -> periods.add(Map.entry(block.fileId(), p)));
            IdLedger.BlockBuilder blockIds = ids.computeIfAbsent(block.fileId(), IdLedger.BlockBuilder::new);
            // most blocks bring only new ids: their sums stand; a block with a repeat or a duplicate is read again
            List<ConsumptionRecord> records = null;
            List<ConsumptionRecord> fresh = null;
            long[] hashes = block.idHashes();
            for (int i = 0; i < hashes.length; i++) {
                long hash = hashes[i];
                long fingerprint = block.fingerprints()[i];
                long line = block.recordLines()[i];
                int first = index.next(hash, -1);
                boolean repeat = false;
                Long duplicateOf = null;
                if (first >= 0 && records == null) {
                    records = blockRecords.read(block);
                }
                ConsumptionRecord r = records == null ? null : records.get(i);
                for (int slot = first; slot >= 0 && !repeat; slot = index.next(hash, slot + 1)) {
                    repeat = index.fingerprint(slot) == fingerprint;
                }
                for (int slot = first; slot >= 0 && !repeat && duplicateOf == null; slot = index.next(hash, slot + 1)) {
                    if (sameId(r.id(), index.location(slot))) {
                        duplicateOf = index.location(slot);
                    }
                }
                if (!repeat && duplicateOf == null) {
                    // a new id (or a hash shared by two ids: a new record after all)
                    index.add(hash, fingerprint, RecordIdIndex.location(block.fileId(), line));
                    blockIds.add(hash, fingerprint, line);
                    fileCounts.ingested++;
                    if (fresh != null) {
                        fresh.add(records.get(i));
                    }
                    continue;
                }
                if (fresh == null) {
                    fresh = new ArrayList<>(records.subList(0, i));
                }
                if (repeat) {
                    BigDecimal[] tally = repeats.computeIfAbsent(new RepeatKey(r.fileId(), r.period()),
                            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    tally[0] = tally[0].add(BigDecimal.ONE);
                    tally[1] = tally[1].add(r.paymentAmount());
                    fileCounts.repeats++;
                } else {
                    long earlierFile = RecordIdIndex.fileOf(duplicateOf);
                    String where = fileNames.getOrDefault(earlierFile, "file #" + earlierFile);
                    rejected.add(new Rejected(r.fileId(), r.lineNumber(), RejectReason.DUPLICATE_ID, "id " + r.id()
                            + " was already ingested with different content (" + where + " line "
                            + RecordIdIndex.lineOf(duplicateOf) + ")", r.rawLine(), r.period(), r.paymentAmount()));
                }
            }
            if (fresh == null) {
                block.facts().forEach((k, v) -> facts.merge(k, v, (x, y) -> {
                    x.add(y);
                    return x;
                }));
            } else {
                for (ConsumptionRecord r : fresh) {
                    facts.computeIfAbsent(FactKey.of(r, orderBillTypes), k -> new FactSums()).add(r);
                }
            }
        }
        rejected.forEach(x -> counts.get(x.fileId()).rejected++);

        IdLedger.insert(jdbc, ids.values());
        recordPeriods(periods);
        insertFacts(facts);
        insertRejected(rejected);
        insertRepeats(repeats);
        for (Map.Entry<Long, FileCounts> e : counts.entrySet()) {
            FileCounts c = e.getValue();
            jdbc.update("""
                    UPDATE ingest_file
                       SET lines_read = lines_read + ?, records_ingested = records_ingested + ?,
                           repeats = repeats + ?, rejected = rejected + ?
                     WHERE file_id = ?""", c.lines, c.ingested, c.repeats, c.rejected, e.getKey());
        }
        io.partnersettlement.run.CrashPoints.reach("ingest.written");
    }

    /**
     * Whether the record at {@code location} has the id {@code id}: ids are held as 64-bit hashes, so a hash match with
     * other content is confirmed against the earlier line itself. A line that cannot be read back counts as the same
     * id: the record is then rejected, never counted twice.
     */
    private boolean sameId(String id, long location) {
        String earlier = earlierLines.idAt(RecordIdIndex.fileOf(location), RecordIdIndex.lineOf(location));
        return earlier == null || earlier.equals(id);
    }

    @Override
    public void close() {
        earlierLines.close();
    }

    /** Notes the periods each file brought something for (records, repeats, rejected lines with a period). */
    private void recordPeriods(Set<Map.Entry<Long, String>> periods) {
        for (Map.Entry<Long, String> p : periods) {
            jdbc.update("""
                    INSERT INTO ingest_file_period (file_id, period)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_file_period WHERE file_id = ? AND period = ?)""",
                    p.getKey(), p.getValue(), p.getKey(), p.getValue());
        }
    }

    /** Inserts the chunk's sums in key order: appended to the end of the table's B-tree, no page is split twice. */
    private void insertFacts(Map<FactKey, FactSums> facts) {
        record Row(long key, FactKey fact, FactSums sums) {
        }
        List<Row> rows = new ArrayList<>(facts.size());
        facts.forEach((k, v) -> rows.add(new Row(FactKeys.of(k.period(), k.fileId(), v.firstLine), k, v)));
        rows.sort(java.util.Comparator.comparingLong(Row::key));
        jdbc.batchUpdate("""
                INSERT INTO consumption_fact (file_id, period, bill_date, customer_id, bill_type, service_type_code, order_id,
                    currency, record_count, cash_records, credit_records, payment_amount, cash_part, cash_part_abs,
                    credit_part, credit_part_abs, cash_equivalent_abs, fact_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, rows.size() + 1, (ps, row) -> {
                    FactKey k = row.fact();
                    FactSums s = row.sums();
                    ps.setLong(1, k.fileId());
                    ps.setString(2, k.period());
                    ps.setDate(3, Date.valueOf(k.billDate()));
                    ps.setString(4, k.customerId());
                    ps.setString(5, k.billType());
                    ps.setString(6, k.serviceTypeCode());
                    ps.setString(7, k.orderId());
                    ps.setString(8, k.currency());
                    ps.setInt(9, s.records);
                    ps.setInt(10, s.cashRecords);
                    ps.setInt(11, s.creditRecords);
                    ps.setBigDecimal(12, s.payment);
                    ps.setBigDecimal(13, s.cash);
                    ps.setBigDecimal(14, s.cashAbs);
                    ps.setBigDecimal(15, s.credit);
                    ps.setBigDecimal(16, s.creditAbs);
                    ps.setBigDecimal(17, s.equivalentAbs);
                    ps.setLong(18, row.key());
                });
    }

    private void insertRejected(List<Rejected> rejected) {
        jdbc.batchUpdate("""
                INSERT INTO rejected_line (file_id, line_number, reason, message, raw_line, period, payment_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", rejected, rejected.size() + 1, (ps, r) -> {
            ps.setLong(1, r.fileId());
            ps.setLong(2, r.lineNumber());
            ps.setString(3, r.reason().name());
            ps.setString(4, r.message().length() > 2000 ? r.message().substring(0, 2000) : r.message());
            ps.setString(5, r.rawLine() == null ? "" : r.rawLine());
            ps.setString(6, r.period());
            ps.setBigDecimal(7, r.paymentAmount());
        });
    }

    private void insertRepeats(Map<RepeatKey, BigDecimal[]> repeats) {
        jdbc.batchUpdate("INSERT INTO repeat_tally (file_id, period, record_count, payment_amount) VALUES (?, ?, ?, ?)",
                new ArrayList<>(repeats.entrySet()), repeats.size() + 1, (ps, e) -> {
                    ps.setLong(1, e.getKey().fileId());
                    ps.setString(2, e.getKey().period());
                    ps.setInt(3, e.getValue()[0].intValue());
                    ps.setBigDecimal(4, e.getValue()[1]);
                });
    }
}
