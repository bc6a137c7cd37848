package io.partnersettlement.invoice;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

import io.partnersettlement.workspace.EngineSettings;

/**
 * What a contracting entity (签约主体) asks of a partner's invoice: its type, the tax it carries, and where each form
 * goes — {@code reference/contracting-entities.csv}, or the configured defaults for an entity it does not list.
 */
record InvoiceTerms(String invoiceType, String taxWording, String mailingAddress, String publicMailbox) {

    static InvoiceTerms of(JdbcTemplate jdbc, EngineSettings settings, String entity, BigDecimal partnerTaxRate) {
        List<InvoiceTerms> listed = jdbc.query("""
                SELECT invoice_type, tax_wording, mailing_address, public_mailbox FROM contracting_entity
                 WHERE contracting_entity = ?""", (rs, n) -> new InvoiceTerms(rs.getString(1),
                rs.getString(2) != null ? rs.getString(2) : rs.getString(1) + ", {partner_tax_rate}", rs.getString(3),
                rs.getString(4)), entity);
        InvoiceTerms terms = listed.isEmpty() ? new InvoiceTerms(settings.invoiceType(), settings.taxWording(),
                settings.mailingAddress(), settings.publicMailbox()) : listed.get(0);
        return new InvoiceTerms(terms.invoiceType(), terms.taxWording().replace("{partner_tax_rate}",
                percent(partnerTaxRate)), terms.mailingAddress(), terms.publicMailbox());
    }

    /** 0.06 reads 6%, 0.135 reads 13.5%. */
    static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** The electronic form of this invoice type: an electronic special invoice (电子专票) for a VAT special invoice. */
    String electronicForm() {
        return special() ? "电子专票" : "电子发票";
    }

    String electronicFormInEnglish() {
        return special() ? "electronic special invoice" : "electronic invoice";
    }

    private boolean special() {
        return invoiceType.contains("专用发票") || invoiceType.toLowerCase(Locale.ROOT).contains("special");
    }
}
