package io.partnersettlement.workbook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words a partner reads in a printed document instead of column keys: {@code payable} shows as
 * {@code 应付金额 Payable}. Every label reads as its key by the rule of SPEC section 9 ({@link #key}), so a program
 * can still find each figure by its key; the keys themselves stay in the workbook for machines (a hidden key row above
 * a table's header, a hidden data sheet beside a label/value sheet).
 */
public final class DocumentLabels {

    private static final Map<String, String> LABELS = new TreeMap<>();

    static {
        // the statement's figures (对账单)
        put("statement_id", "对账单号 Statement ID");
        put("partner_id", "伙伴编号 Partner ID");
        put("partner_name", "伙伴名称 Partner name");
        put("period", "对账期次 Period");
        put("status", "状态 Status");
        put("currency", "币种 Currency");
        put("performance", "业绩 Performance");
        put("incentive_total", "激励总额 Incentive total");
        put("frozen_total", "冻结金额 Frozen total");
        put("available_total", "可结算激励 Available total");
        put("released_from_prior", "往期解冻 Released from prior");
        put("prior_period_adjustments", "往期调整 Prior period adjustments");
        put("carried_in", "上期结转 Carried in");
        put("payable", "应付金额 Payable");
        put("carried_out", "结转下期 Carried out");
        put("generated_for", "生成日期 Generated for");
        // incentive details (激励明细)
        put("detail_id", "明细编号 Detail ID");
        put("role", "类别 Role");
        put("customer_id", "客户编号 Customer ID");
        put("customer_name", "客户名称 Customer name");
        put("association_type", "关联类型 Association type");
        put("service_type_code", "产品类型 Service type code");
        put("order_id", "订单号 Order ID");
        put("funding", "资金类型 Funding");
        put("base", "激励基数 Base");
        put("rate", "激励比例 Rate");
        put("amount", "激励金额 Amount");
        put("settlement_amount", "结算金额 Settlement amount");
        put("settlement_currency", "结算币种 Settlement currency");
        put("freeze_reason", "冻结原因 Freeze reason");
        put("parent_detail_id", "原明细编号 Parent detail ID");
        put("unfreeze_ratio", "解冻比例 Unfreeze ratio");
        put("late", "迟到 Late");
        put("tier", "伙伴级别 Tier");
        // a statement's history
        put("changed_at", "时间 Changed at");
        put("changed_by", "操作人 Changed by");
        put("from_status", "原状态 From status");
        put("to_status", "新状态 To status");
        put("note", "备注 Note");
        // the invoice list (开票清单)
        put("application_id", "申付单号 Application ID");
        put("tax_id", "纳税人识别号 Tax ID");
        put("contracting_entity", "签约主体 Contracting entity");
        put("invoice_type", "发票类型 Invoice type");
        put("invoice_forms", "发票形式 Invoice forms");
        put("remark", "发票备注 Remark");
        put("finance_contact", "财务联系人 Finance contact");
        put("mailing_address", "邮寄地址 Mailing address");
        put("public_mailbox", "公共邮箱 Public mailbox");
        put("item", "项目 Item");
        put("amount_incl_tax", "含税激励 Amount incl tax");
        put("product_tax_rate", "产品税率 Product tax rate");
        put("partner_tax_rate", "伙伴税率 Partner tax rate");
        put("tax_amount", "税额 Tax amount");
        put("invoice_number", "发票号码 Invoice number");
        put("total", "合计 Total");
    }

    private DocumentLabels() {
    }

    private static void put(String key, String label) {
        if (!key.equals(key(label))) {
            throw new IllegalStateException("label " + label + " does not read as " + key);
        }
        LABELS.put(key, label);
    }

    /**
     * The words shown for {@code keyOrLabel}: the document label of a known key; a key nobody labelled yet spelled out
     * ({@code public_mailbox} shows {@code Public mailbox}); anything else, already written for people, as it is.
     */
    public static String label(String keyOrLabel) {
        String known = LABELS.get(keyOrLabel);
        if (known != null) {
            return known;
        }
        if (keyOrLabel.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
            String words = keyOrLabel.replace('_', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
        return keyOrLabel;
    }

    /**
     * The key a label reads as (SPEC section 9): any Chinese part set aside, lower-cased, spaces turned into
     * underscores — {@code 应付金额 Payable} reads {@code payable}, {@code Incentive total} reads {@code incentive_total}.
     */
    public static String key(String label) {
        StringBuilder kept = new StringBuilder(label.length());
        label.codePoints().filter(c -> !isChinese(c)).forEach(kept::appendCodePoint);
        return kept.toString().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
    }

    /** Han characters and the CJK punctuation and full-width forms that go with them. */
    private static boolean isChinese(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
    }
}
