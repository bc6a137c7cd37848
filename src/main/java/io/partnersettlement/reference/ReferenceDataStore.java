package io.partnersettlement.reference;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnersettlement.reference.ReferenceModel.ReferenceData;
import io.partnersettlement.workspace.EngineSettings;

/** Replaces the reference tables with what {@code reference/} holds now, in one transaction. */
@Component
public class ReferenceDataStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EngineSettings settings;

    public ReferenceDataStore(JdbcTemplate jdbc, TransactionTemplate transaction, EngineSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.settings = settings;
    }

    /**
     * Reads, validates and stores the workspace's reference data; throws before changing anything if it is unusable, or
     * if it would change the terms or rates a confirmed statement's period was computed with.
     */
    public ReferenceData refresh() {
        ReferenceDataLoader loader = new ReferenceDataLoader(
                new PartnerSwitchCoolingOff(settings.coolingOffFrom(), settings.coolingOffMonths()),
                settings.storedValueCardServices());
        ReferenceData data = loader.load(settings.workspaceFolders().reference());
        transaction.executeWithoutResult(status -> {
            List<String> refusals = ConfirmedPeriodGuard.refusals(jdbc, data);
            if (!refusals.isEmpty()) {
                throw new ReferenceDataException(refusals);
            }
            Map<String, String> changed = ConfirmedPeriodGuard.changedFrom(jdbc, data);
            replace(data);
            // the performance workbooks show each period's tier: those of the periods whose terms changed are rewritten
            changed.forEach((partner, from) -> jdbc.update(
                    "UPDATE performance_period SET workbook_stale = TRUE WHERE partner_id = ? AND period >= ?", partner,
                    from));
        });
        return data;
    }

    private void replace(ReferenceData data) {
        for (String table : List.of("partner", "customer_association", "manager_assignment", "bill_type",
                "stored_value_card_service", "milestone", "credit_repayment", "fx_rate", "incentive_policy_rate", "partner_term",
                "no_rebate_service", "contracting_entity")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.batchUpdate("""
                INSERT INTO partner (partner_id, partner_name, tier, settlement_currency, disbursement_method,
                                     contracting_entity, partner_tax_rate, tax_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", latestTerms(data.partners()), 500, (ps, p) -> {
            ps.setString(1, p.partnerId());
            ps.setString(2, p.partnerName());
            ps.setString(3, p.tier().name());
            ps.setString(4, p.settlementCurrency());
            ps.setString(5, p.disbursementMethod().name());
            ps.setString(6, p.contractingEntity());
            ps.setBigDecimal(7, p.partnerTaxRate());
            ps.setString(8, p.taxId());
        });
        jdbc.batchUpdate("""
                INSERT INTO partner_term (partner_id, from_period, tier, settlement_currency, disbursement_method,
                                          contracting_entity, partner_tax_rate)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", data.partners(), 500, (ps, p) -> {
            ps.setString(1, p.partnerId());
            ps.setString(2, p.fromPeriod());
            ps.setString(3, p.tier().name());
            ps.setString(4, p.settlementCurrency());
            ps.setString(5, p.disbursementMethod().name());
            ps.setString(6, p.contractingEntity());
            ps.setBigDecimal(7, p.partnerTaxRate());
        });
        jdbc.batchUpdate("""
                INSERT INTO customer_association (customer_id, associated_on, customer_name, partner_id, association_type,
                                                  dissociated_on, cooling_off_until, source_line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", data.associations(), 1000, (ps, a) -> {
            ps.setString(1, a.customerId());
            ps.setDate(2, Date.valueOf(a.associatedOn()));
            ps.setString(3, a.customerName());
            ps.setString(4, a.partnerId());
            ps.setString(5, a.type().name());
            ps.setDate(6, a.dissociatedOn() == null ? null : Date.valueOf(a.dissociatedOn()));
            ps.setDate(7, a.coolingOffUntil() == null ? null : Date.valueOf(a.coolingOffUntil()));
            ps.setLong(8, a.line());
        });
        jdbc.batchUpdate("""
                INSERT INTO manager_assignment (customer_id, effective_from, effective_until, manager_id, manager_name, assigned_on)
                VALUES (?, ?, ?, ?, ?, ?)""", data.managerAssignments(), 1000, (ps, m) -> {
            ps.setString(1, m.customerId());
            ps.setDate(2, Date.valueOf(m.effectiveFrom()));
            ps.setDate(3, m.effectiveUntil() == null ? null : Date.valueOf(m.effectiveUntil()));
            ps.setString(4, m.managerId());
            ps.setString(5, m.managerName());
            ps.setDate(6, Date.valueOf(m.assignedOn()));
        });
        jdbc.batchUpdate("INSERT INTO bill_type (bill_type, bill_class, is_order, label) VALUES (?, ?, ?, ?)",
                data.billTypes(), 500, (ps, b) -> {
                    ps.setString(1, b.code());
                    ps.setString(2, b.billClass().name());
                    ps.setBoolean(3, b.order());
                    ps.setString(4, b.label());
                });
        jdbc.batchUpdate("INSERT INTO stored_value_card_service (service_type_code) VALUES (?)",
                data.storedValueCardServices().stream().distinct().toList(), 100, (ps, s) -> ps.setString(1, s));
        jdbc.batchUpdate("INSERT INTO milestone (order_id, milestone_no, unfreeze_ratio, set_on) VALUES (?, ?, ?, ?)",
                data.milestones(), 500, (ps, m) -> {
                    ps.setString(1, m.orderId());
                    ps.setInt(2, m.milestoneNo());
                    ps.setBigDecimal(3, m.unfreezeRatio());
                    ps.setDate(4, Date.valueOf(m.setOn()));
                });
        jdbc.batchUpdate("INSERT INTO credit_repayment (customer_id, bill_cycle, repaid_on) VALUES (?, ?, ?)",
                data.creditRepayments(), 500, (ps, c) -> {
                    ps.setString(1, c.customerId());
                    ps.setString(2, c.billCycle());
                    ps.setDate(3, Date.valueOf(c.repaidOn()));
                });
        jdbc.batchUpdate("INSERT INTO incentive_policy_rate (tier, association_type, from_period, rate) VALUES (?, ?, ?, ?)",
                data.policy(), 100, (ps, r) -> {
                    ps.setString(1, r.tier().name());
                    ps.setString(2, r.associationType().name());
                    ps.setString(3, r.fromPeriod());
                    ps.setBigDecimal(4, r.rate());
                });
        jdbc.batchUpdate("INSERT INTO no_rebate_service (service_type_code) VALUES (?)", data.noRebateServices(), 100,
                (ps, code) -> ps.setString(1, code));
        jdbc.batchUpdate("""
                INSERT INTO contracting_entity (contracting_entity, invoice_type, mailing_address, public_mailbox, tax_wording)
                VALUES (?, ?, ?, ?, ?)""", data.contractingEntities(), 100, (ps, e) -> {
            ps.setString(1, e.name());
            ps.setString(2, e.invoiceType());
            ps.setString(3, e.mailingAddress());
            ps.setString(4, e.publicMailbox());
            ps.setString(5, e.taxWording());
        });
        jdbc.batchUpdate("INSERT INTO fx_rate (period, from_currency, to_currency, rate) VALUES (?, ?, ?, ?)",
                data.fxRates(), 500, (ps, f) -> {
                    ps.setString(1, f.period());
                    ps.setString(2, f.fromCurrency());
                    ps.setString(3, f.toCurrency());
                    ps.setBigDecimal(4, f.rate());
                });
    }

    /** Each partner's row with the latest first period: the name, tax id and latest terms of the partner table. */
    private static List<ReferenceModel.Partner> latestTerms(List<ReferenceModel.Partner> rows) {
        Map<String, ReferenceModel.Partner> latest = new LinkedHashMap<>();
        rows.forEach(p -> latest.merge(p.partnerId(), p, (a, b) -> a.fromPeriod().compareTo(b.fromPeriod()) >= 0 ? a : b));
        return List.copyOf(latest.values());
    }
}
