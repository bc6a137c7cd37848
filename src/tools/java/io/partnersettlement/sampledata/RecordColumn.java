package io.partnersettlement.sampledata;

import java.util.Arrays;
import java.util.List;

/** The columns of a consumption file, with the current API name and the older API's name (SPEC section 4). */
enum RecordColumn {
    ID("id", "record_id", false),
    CUSTOMER_ID("customer_id", "customer_id", false),
    BILL_DATE("bill_date", null, false),
    TRADE_TIME("trade_time", "trade_time", false),
    BILL_CYCLE("bill_cycle", "cycle", false),
    BILL_DETAIL_TYPE("bill_detail_type", "bill_type", false),
    SERVICE_TYPE_CODE("service_type_code", "cloud_service_type", false),
    RESOURCE_TYPE_CODE("resource_type_code", "resource_type", false),
    REGION_CODE("region_code", "region", false),
    CHARGING_MODE("charging_mode", "charge_mode", false),
    TRADE_ID("trade_id", "order_id", false),
    PAYMENT_AMOUNT("payment_amount", "amount", true),
    CASH_AMOUNT("cash_amount", "cash_amount", true),
    CREDIT_AMOUNT("credit_amount", "credit_amount", true),
    COUPON_AMOUNT("coupon_amount", "coupon_amount", true),
    FLEXIPURCHASE_COUPON_AMOUNT("flexipurchase_coupon_amount", "flexipurchase_coupon_amount", true),
    STORED_VALUE_CARD_AMOUNT("stored_value_card_amount", "stored_card_amount", true),
    BONUS_AMOUNT("bonus_amount", "bonus_amount", true),
    DEBT_AMOUNT("debt_amount", "debt_amount", true),
    WRITEOFF_AMOUNT("writeoff_amount", "adjustment_amount", true),
    OFFICIAL_AMOUNT("official_amount", "official_amount", true),
    OFFICIAL_DISCOUNT_AMOUNT("official_discount_amount", "discount_amount", true),
    CURRENCY("currency", "currency", false),
    /** Only in the older export: a free-text note the engine does not know and must ignore. */
    REMARK(null, "remark", false);

    final String currentName;
    final String legacyName;
    final boolean amount;

    RecordColumn(String currentName, String legacyName, boolean amount) {
        this.currentName = currentName;
        this.legacyName = legacyName;
        this.amount = amount;
    }

    /** The current API's columns in the API's order. */
    static final List<RecordColumn> CURRENT = Arrays.stream(values()).filter(c -> c.currentName != null).toList();

    /** The older export: other names, another order, an unknown {@code remark} column and no {@code bill_date}. */
    static final List<RecordColumn> LEGACY = List.of(ID, CUSTOMER_ID, REMARK, BILL_CYCLE, BILL_DETAIL_TYPE, TRADE_TIME,
            SERVICE_TYPE_CODE, RESOURCE_TYPE_CODE, REGION_CODE, CHARGING_MODE, TRADE_ID, PAYMENT_AMOUNT, CASH_AMOUNT,
            COUPON_AMOUNT, FLEXIPURCHASE_COUPON_AMOUNT, CREDIT_AMOUNT, STORED_VALUE_CARD_AMOUNT, BONUS_AMOUNT, DEBT_AMOUNT,
            WRITEOFF_AMOUNT, OFFICIAL_AMOUNT, OFFICIAL_DISCOUNT_AMOUNT, CURRENCY);

    /** The eight parts that must add up to {@code payment_amount}. */
    static final List<RecordColumn> PARTS = List.of(CASH_AMOUNT, CREDIT_AMOUNT, COUPON_AMOUNT,
            FLEXIPURCHASE_COUPON_AMOUNT, STORED_VALUE_CARD_AMOUNT, BONUS_AMOUNT, DEBT_AMOUNT, WRITEOFF_AMOUNT);

    static String header(List<RecordColumn> layout, boolean legacy) {
        return String.join(",", layout.stream().map(c -> legacy ? c.legacyName : c.currentName).toList());
    }
}
