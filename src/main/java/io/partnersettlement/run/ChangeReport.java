package io.partnersettlement.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.csv.CsvSplitter;
import io.partnersettlement.money.Money;

/**
 * What a rerun changed against the previous run, figure by figure and partner by partner: performance, incentive
 * totals and statement figures of the periods it recomputed.
 */
public final class ChangeReport {

    /** Figures by key {@code period|partner|figure|currency}. */
    private final Map<String, BigDecimal> before;

    private ChangeReport(Map<String, BigDecimal> before) {
        this.before = before;
    }

    public static ChangeReport before(JdbcTemplate jdbc, List<String> periods) {
        return new ChangeReport(figures(jdbc, periods));
    }

    /** Every figure a rerun may change, for the periods. */
    static Map<String, BigDecimal> figures(JdbcTemplate jdbc, List<String> periods) {
        Map<String, BigDecimal> figures = new TreeMap<>();
        for (String period : periods) {
            jdbc.query("SELECT partner_id, currency, performance FROM performance_period WHERE period = ?", rs -> {
                figures.put(period + "|" + rs.getString(1) + "|performance|" + rs.getString(2), rs.getBigDecimal(3));
            }, period);
            jdbc.query("""
                    SELECT partner_id, currency, status, SUM(amount) FROM incentive_detail WHERE period = ?
                     GROUP BY partner_id, currency, status""", rs -> {
                figures.put(period + "|" + rs.getString(1) + "|incentive " + rs.getString(3).toLowerCase() + "|"
                        + rs.getString(2), rs.getBigDecimal(4));
            }, period);
            jdbc.query("""
                    SELECT partner_id, currency, incentive_total, available_total, frozen_total, released_from_prior,
                           prior_period_adjustments, carried_in, payable, carried_out
                      FROM statement WHERE period = ?""", rs -> {
                String[] names = {"incentive_total", "available_total", "frozen_total", "released_from_prior",
                        "prior_period_adjustments", "carried_in", "payable", "carried_out"};
                for (int i = 0; i < names.length; i++) {
                    figures.put(period + "|" + rs.getString(1) + "|statement " + names[i] + "|" + rs.getString(2),
                            rs.getBigDecimal(3 + i));
                }
            }, period);
        }
        return figures;
    }

    /**
     * The changed figures of the periods, as lines {@code period partner figure currency: before → after (difference)}
     * with amounts rounded to the currency's minor unit and grouped ({@code 1,239,491.62}); the report file holds them
     * exactly. Figures of other periods taken before are not compared: each period is reported on its own.
     */
    public List<String> changes(JdbcTemplate jdbc, List<String> periods, Path report) {
        Map<String, BigDecimal> after = figures(jdbc, periods);
        Set<String> keys = new TreeSet<>(after.keySet());
        before.keySet().stream().filter(key -> periods.contains(key.substring(0, key.indexOf('|')))).forEach(keys::add);
        List<String> lines = new ArrayList<>();
        StringBuilder csv = new StringBuilder("period,partner_id,figure,currency,before,after,difference\n");
        for (String key : keys) {
            BigDecimal was = before.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal now = after.getOrDefault(key, BigDecimal.ZERO);
            if (was.compareTo(now) == 0) {
                continue;
            }
            String[] k = key.split("\\|");
            BigDecimal difference = now.subtract(was);
            lines.add(String.format("%s %s %s %s: %s → %s (%s%s)", k[0], k[1], k[2], k[3], shown(was, k[3]),
                    shown(now, k[3]), difference.signum() > 0 ? "+" : "", shown(difference, k[3])));
            csv.append(String.join(",", k[0], CsvSplitter.quote(k[1]), CsvSplitter.quote(k[2]), k[3], plain(was),
                    plain(now), plain(difference))).append('\n');
        }
        try {
            Files.createDirectories(report.getParent());
            Path temp = report.resolveSibling(report.getFileName() + ".tmp");
            Files.writeString(temp, csv, StandardCharsets.UTF_8);
            Files.move(temp, report, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + report, e);
        }
        return lines;
    }

    /** Rounded to the currency's minor unit and grouped; a difference too small for it is shown exactly. */
    static String shown(BigDecimal value, String currency) {
        BigDecimal rounded = Money.round(value, currency);
        if (rounded.signum() == 0 && value.signum() != 0) {
            return plain(value);
        }
        return String.format(Locale.ROOT, "%,." + rounded.scale() + "f", rounded);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
