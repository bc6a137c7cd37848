package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.performance.ClassificationRepository;
import io.partnersettlement.performance.ConsumptionClassifier;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.performance.PerformanceRule;
import io.partnersettlement.performance.PeriodCloses;
import io.partnersettlement.workspace.Workspace;

/**
 * The consumption records behind an incentive detail, read back from their files: the id ledger names the lines each
 * file contributed, and each line is parsed and classified again as the monthly run did, so the records found add up
 * to the detail's base.
 */
public final class DetailRecords {

    /** What an incentive detail is computed over (its key in the ledger). */
    public record Key(String period, String partnerId, String customerId, String associationType, String serviceTypeCode,
            String orderId, String funding, String currency, boolean late) {
    }

    /**
     * A record behind a detail.
     *
     * @param base what the record adds to the detail's base (its cash or credit part; a refund subtracts)
     */
    public record Traced(String file, long line, String recordId, LocalDate billDate, String billType,
            BigDecimal paymentAmount, BigDecimal cashPart, BigDecimal creditPart, BigDecimal base) {
    }

    private DetailRecords() {
    }

    /** The records behind the detail with this key, file by file in ingestion order, line by line. */
    public static List<Traced> of(JdbcTemplate jdbc, Workspace workspace, String defaultCurrency, Key key) {
        ConsumptionClassifier classifier = ClassificationRepository.classifier(jdbc);
        PeriodCloses closes = ClassificationRepository.periodCloses(jdbc);
        Set<String> orderBillTypes = Set.copyOf(
                jdbc.queryForList("SELECT bill_type FROM bill_type WHERE is_order = TRUE", String.class));
        ConsumptionLineParser parser = new ConsumptionLineParser(defaultCurrency);
        List<Long> files = jdbc.queryForList("""
                SELECT DISTINCT file_id FROM consumption_fact
                 WHERE fact_key >= ? AND fact_key < ? AND customer_id = ? AND service_type_code = ? AND order_id = ?
                   AND currency = ?
                 ORDER BY file_id""", Long.class, FactKeys.first(key.period()), FactKeys.after(key.period()),
                key.customerId(), key.serviceTypeCode(), key.orderId(), key.currency());
        List<Traced> traced = new ArrayList<>();
        for (long fileId : files) {
            if (closes.late(key.partnerId(), key.period(), fileId) != key.late()) {
                continue;
            }
            TreeSet<Long> lines = ingestedLines(jdbc, fileId);
            Path path = EarlierLines.stored(jdbc, workspace, fileId);
            if (path == null || lines.isEmpty()) {
                continue;
            }
            try (CsvFileReader reader = CsvFileReader.open(path)) {
                CsvLine header = reader.next();
                ConsumptionColumn.Layout layout = ConsumptionColumn.Layout.of(header.fields());
                String name = workspace.root().relativize(path).toString();
                for (long line : lines) {
                    reader.skipTo(line);
                    CsvLine csv = reader.next();
                    if (csv != null && parser.process(new InboxLine(fileId, layout, csv)) instanceof ParsedLine.Accepted a) {
                        Traced t = behind(a.record(), key, classifier, orderBillTypes, name);
                        if (t != null) {
                            traced.add(t);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return traced;
    }

    private static Traced behind(ConsumptionRecord r, Key key, ConsumptionClassifier classifier, Set<String> orderBillTypes,
            String file) {
        if (!r.customerId().equals(key.customerId()) || !r.serviceTypeCode().equals(key.serviceTypeCode())
                || !r.period().equals(key.period()) || !r.currency().equals(key.currency())
                || !FactKey.of(r, orderBillTypes).orderId().equals(key.orderId())) {
            return null;
        }
        Classification c = classifier.classify(r.customerId(), r.billDate(), r.billType(), r.serviceTypeCode());
        if (!c.counts() || !key.partnerId().equals(c.partnerId()) || !key.associationType().equals(c.associationType())) {
            return null;
        }
        BigDecimal part = "CASH".equals(key.funding()) ? r.cashPart() : r.creditPart();
        if (part.signum() == 0) {
            return null;
        }
        return new Traced(file, r.lineNumber(), r.id(), r.billDate(), r.billType(), r.paymentAmount(), r.cashPart(),
                r.creditPart(), PerformanceRule.signedPart(c, part, part.abs()));
    }

    /** The lines of the file whose records were ingested (not repeats, not rejects), from the id ledger. */
    private static TreeSet<Long> ingestedLines(JdbcTemplate jdbc, long fileId) {
        TreeSet<Long> lines = new TreeSet<>();
        jdbc.query("SELECT entries FROM ingested_id_block WHERE file_id = ?", rs -> {
            lines.addAll(IdLedger.idLines(rs.getBytes(1)));
        }, fileId);
        lines.addAll(jdbc.queryForList("SELECT line_number FROM ingested_record WHERE file_id = ?", Long.class, fileId));
        return lines;
    }
}
