package io.partnersettlement.ingest;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.ingest.ParsedLine.Rejected;

/**
 * Writes a chunk of checked blocks in the chunk's transaction, block by block: the new record ids to the id ledger (a
 * row a block, indexed once the night's ingest is done), consumption summed per settlement key, rejected lines, the tally of harmless repeats and the file's counters. A chunk
 * is one block; everything but the statements was done on the reading threads ({@link InboxReader}, {@link IdCheck}).
 * Fact rows are keyed by their first line, so the rows of two blocks never share a key.
 */
class ConsumptionChunkWriter implements ItemWriter<CheckedBlock> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsumptionChunkWriter.class);

    private final JdbcTemplate jdbc;

    ConsumptionChunkWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(Chunk<? extends CheckedBlock> chunk) {
        io.partnersettlement.fault.CrashPoints.reach("ingest.write");
        for (CheckedBlock checked : chunk) {
            write(checked);
        }
        io.partnersettlement.fault.CrashPoints.reach("ingest.written");
    }

    private void write(CheckedBlock checked) {
        LineBlock block = checked.block();
        if (checked.changed() != null) {
            InboxFiles.takeBack(jdbc, block.fileId(), checked.changed());
            log.warn("inbox/{} left in the inbox, nothing of it counted: {}; a later run takes it whole", block.fileName(),
                    checked.changed());
            return;
        }
        IdLedger.store(jdbc, List.of(checked.ids()));
        recordPeriods(block.fileId(), block.periods());
        insertFacts(jdbc, checked.facts());
        insertRejected(jdbc, checked.rejected());
        insertRepeats(jdbc, block.fileId(), checked.repeats());
        // the block's physical lines are added to those of the blocks stored before it, and only when it follows them
        // line for line: a block whose predecessor was never stored (its transaction lost while the reading position
        // was saved) fails here, before anything of it commits, and the file's physical lines read never pass a gap
        int updated = jdbc.update("""
                UPDATE ingest_file
                   SET lines_read = lines_read + ?, records_ingested = records_ingested + ?,
                       repeats = repeats + ?, rejected = rejected + ?,
                       physical_lines_read = physical_lines_read + ?
                 WHERE file_id = ? AND physical_lines_read = ?""", block.lines(), checked.ingested(), checked.repeated(),
                checked.rejected().size(), block.nextLine() - block.fromLine(), block.fileId(), block.fromLine() - 1);
        if (updated != 1) {
            Long stored = jdbc.queryForObject("SELECT physical_lines_read FROM ingest_file WHERE file_id = ?", Long.class,
                    block.fileId());
            throw new IllegalStateException("inbox/" + block.fileName() + ": the block read from line " + block.fromLine()
                    + " does not follow the lines stored for the file (" + stored + "); restart the run to read on from"
                    + " line " + (stored == null ? 1 : stored + 1));
        }
        if (afterWrite != null) {
            afterWrite.run();
        }
    }

    /**
     * Called after each block is written, in the chunk's transaction: lets a test break the chunk's commit. Set before
     * a run starts, never in production.
     */
    static Runnable afterWrite;

    /** Notes the periods a file brought something for (records, repeats, rejected lines with a period). */
    private void recordPeriods(long fileId, Set<String> periods) {
        for (String period : periods) {
            jdbc.update("""
                    INSERT INTO ingest_file_period (file_id, period)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_file_period WHERE file_id = ? AND period = ?)""",
                    fileId, period, fileId, period);
        }
    }

    /** The columns {@link #insertFacts} writes, in the order of its batched insert. */
    private static final String COPY_FACTS = """
            COPY consumption_fact (file_id, period, bill_date, customer_id, bill_type, service_type_code, order_id,
                currency, record_count, cash_records, credit_records, payment_amount, cash_part, cash_part_abs,
                credit_part, credit_part_abs, cash_equivalent_abs, fact_key) FROM STDIN""";

    /**
     * Inserts a block's sums in key order: appended to the end of the table's B-tree, no page is split twice. On
     * PostgreSQL in one {@code COPY} (what the batched insert writes, gated by {@code FactCopyTest}), elsewhere a
     * batched insert.
     */
    static void insertFacts(JdbcTemplate jdbc, Map<FactKey, FactSums> facts) {
        record Row(long key, FactKey fact, FactSums sums) {
        }
        List<Row> rows = new ArrayList<>(facts.size());
        facts.forEach((k, v) -> rows.add(new Row(FactKeys.of(k.period(), k.fileId(), v.firstLine), k, v)));
        rows.sort(java.util.Comparator.comparingLong(Row::key));
        if (CopyRows.copy(jdbc, COPY_FACTS, rows.size(), (line, i) -> {
            FactKey k = rows.get(i).fact();
            FactSums s = rows.get(i).sums();
            line.append(k.fileId()).append('\t');
            CopyRows.value(line, k.period()).append('\t').append(k.billDate()).append('\t');
            CopyRows.value(line, k.customerId()).append('\t');
            CopyRows.value(line, k.billType()).append('\t');
            CopyRows.value(line, k.serviceTypeCode()).append('\t');
            CopyRows.value(line, k.orderId()).append('\t');
            CopyRows.value(line, k.currency()).append('\t');
            line.append(s.records).append('\t').append(s.cashRecords).append('\t').append(s.creditRecords).append('\t')
                    .append(s.payment.toPlainString()).append('\t').append(s.cash.toPlainString()).append('\t')
                    .append(s.cashAbs.toPlainString()).append('\t').append(s.credit.toPlainString()).append('\t')
                    .append(s.creditAbs.toPlainString()).append('\t').append(s.equivalentAbs.toPlainString())
                    .append('\t').append(rows.get(i).key());
        })) {
            return;
        }
        insertBatched(jdbc, rows.stream().map(r -> Map.entry(r.key(), Map.entry(r.fact(), r.sums()))).toList());
    }

    /** The batched insert of {@link #insertFacts}: rows of key, settlement key and sums, in key order. */
    static void insertBatched(JdbcTemplate jdbc, List<Map.Entry<Long, Map.Entry<FactKey, FactSums>>> rows) {
        jdbc.batchUpdate("""
                INSERT INTO consumption_fact (file_id, period, bill_date, customer_id, bill_type, service_type_code, order_id,
                    currency, record_count, cash_records, credit_records, payment_amount, cash_part, cash_part_abs,
                    credit_part, credit_part_abs, cash_equivalent_abs, fact_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows, rows.size() + 1, (ps, row) -> {
                    FactKey k = row.getValue().getKey();
                    FactSums s = row.getValue().getValue();
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
                    ps.setLong(18, row.getKey());
                });
    }

    static void insertRejected(JdbcTemplate jdbc, List<Rejected> rejected) {
        jdbc.batchUpdate("""
                INSERT INTO rejected_line (file_id, line_number, reason, message, raw_line, period, payment_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", rejected, rejected.size() + 1, (ps, r) -> {
            ps.setLong(1, r.fileId());
            ps.setLong(2, r.lineNumber());
            ps.setString(3, r.reason().name());
            ps.setString(4, storable(r.message().length() > 2000 ? r.message().substring(0, 2000) : r.message()));
            ps.setString(5, r.rawLine() == null ? "" : storable(r.rawLine()));
            ps.setString(6, r.period());
            ps.setBigDecimal(7, r.paymentAmount());
        });
    }

    /** PostgreSQL's text cannot hold NUL: it is kept as the visible ␀ (U+2400); archive/ keeps the line's bytes. */
    static String storable(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\u2400');
    }

    static void insertRepeats(JdbcTemplate jdbc, long fileId, Map<String, CheckedBlock.Repeats> repeats) {
        jdbc.batchUpdate("INSERT INTO repeat_tally (file_id, period, record_count, payment_amount) VALUES (?, ?, ?, ?)",
                new ArrayList<>(repeats.entrySet()), repeats.size() + 1, (ps, e) -> {
                    ps.setLong(1, fileId);
                    ps.setString(2, e.getKey());
                    ps.setInt(3, Math.toIntExact(e.getValue().records));
                    ps.setBigDecimal(4, e.getValue().payment);
                });
    }
}
