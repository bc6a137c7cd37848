package io.partnersettlement.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a consumption file: the names of the vendor's {@code ListSubCustomerBillDetail} API, with the older
 * API's names as synonyms (SPEC section 4).
 */
enum ConsumptionColumn {
    ID("id", true, "record_id"),
    CUSTOMER_ID("customer_id", true),
    BILL_DATE("bill_date", false),
    TRADE_TIME("trade_time", false),
    BILL_CYCLE("bill_cycle", false, "cycle"),
    BILL_DETAIL_TYPE("bill_detail_type", true, "bill_type"),
    SERVICE_TYPE_CODE("service_type_code", true, "cloud_service_type"),
    RESOURCE_TYPE_CODE("resource_type_code", false, "resource_type"),
    REGION_CODE("region_code", false, "region"),
    CHARGING_MODE("charging_mode", false, "charge_mode"),
    TRADE_ID("trade_id", false, "order_id"),
    PAYMENT_AMOUNT("payment_amount", true, "amount"),
    CASH_AMOUNT("cash_amount", true),
    CREDIT_AMOUNT("credit_amount", true),
    COUPON_AMOUNT("coupon_amount", true),
    FLEXIPURCHASE_COUPON_AMOUNT("flexipurchase_coupon_amount", true),
    STORED_VALUE_CARD_AMOUNT("stored_value_card_amount", true, "stored_card_amount"),
    BONUS_AMOUNT("bonus_amount", false),
    DEBT_AMOUNT("debt_amount", false),
    WRITEOFF_AMOUNT("writeoff_amount", false, "adjustment_amount"),
    OFFICIAL_AMOUNT("official_amount", false),
    OFFICIAL_DISCOUNT_AMOUNT("official_discount_amount", false, "discount_amount"),
    CURRENCY("currency", false);

    final String apiName;
    final boolean required;
    final String synonym;

    ConsumptionColumn(String apiName, boolean required) {
        this(apiName, required, null);
    }

    ConsumptionColumn(String apiName, boolean required, String synonym) {
        this.apiName = apiName;
        this.required = required;
        this.synonym = synonym;
    }

    private static final Map<String, ConsumptionColumn> BY_NAME = new HashMap<>();

    static {
        for (ConsumptionColumn c : values()) {
            BY_NAME.put(c.apiName, c);
            if (c.synonym != null) {
                BY_NAME.put(c.synonym, c);
            }
        }
    }

    /** Where each known column stands in a file's header; unknown columns are ignored. */
    static final class Layout {

        /** Field index by column ordinal, -1 when the header lacks the column: read for every value of every line. */
        private final int[] positions;
        private final int fieldCount;

        private Layout(int[] positions, int fieldCount) {
            this.positions = positions;
            this.fieldCount = fieldCount;
        }

        static Layout of(String[] header) {
            int[] positions = new int[values().length];
            Arrays.fill(positions, -1);
            for (int i = 0; i < header.length; i++) {
                ConsumptionColumn c = BY_NAME.get(header[i].strip().toLowerCase(Locale.ROOT));
                if (c != null && positions[c.ordinal()] < 0) {
                    positions[c.ordinal()] = i;
                }
            }
            return new Layout(positions, header.length);
        }

        int fieldCount() {
            return fieldCount;
        }

        /** The API name of the known column at a field index, else its place ({@code column 24}). */
        String nameOf(int index) {
            for (ConsumptionColumn c : values()) {
                if (positions[c.ordinal()] == index) {
                    return c.apiName;
                }
            }
            return "column " + (index + 1);
        }

        private boolean has(ConsumptionColumn column) {
            return positions[column.ordinal()] >= 0;
        }

        /** Required columns the header lacks, by their API names; empty when the file can be read. */
        List<String> missing() {
            List<String> missing = new ArrayList<>();
            for (ConsumptionColumn c : values()) {
                if (c.required && !has(c)) {
                    missing.add(c.apiName);
                }
            }
            if (!has(BILL_DATE) && !has(TRADE_TIME)) {
                missing.add("bill_date or trade_time");
            }
            return missing;
        }

        /** The value of a column, {@code null} when the column is absent or the value empty. */
        String value(String[] fields, ConsumptionColumn column) {
            int i = positions[column.ordinal()];
            if (i < 0) {
                return null;
            }
            String v = fields[i];
            if (v.isEmpty()) {
                return null;
            }
            if (mayBeWhitespace(v.charAt(0)) || mayBeWhitespace(v.charAt(v.length() - 1))) {
                v = v.strip();
                return v.isEmpty() ? null : v;
            }
            return v;
        }

        /** Printable ASCII other than the space is never white space: the usual case, decided without a table look-up. */
        private static boolean mayBeWhitespace(char c) {
            return (c <= ' ' || c >= 0x7F) && Character.isWhitespace(c);
        }
    }
}
