package io.partnersettlement.reference;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partners' terms in effect for a period: the row of {@code partner_term} with the latest first period on or
 * before it. A detail is priced, a statement converted and an invoice list addressed with the terms of its own period,
 * whenever it is computed.
 */
public final class PartnerTerms {

    /**
     * Joins {@code partner_term t} in effect for {@code <alias>.period} of {@code <alias>.partner_id}: the text of an
     * {@code ON} condition, with {@code %1$s} the alias of the row that has the partner and the period.
     */
    public static final String IN_EFFECT_FOR = """
            t.partner_id = %1$s.partner_id AND t.from_period = (SELECT MAX(x.from_period) FROM partner_term x
                    WHERE x.partner_id = %1$s.partner_id AND x.from_period <= %1$s.period)""";

    private static final String IN_EFFECT = """
            SELECT t.partner_id, t.tier, t.settlement_currency, t.disbursement_method, t.contracting_entity,
                   t.partner_tax_rate
              FROM partner_term t
             WHERE t.from_period = (SELECT MAX(x.from_period) FROM partner_term x
                                     WHERE x.partner_id = t.partner_id AND x.from_period <= ?)""";

    /** What a partner's row says for a period. */
    public record Term(String partnerId, String tier, String settlementCurrency, String disbursementMethod,
            String contractingEntity, BigDecimal partnerTaxRate) {
    }

    private PartnerTerms() {
    }

    /** Every partner's terms in effect for the period, by partner id. */
    public static Map<String, Term> inEffect(JdbcTemplate jdbc, String period) {
        Map<String, Term> terms = new HashMap<>();
        jdbc.query(IN_EFFECT, rs -> {
            terms.put(rs.getString(1), new Term(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getBigDecimal(6)));
        }, period);
        return terms;
    }
}
