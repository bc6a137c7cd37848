package io.partnersettlement.workspace;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the engine ({@code settlement.*}); every business default of the spec that is configuration lives here.
 *
 * @param workspace            the workspace folder (reference/, inbox/, archive/, rejects/, out/, db/)
 * @param defaultCurrency      currency of records that do not name one
 * @param dataLagDays          business date = today minus this many days when a command is given no date
 * @param storedValueCardServices service type codes whose records are stored-value card purchases (no performance)
 * @param coolingOffFrom       partner switches starting on or after this day get a cooling-off
 * @param coolingOffMonths     length of the cooling-off
 * @param chunkSize            records per ingest transaction
 * @param minimumPayout        BANK_TRANSFER and ACCOUNT partners are paid only from this amount on; less is carried
 * @param confirmationDays     a statement pending confirmation this many days after it was generated is confirmed
 *                             automatically by the nightly run
 * @param productTaxRate       VAT rate of the product the incentive is invoiced as (invoice lists)
 * @param financeContact       who at the vendor receives partners' invoices (printed on invoice lists)
 * @param mailingAddress       where partners mail paper invoices with the printed list, for a contracting entity
 *                             that {@code reference/contracting-entities.csv} does not list
 * @param publicMailbox        where partners send electronic special invoices with the list (same default rule)
 * @param invoiceType          the invoice partners issue (same default rule)
 * @param taxWording           the tax the invoice carries (same default rule); {@code {partner_tax_rate}} is replaced
 *                             by the partner's rate
 * @param invoiceNumberPattern the form of an invoice number (发票号码) registered back from a filled invoice list
 * @param ingestThreads        threads parsing inbox files side by side (one file each); 0 = one per processor
 */
@ConfigurationProperties("settlement")
public record EngineSettings(
        @DefaultValue("workspace") String workspace,
        @DefaultValue("CNY") String defaultCurrency,
        @DefaultValue("2") int dataLagDays,
        @DefaultValue("hws.service.type.storedvaluecard") List<String> storedValueCardServices,
        @DefaultValue("2026-01-01") LocalDate coolingOffFrom,
        @DefaultValue("6") int coolingOffMonths,
        @DefaultValue("200000") int chunkSize,
        @DefaultValue("1000") BigDecimal minimumPayout,
        @DefaultValue("7") int confirmationDays,
        @DefaultValue("0.06") BigDecimal productTaxRate,
        @DefaultValue("伙伴结算财务部 Partner Settlement Finance, finance@partner-settlement.example") String financeContact,
        @DefaultValue("贵州省贵安新区华为云数据中心 伙伴结算财务部 收") String mailingAddress,
        @DefaultValue("invoices@partner-settlement.example") String publicMailbox,
        @DefaultValue("增值税专用发票 VAT special invoice") String invoiceType,
        @DefaultValue("增值税税率 {partner_tax_rate}(伙伴税率)VAT at the partner tax rate {partner_tax_rate}") String taxWording,
        @DefaultValue("\\d{8}|\\d{20}") String invoiceNumberPattern,
        @DefaultValue("0") int ingestThreads) {

    /** Threads parsing inbox files: {@link #ingestThreads}, or one per processor. */
    public int parsingThreads() {
        return ingestThreads > 0 ? ingestThreads : Runtime.getRuntime().availableProcessors();
    }

    public Workspace workspaceFolders() {
        return new Workspace(Path.of(workspace));
    }
}
