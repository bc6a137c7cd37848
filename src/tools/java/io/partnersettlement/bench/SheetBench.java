package io.partnersettlement.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

import io.partnersettlement.workbook.Column;
import io.partnersettlement.workbook.TableWriter;
import io.partnersettlement.workbook.WorkbookFile;

/**
 * Bench phase (e): one sheet of {@code rows} incentive details, with the columns of the incentive workbook's Details
 * sheet, written through the engine's workbook toolkit (streamed: a window of rows in memory, the rest on disk).
 */
final class SheetBench {

    private SheetBench() {
    }

    /** Writes the sheet to {@code target} and answers the rows written. */
    static long write(Path target, int rows) {
        try (WorkbookFile book = WorkbookFile.create()) {
            TableWriter details = book.table("Details", List.of(Column.text("detail_id"), Column.text("partner_id"),
                    Column.text("customer_id"), Column.text("association_type"), Column.text("service_type_code"),
                    Column.text("order_id"), Column.text("funding"), Column.amount("base").currencyFrom("currency"),
                    Column.rate("rate"), Column.amount("amount").currencyFrom("currency"), Column.text("currency"),
                    Column.amount("settlement_amount"), Column.text("settlement_currency"), Column.text("status"),
                    Column.text("freeze_reason"), Column.text("parent_detail_id"), Column.rate("unfreeze_ratio"),
                    Column.bool("late"), Column.text("kind"), Column.amount("original_amount").currencyFrom("currency"),
                    Column.count("records")));
            BigDecimal rate = new BigDecimal("0.09");
            for (int i = 0; i < rows; i++) {
                // amounts with cents that vary, as real details have; every 7th a refund
                BigDecimal base = BigDecimal.valueOf((i * 7919L % 10_000_000L) * (i % 7 == 0 ? -1 : 1), 2);
                BigDecimal amount = base.multiply(rate).setScale(2, RoundingMode.HALF_UP);
                String partner = "P" + (1000 + i % 2000);
                details.row("D-202609-" + partner + "-" + Integer.toHexString(0x10000000 + i), partner,
                        "C" + (100_000 + i % 250_000), i % 3 == 0 ? "RESALE" : "REFERRAL",
                        "hws.service.type." + (i % 5 == 0 ? "ecs" : "obs"), i % 4 == 0 ? "CS" + (2_609_000_000L + i) : "",
                        i % 6 == 0 ? "CREDIT" : "CASH", base, rate, amount, "CNY", amount, "CNY",
                        i % 9 == 0 ? "FROZEN" : "AVAILABLE", i % 9 == 0 ? "CREDIT_UNPAID" : null, null, null, false,
                        "DETAIL", amount, (long) (1 + i % 40));
            }
            book.save(target);
            return details.rowCount();
        }
    }
}
