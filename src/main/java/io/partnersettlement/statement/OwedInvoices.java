package io.partnersettlement.statement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Invoices owed (返华为云账户-记欠票): an ACCOUNT_INVOICE_OWED partner is paid first and owes the invoice of its payment
 * application from the day of payment until its numbers are registered (again, after a rejection).
 */
@Component
public class OwedInvoices {

    /** One owed invoice: the application, the amount the invoice covers, and since when it is owed. */
    public record OwedInvoice(String partnerId, String partnerName, String applicationId, String statementId,
            String period, BigDecimal amount, String currency, LocalDate owedSince, String invoiceStatus,
            String reviewNote) {
    }

    private static final String OWED = """
            SELECT a.partner_id, p.partner_name, a.application_id, a.statement_id, a.period, a.payable, a.currency,
                   a.owed_since, a.invoice_status, a.review_note
              FROM payment_application a LEFT JOIN partner p ON p.partner_id = a.partner_id
             WHERE a.disbursement_method = 'ACCOUNT_INVOICE_OWED' AND a.owed_since IS NOT NULL
               AND a.invoice_status IN ('AWAITED', 'REJECTED')
               AND (CAST(? AS VARCHAR(64)) IS NULL OR a.partner_id = ?)
             ORDER BY a.partner_id, a.owed_since, a.application_id""";

    private final JdbcTemplate jdbc;

    public OwedInvoices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every owed invoice, by partner, oldest first. */
    public List<OwedInvoice> all() {
        return of(null);
    }

    /** The owed invoices of one partner ({@code null}: of every partner). */
    public List<OwedInvoice> of(String partnerId) {
        return jdbc.query(OWED, (rs, n) -> new OwedInvoice(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getDate(8).toLocalDate(),
                rs.getString(9), rs.getString(10)), partnerId, partnerId);
    }
}
