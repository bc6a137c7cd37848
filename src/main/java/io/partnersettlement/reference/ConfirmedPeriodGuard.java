package io.partnersettlement.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.reference.ReferenceModel.AssociationType;
import io.partnersettlement.reference.ReferenceModel.Partner;
import io.partnersettlement.reference.ReferenceModel.PolicyRate;
import io.partnersettlement.reference.ReferenceModel.ReferenceData;

/**
 * Refuses reference data that would change what a confirmed statement was computed with: a partner's terms or a policy
 * rate in effect for a period whose statement is confirmed. Such a change takes effect from a later period, with a row
 * of its own and its {@code effective_from}.
 */
final class ConfirmedPeriodGuard {

    private static final String CONFIRMED = """
            SELECT statement_id, partner_id, period FROM statement
             WHERE status NOT IN ('ESTIMATED', 'PENDING_CONFIRMATION', 'COUNTERSIGN_REJECTED')
             ORDER BY partner_id, period""";

    private static final String HINT = " — add a row with effective_from instead";

    private record Attribute(String name, Function<Partner, Object> value) {
    }

    private static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute("tier", Partner::tier),
            new Attribute("settlement_currency", Partner::settlementCurrency),
            new Attribute("disbursement_method", Partner::disbursementMethod),
            new Attribute("contracting_entity", Partner::contractingEntity),
            new Attribute("partner_tax_rate", p -> p.partnerTaxRate().stripTrailingZeros()));

    private ConfirmedPeriodGuard() {
    }

    /**
     * For each partner whose terms the new reference data changes, the first period they change for: its periods'
     * workbooks show the tier then in effect and must be written again.
     */
    static Map<String, String> changedFrom(JdbcTemplate jdbc, ReferenceData data) {
        Map<String, TreeMap<String, Partner>> before = terms(jdbc);
        Map<String, TreeMap<String, Partner>> after = new HashMap<>();
        data.partners().forEach(p -> after.computeIfAbsent(p.partnerId(), k -> new TreeMap<>()).put(p.fromPeriod(), p));
        Map<String, String> changed = new HashMap<>();
        after.forEach((partner, rows) -> {
            TreeMap<String, Partner> was = before.getOrDefault(partner, new TreeMap<>());
            TreeSet<String> starts = new TreeSet<>(rows.keySet());
            starts.addAll(was.keySet());
            for (String start : starts) {
                Partner old = inEffect(was, start);
                Partner now = inEffect(rows, start);
                if (old == null || now == null
                        || ATTRIBUTES.stream().anyMatch(a -> !Objects.equals(a.value().apply(old), a.value().apply(now)))) {
                    changed.put(partner, start);
                    return;
                }
            }
        });
        return changed;
    }

    private static Map<String, TreeMap<String, Partner>> terms(JdbcTemplate jdbc) {
        Map<String, TreeMap<String, Partner>> before = new HashMap<>();
        jdbc.query("""
                SELECT t.partner_id, t.from_period, t.tier, t.settlement_currency, t.disbursement_method,
                       t.contracting_entity, t.partner_tax_rate
                  FROM partner_term t""", rs -> {
            before.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), new Partner(
                    rs.getString(1), null, ReferenceModel.Tier.valueOf(rs.getString(3)), rs.getString(4),
                    ReferenceModel.DisbursementMethod.valueOf(rs.getString(5)), rs.getString(6), rs.getBigDecimal(7),
                    null, rs.getString(2)));
        });
        return before;
    }

    /** What the new reference data would change in confirmed periods, one line each; empty when nothing. */
    static List<String> refusals(JdbcTemplate jdbc, ReferenceData data) {
        Map<String, TreeMap<String, Partner>> before = terms(jdbc);
        Map<String, TreeMap<String, Partner>> after = new HashMap<>();
        data.partners().forEach(p -> after.computeIfAbsent(p.partnerId(), k -> new TreeMap<>()).put(p.fromPeriod(), p));
        Map<String, TreeMap<String, BigDecimal>> ratesBefore = new HashMap<>();
        jdbc.query("SELECT tier, association_type, from_period, rate FROM incentive_policy_rate", rs -> {
            ratesBefore.computeIfAbsent(rs.getString(1) + " " + rs.getString(2), k -> new TreeMap<>())
                    .put(rs.getString(3), rs.getBigDecimal(4));
        });
        Map<String, TreeMap<String, BigDecimal>> ratesAfter = new HashMap<>();
        for (PolicyRate r : data.policy()) {
            ratesAfter.computeIfAbsent(r.tier() + " " + r.associationType(), k -> new TreeMap<>())
                    .put(r.fromPeriod(), r.rate());
        }
        List<String> refusals = new ArrayList<>();
        jdbc.query(CONFIRMED, rs -> {
            String statement = rs.getString(1);
            String partner = rs.getString(2);
            String period = rs.getString(3);
            Partner was = inEffect(before.get(partner), period);
            Partner is = inEffect(after.get(partner), period);
            if (was == null || is == null) {
                return;
            }
            for (Attribute attribute : ATTRIBUTES) {
                Object old = attribute.value().apply(was);
                Object now = attribute.value().apply(is);
                if (!Objects.equals(old, now)) {
                    refusals.add("reference/partners.csv: partner " + partner + ": " + attribute.name() + " of " + period
                            + " would change from " + text(old) + " to " + text(now) + ", but " + statement
                            + " is confirmed" + HINT);
                }
            }
            for (AssociationType type : AssociationType.values()) {
                String key = was.tier() + " " + type;
                BigDecimal old = inEffect(ratesBefore.get(key), period);
                BigDecimal now = inEffect(ratesAfter.get(key), period);
                if (old != null && now != null && old.compareTo(now) != 0) {
                    refusals.add("reference/" + ReferenceDataLoader.POLICY_FILE + ": partner " + partner + ": rate of "
                            + key + " for " + period + " would change from " + text(old) + " to " + text(now)
                            + ", but " + statement + " is confirmed" + HINT);
                }
            }
        });
        return refusals;
    }

    private static <T> T inEffect(TreeMap<String, T> rows, String period) {
        if (rows == null) {
            return null;
        }
        var entry = rows.floorEntry(period);
        return entry == null ? null : entry.getValue();
    }

    private static String text(Object value) {
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
