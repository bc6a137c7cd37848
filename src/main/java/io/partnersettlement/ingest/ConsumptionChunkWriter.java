package io.partnersettlement.ingest;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;

/**
 * Writes one chunk of validated lines in the chunk's transaction: new record ids with their fingerprints, consumption
 * summed per settlement key, rejected lines, and the tally of harmless repeats. A record id already ingested with the
 * same content is a repeat; with different content it is rejected as {@code DUPLICATE_ID}.
 */
class ConsumptionChunkWriter implements ItemWriter<ParsedLine> {

    private static final int LOOKUP_BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Set<String> orderBillTypes;
    private final Map<Long, String> fileNames;

    ConsumptionChunkWriter(JdbcTemplate jdbc, Set<String> orderBillTypes, Map<Long, String> fileNames) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.orderBillTypes = orderBillTypes;
        this.fileNames = fileNames;
    }

    private record Known(long fingerprint, long fileId, long lineNumber) {
    }

    private record FactKey(long fileId, String period, LocalDate billDate, String customerId, String billType,
            String serviceTypeCode, String orderId, String currency) {
    }

    /** Sums of one settlement key within a chunk. */
    private static final class FactSums {
        long firstLine = Long.MAX_VALUE;
        int records;
        int cashRecords;
        int creditRecords;
        BigDecimal payment = BigDecimal.ZERO;
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal cashAbs = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        BigDecimal creditAbs = BigDecimal.ZERO;
        BigDecimal equivalentAbs = BigDecimal.ZERO;

        void add(ConsumptionRecord r) {
            firstLine = Math.min(firstLine, r.lineNumber());
            records++;
            if (r.cashPart().signum() != 0) {
                cashRecords++;
            }
            if (r.creditPart().signum() != 0) {
                creditRecords++;
            }
            payment = payment.add(r.paymentAmount());
            cash = cash.add(r.cashPart());
            cashAbs = cashAbs.add(r.cashPart().abs());
            credit = credit.add(r.creditPart());
            creditAbs = creditAbs.add(r.creditPart().abs());
            equivalentAbs = equivalentAbs.add(r.cashPart().add(r.creditPart()).abs());
        }
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
    public void write(Chunk<? extends ParsedLine> chunk) {
        io.partnersettlement.run.CrashPoints.reach("ingest.write");
        List<ConsumptionRecord> accepted = new ArrayList<>(chunk.size());
        List<Rejected> rejected = new ArrayList<>();
        Map<Long, FileCounts> counts = new LinkedHashMap<>();
        for (ParsedLine line : chunk) {
            counts.computeIfAbsent(line.fileId(), k -> new FileCounts()).lines++;
            if (line instanceof Accepted a) {
                accepted.add(a.record());
            } else {
                rejected.add((Rejected) line);
            }
        }

        // most chunks bring only new ids: insert them straight away, and look ids up only when that meets one known already
        List<ConsumptionRecord> firstOccurrences = firstOccurrences(accepted);
        boolean insertedAll = tryInsert(firstOccurrences);
        Map<String, Known> known = insertedAll ? new HashMap<>(accepted.size() * 2) : lookup(accepted);
        List<ConsumptionRecord> fresh = new ArrayList<>(accepted.size());
        Map<FactKey, FactSums> facts = new LinkedHashMap<>();
        Map<RepeatKey, BigDecimal[]> repeats = new LinkedHashMap<>();
        for (ConsumptionRecord r : accepted) {
            Known before = known.get(r.id());
            if (before == null) {
                known.put(r.id(), new Known(r.fingerprint(), r.fileId(), r.lineNumber()));
                fresh.add(r);
                String order = orderBillTypes.contains(r.billType()) && r.tradeId() != null ? r.tradeId() : "";
                facts.computeIfAbsent(new FactKey(r.fileId(), r.period(), r.billDate(), r.customerId(), r.billType(),
                        r.serviceTypeCode(), order, r.currency()), k -> new FactSums()).add(r);
                counts.get(r.fileId()).ingested++;
            } else if (before.fingerprint() == r.fingerprint()) {
                BigDecimal[] tally = repeats.computeIfAbsent(new RepeatKey(r.fileId(), r.period()),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                tally[0] = tally[0].add(BigDecimal.ONE);
                tally[1] = tally[1].add(r.paymentAmount());
                counts.get(r.fileId()).repeats++;
            } else {
                String where = fileNames.getOrDefault(before.fileId(), "file #" + before.fileId());
                rejected.add(new Rejected(r.fileId(), r.lineNumber(), RejectReason.DUPLICATE_ID, "id " + r.id()
                        + " was already ingested with different content (" + where + " line " + before.lineNumber() + ")",
                        r.rawLine(), r.period(), r.paymentAmount()));
            }
        }
        rejected.forEach(x -> counts.get(x.fileId()).rejected++);

        if (!insertedAll) {
            insertRecords(fresh);
        }
        recordPeriods(chunk);
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

    private static List<ConsumptionRecord> firstOccurrences(List<ConsumptionRecord> records) {
        Set<String> seen = new java.util.HashSet<>(records.size() * 2);
        List<ConsumptionRecord> first = new ArrayList<>(records.size());
        for (ConsumptionRecord r : records) {
            if (seen.add(r.id())) {
                first.add(r);
            }
        }
        return first;
    }

    /** Inserts the records' ids, or changes nothing and answers false when one of them was ingested before. */
    private boolean tryInsert(List<ConsumptionRecord> records) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
        try {
            insertRecords(records);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (DuplicateKeyException known) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot roll back to the savepoint", e);
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the savepoint", e);
        }
    }

    private Map<String, Known> lookup(List<ConsumptionRecord> records) {
        Map<String, Known> known = new HashMap<>(records.size() * 2);
        List<String> ids = records.stream().map(ConsumptionRecord::id).distinct().toList();
        for (int from = 0; from < ids.size(); from += LOOKUP_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + LOOKUP_BATCH));
            named.query("SELECT record_id, fingerprint, file_id, line_number FROM ingested_record WHERE record_id IN (:ids)",
                    Map.of("ids", batch), rs -> {
                        known.put(rs.getString(1), new Known(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    });
        }
        return known;
    }

    /** Notes the periods this chunk brought something for (records, repeats, rejected lines with a period). */
    private void recordPeriods(Chunk<? extends ParsedLine> chunk) {
        Set<Map.Entry<Long, String>> periods = new java.util.HashSet<>();
        for (ParsedLine line : chunk) {
            String period = line instanceof Accepted a ? a.record().period() : ((Rejected) line).period();
            if (period != null) {
                periods.add(Map.entry(line.fileId(), period));
            }
        }
        for (Map.Entry<Long, String> p : periods) {
            jdbc.update("""
                    INSERT INTO ingest_file_period (file_id, period)
                    SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_file_period WHERE file_id = ? AND period = ?)""",
                    p.getKey(), p.getValue(), p.getKey(), p.getValue());
        }
    }

    private void insertRecords(List<ConsumptionRecord> fresh) {
        jdbc.batchUpdate("INSERT INTO ingested_record (record_id, fingerprint, file_id, line_number) VALUES (?, ?, ?, ?)",
                fresh, fresh.size() + 1, (ps, r) -> {
                    ps.setString(1, r.id());
                    ps.setLong(2, r.fingerprint());
                    ps.setLong(3, r.fileId());
                    ps.setLong(4, r.lineNumber());
                });
    }

    private void insertFacts(Map<FactKey, FactSums> facts) {
        jdbc.batchUpdate("""
                INSERT INTO consumption_fact (file_id, period, bill_date, customer_id, bill_type, service_type_code, order_id,
                    currency, record_count, cash_records, credit_records, payment_amount, cash_part, cash_part_abs,
                    credit_part, credit_part_abs, cash_equivalent_abs, fact_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                new ArrayList<>(facts.entrySet()), facts.size() + 1, (ps, e) -> {
                    FactKey k = e.getKey();
                    FactSums s = e.getValue();
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
                    ps.setLong(18, FactKeys.of(k.period(), k.fileId(), s.firstLine));
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
