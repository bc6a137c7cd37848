package io.partnersettlement.performance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnersettlement.consumption.FactKeys;
import io.partnersettlement.consumption.RecordIds;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.run.ControlTotals;

/**
 * Names the records behind a broken tie between a partner's performance and its incentive details: the services whose
 * performance (as last refreshed) differs from their details' bases, and for each the first records that feed it, by
 * file, line and id — what an operator looks at, corrects and reruns.
 */
@Component
public class TieOutRecords {

    /** Records named per service; the rest are counted. */
    static final int NAMED = 5;

    private final JdbcTemplate jdbc;
    private final RecordIds recordIds;

    public TieOutRecords(JdbcTemplate jdbc, RecordIds recordIds) {
        this.jdbc = jdbc;
        this.recordIds = recordIds;
    }

    /** One fact row: where its first record was read and how many records it sums. */
    private record Source(long fileId, long line, long records) {
    }

    /**
     * For the partner and currency of the period: each service whose performance differs from its details' bases
     * (late details excluded), with its first records; empty when every service agrees.
     */
    public List<String> behind(String period, String partnerId, String currency) {
        Map<String, BigDecimal[]> byService = new TreeMap<>();
        jdbc.query("""
                SELECT service_type_code, performance FROM performance_service
                 WHERE period = ? AND partner_id = ? AND currency = ?""", rs -> {
            sides(byService, rs.getString(1))[0] = rs.getBigDecimal(2);
        }, period, partnerId, currency);
        jdbc.query("""
                SELECT service_type_code, SUM(base) FROM incentive_detail
                 WHERE period = ? AND partner_id = ? AND currency = ? AND parent_detail_id IS NULL AND NOT late
                 GROUP BY service_type_code""", rs -> {
            sides(byService, rs.getString(1))[1] = rs.getBigDecimal(2);
        }, period, partnerId, currency);
        byService.values().removeIf(s -> s[0].compareTo(s[1]) == 0);
        if (byService.isEmpty()) {
            return List.of();
        }
        Map<String, List<Source>> sources = sources(period, partnerId, currency, byService.keySet());
        List<String> named = new ArrayList<>();
        byService.forEach((service, sides) -> named.add("service " + service + " (performance "
                + sides[0].stripTrailingZeros().toPlainString() + ", detail bases " + sides[1].stripTrailingZeros()
                .toPlainString() + "): " + describe(sources.getOrDefault(service, List.of()))));
        return named;
    }

    private static BigDecimal[] sides(Map<String, BigDecimal[]> byService, String service) {
        return byService.computeIfAbsent(service, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** The period's fact rows that count for the partner and currency, per service, in file and line order. */
    private Map<String, List<Source>> sources(String period, String partnerId, String currency,
            Set<String> services) {
        ConsumptionClassifier classifier = ClassificationRepository.classifier(jdbc);
        PeriodCloses closes = ClassificationRepository.periodCloses(jdbc);
        Map<String, List<Source>> sources = new TreeMap<>();
        jdbc.query("""
                SELECT customer_id, bill_date, bill_type, service_type_code, file_id, fact_key, record_count
                  FROM consumption_fact
                 WHERE fact_key >= ? AND fact_key < ? AND currency = ?
                 ORDER BY file_id, fact_key""", rs -> {
            String service = rs.getString(4);
            if (!services.contains(service)) {
                return;
            }
            Classification c = classifier.classify(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                    service);
            long fileId = rs.getLong(5);
            if (c.counts() && partnerId.equals(c.partnerId()) && !closes.late(partnerId, period, fileId)) {
                sources.computeIfAbsent(service, k -> new ArrayList<>())
                        .add(new Source(fileId, FactKeys.lineOf(rs.getLong(6)), rs.getLong(7)));
            }
        }, FactKeys.first(period), FactKeys.after(period), currency);
        return sources;
    }

    /** The first records by file, line and id, and how many more there are. */
    private String describe(List<Source> sources) {
        if (sources.isEmpty()) {
            return "no record of the period feeds it now";
        }
        List<String> parts = new ArrayList<>();
        long records = sources.stream().mapToLong(Source::records).sum();
        for (Source s : sources.subList(0, Math.min(NAMED, sources.size()))) {
            String file = jdbc.queryForObject("SELECT file_name FROM ingest_file WHERE file_id = ?", String.class,
                    s.fileId());
            String id = recordIds.idsAt(s.fileId(), new TreeSet<>(List.of(s.line())))
                    .get(s.line());
            parts.add(file + " line " + s.line() + (id == null ? "" : " id " + id));
        }
        return String.join(", ", parts) + " (" + records + " record(s) in all)";
    }

    /**
     * The checks of {@link io.partnersettlement.run.ControlTotals#details(String, List)}, a broken tie between
     * performance and detail bases naming the records behind it.
     */
    public List<ControlTotals.Check> checks(String period, List<ControlTotals.Tie> ties) {
        List<ControlTotals.Check> checks = new ArrayList<>(ControlTotals.details(period, ties));
        for (int i = 0; i < checks.size(); i++) {
            ControlTotals.Check check = checks.get(i);
            ControlTotals.Tie tie = ties.get(i);
            if (!check.holds() && tie.identity().startsWith("performance")) {
                List<String> behind = behind(period, tie.partnerId(), tie.currency());
                checks.set(i, new ControlTotals.Check(check.identity() + "; records behind it: " + (behind.isEmpty()
                        ? "every service agrees with its details, the partner's period total does not" : String.join(
                                "; ", behind)), check.left(), check.right(), false));
            }
        }
        return checks;
    }
}
