package io.partnersettlement.sampledata;

import static io.partnersettlement.sampledata.RecordColumn.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.partnersettlement.sampledata.SampleInbox.InboxFile;
import io.partnersettlement.sampledata.SampleInbox.Line;
import io.partnersettlement.sampledata.SampleInbox.LineKind;
import io.partnersettlement.sampledata.SampleRecord.TimeStyle;

/** The workspace README: what each file holds and which case each deliberate line exercises, from the generated data. */
final class SampleReadme {

    private SampleReadme() {
    }

    static String render(SampleReference reference, SampleInbox inbox) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # Sample workspace

                A complete, ready workspace for the partner settlement engine (SPEC section 2): two months of consumption
                (bill cycles 2026-09 and 2026-10) of 12 partners' customers (230 in customers.csv, 4 more in no row),
                with every case the engine must handle placed on purpose. `./run.sh demo` copies it into a fresh
                workspace and runs the whole pipeline.

                Every file here is written by `io.partnersettlement.sampledata.SampleWorkspaceGenerator` from a fixed
                seed, so it is the same on every machine. Do not edit the files by hand: change the generator and
                regenerate, which also rewrites this page from the generated data:

                    ./mvnw -q -B -DskipTests package && rm -rf sample-data \\
                      && java -cp target/partner-settlement-engine-tools.jar io.partnersettlement.sampledata.SampleWorkspaceGenerator sample-data

                The same class writes a large benchmark inbox (valid records only, same reference data):
                `java -cp target/partner-settlement-engine-tools.jar io.partnersettlement.sampledata.SampleWorkspaceGenerator /tmp/bench 10000000`.

                ## Folders

                | folder | content |
                |---|---|
                | `reference/` | reference data (SPEC section 3) |
                | `inbox/` | consumption files waiting to be ingested, in delivery (= name) order |
                | `archive/`, `rejects/`, `out/` | empty (a `.gitkeep` keeps them in git); the engine fills them |

                ## Reference data

                """);
        for (Map.Entry<String, List<String>> e : orderedCases(reference).entrySet()) {
            b.append("### `reference/").append(e.getKey()).append("`\n\n");
            for (String line : e.getValue()) {
                b.append(line.startsWith("  - ") ? line : "- " + line).append('\n');
            }
            b.append('\n');
        }

        Map<SampleRecord, Line> where = new IdentityHashMap<>();
        for (InboxFile f : inbox.files) {
            for (Line l : f.lines) {
                if (l.kind == LineKind.RECORD) {
                    where.put(l.record, l);
                }
            }
        }
        b.append("""
                ## Inbox

                Files are ingested in name order, so `consumption-legacy-missing-column.csv` comes last. Line numbers
                count the header as line 1 (as `rejects/<file>.rejects.csv` does). "New records" are the
                lines the engine stores; "repeats" are lines whose id was already ingested with the same values (skipped,
                counted, never double counted); "rejected" lines go to `rejects/`.

                | file | format | bill dates | data lines | new records | repeats | rejected |
                |---|---|---|---:|---:|---:|---:|
                """);
        long lines = 0, records = 0, repeats = 0, rejected = 0;
        for (InboxFile f : inbox.files) {
            b.append("| `").append(f.spec.name()).append("` | ").append(f.spec.format()).append(" | ")
                    .append(f.spec.from()).append(" .. ").append(f.spec.to()).append(" | ").append(f.lines.size())
                    .append(" | ").append(f.count(LineKind.RECORD)).append(" | ").append(f.count(LineKind.REPEAT))
                    .append(" | ").append(f.count(LineKind.REJECTED)).append(" |\n");
            lines += f.lines.size();
            records += f.count(LineKind.RECORD);
            repeats += f.count(LineKind.REPEAT);
            rejected += f.count(LineKind.REJECTED);
        }
        InboxFile missing = inbox.missingColumnFile;
        b.append("| `").append(missing.spec.name()).append("` | ").append(missing.spec.format())
                .append(": the whole file is rejected (`MISSING_COLUMN`, cash_amount) | ").append(missing.spec.from())
                .append(" .. ").append(missing.spec.to()).append(" | ").append(missing.lines.size())
                .append(" | 0 | 0 | whole file |\n");
        b.append("| **total** | | | ").append(lines + missing.lines.size()).append(" | ").append(records).append(" | ")
                .append(repeats).append(" | ").append(rejected).append(" + 1 file |\n\n");

        b.append("### Rejected lines\n\nOne line has exactly one fault, so its reason is unambiguous.\n\n");
        b.append("| file | line | reason | what is wrong |\n|---|---:|---|---|\n");
        Map<String, Integer> byReason = new TreeMap<>();
        for (InboxFile f : inbox.files) {
            for (Line l : f.lines) {
                if (l.kind == LineKind.REJECTED) {
                    byReason.merge(l.reason, 1, Integer::sum);
                    String what = l.what;
                    if (l.original != null) {
                        what += "; first ingested from `" + l.original.file.spec.name() + "` line " + l.original.number;
                    }
                    b.append("| `").append(f.spec.name()).append("` | ").append(l.number).append(" | `").append(l.reason)
                            .append("` | ").append(escape(what)).append(" |\n");
                }
            }
        }
        b.append("| `").append(missing.spec.name()).append("` | 1 | `MISSING_COLUMN` | the header has no cash_amount: "
                + "the file goes to rejects/ whole, with a one-line .rejects.csv |\n\n");
        b.append("Rejected lines by reason: ");
        List<String> counts = new ArrayList<>();
        byReason.forEach((reason, n) -> counts.add("`" + reason + "` " + n));
        b.append(String.join(", ", counts)).append(", plus one file rejected whole (`MISSING_COLUMN`).\n\n");

        b.append("### Repeats and accepted lines worth knowing\n\n");
        for (InboxFile f : inbox.files) {
            List<Line> verbatim = f.lines.stream().filter(l -> l.kind == LineKind.REPEAT && l.text.equals(l.original.text))
                    .toList();
            if (!verbatim.isEmpty()) {
                b.append("- `").append(f.spec.name()).append("` lines ").append(verbatim.get(0).number).append("..")
                        .append(verbatim.get(verbatim.size() - 1).number).append(" repeat, byte for byte, ")
                        .append(verbatim.size()).append(" lines of `").append(verbatim.get(0).original.file.spec.name())
                        .append("` (lines ").append(String.join(", ", verbatim.stream()
                                .map(l -> Integer.toString(l.original.number)).toList()))
                        .append("): harmless repeats.\n");
            }
        }
        for (Line l : inbox.notable) {
            b.append("- `").append(l.file.spec.name()).append("` line ").append(l.number).append(": ").append(escape(l.what));
            if (l.original != null) {
                b.append(" (`").append(l.original.file.spec.name()).append("` line ").append(l.original.number).append(")");
            }
            b.append(".\n");
        }
        long crossing = 0;
        InboxFile legacy = inbox.files.stream().filter(f -> f.spec.legacyNames()).findFirst().orElseThrow();
        for (Line l : legacy.lines) {
            if (l.kind == LineKind.RECORD && (l.record.timeStyle == TimeStyle.UTC_Z || l.record.timeStyle == TimeStyle.UTC_PLUS_0)
                    && !l.record.tradeTime.minusHours(8).toLocalDate().equals(l.record.billDate())) {
                crossing++;
            }
        }
        b.append("- `").append(legacy.spec.name()).append("` writes `trade_time` as `+08:00`, `Z`, `+00:00` or without "
                + "an offset (= UTC+8); ").append(crossing).append(" of its records have a UTC date one day before their "
                + "UTC+8 bill date (charged between 00:00 and 08:00 Beijing time).\n\n");

        b.append("### Deliberate records\n\n");
        b.append("| what | customer | file | line | id | bill type | amount |\n|---|---|---|---:|---|---:|---:|\n");
        List<String[]> deliberate = new ArrayList<>();
        for (SampleReference.MilestoneOrder m : SampleReference.MILESTONE_ORDERS) {
            deliberate.add(new String[] {"milestone order " + m.orderId(), m.customerId(), m.orderId()});
        }
        deliberate.add(new String[] {"P011 clawback: order and its refund", SampleReference.CLAWBACK_CUSTOMER,
                SampleReference.CLAWBACK_ORDER});
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<SampleRecord, Line> e : where.entrySet()) {
            SampleRecord r = e.getKey();
            String what = null;
            for (String[] d : deliberate) {
                if (r.customerId().equals(d[1]) && r.text[TRADE_ID.ordinal()].equals(d[2])) {
                    what = d[0];
                }
            }
            if (r.text[SERVICE_TYPE_CODE.ordinal()].equals(SampleConsumption.CARD.service())) {
                what = "stored-value card purchase (no performance)";
            }
            for (SampleConsumption.OneOff o : SampleConsumption.ONE_OFFS) {
                if (o.customerId().equals(r.customerId()) && o.at().equals(r.tradeTime) && o.billType().equals(r.billType())) {
                    what = switch (o.what()) {
                        case "write-off" -> "write-off (writeoff_amount)";
                        case "excluded" -> "excluded bill type " + o.billType();
                        case "unknown" -> "unknown bill type " + o.billType() + " (UNCLASSIFIED)";
                        default -> "yearly payment (103)";
                    };
                }
            }
            if (what != null) {
                Line l = e.getValue();
                rows.add(new String[] {what, r.customerId(), l.file.spec.name(), Integer.toString(l.number), r.id(),
                        r.billType(), r.value(PAYMENT_AMOUNT, SampleRecord.AmountStyle.AT_SCALE) + " " + r.text[CURRENCY.ordinal()]});
            }
        }
        rows.sort((x, y) -> x[2].equals(y[2]) ? Integer.compare(Integer.parseInt(x[3]), Integer.parseInt(y[3]))
                : x[2].compareTo(y[2]));
        for (String[] r : rows) {
            b.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | `").append(r[2]).append("` | ").append(r[3])
                    .append(" | ").append(r[4]).append(" | ").append(r[5]).append(" | ").append(r[6]).append(" |\n");
        }

        b.append("\n### The accepted records in figures\n\n");
        b.append("Over the new records (repeats and rejected lines excluded). The period is `bill_cycle`, or the month of the "
                + "bill date when the cycle is empty; a bill date is `bill_date`, or `trade_time` in UTC+8.\n\n");
        Map<String, long[]> byPeriodClass = new TreeMap<>();
        Map<String, BigDecimal> paymentByPeriodCurrency = new TreeMap<>();
        Map<String, BigDecimal> cashEquivalentByPeriodCurrency = new TreeMap<>();
        Map<String, Integer> byType = new TreeMap<>((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)));
        Map<Integer, Integer> byScale = new TreeMap<>();
        List<String> classes = List.of("CONSUMPTION", "REFUND", "EXCLUDED", "UNCLASSIFIED");
        for (InboxFile f : inbox.files) {
            for (Line l : f.lines) {
                if (l.kind != LineKind.RECORD) {
                    continue;
                }
                SampleRecord r = l.record;
                String cycle = r.text[BILL_CYCLE.ordinal()];
                String period = cycle.isEmpty() ? r.billDate().toString().substring(0, 7) : cycle;
                byPeriodClass.computeIfAbsent(period, k -> new long[classes.size() + 1]);
                byPeriodClass.get(period)[classes.indexOf(reference.billClass(r.billType()))]++;
                byPeriodClass.get(period)[classes.size()]++;
                String key = period + " " + r.text[CURRENCY.ordinal()];
                paymentByPeriodCurrency.merge(key, decimal(r.amount(PAYMENT_AMOUNT)), BigDecimal::add);
                cashEquivalentByPeriodCurrency.merge(key, decimal(r.amount(CASH_AMOUNT) + r.amount(CREDIT_AMOUNT)
                        + r.amount(STORED_VALUE_CARD_AMOUNT)), BigDecimal::add);
                byType.merge(r.billType(), 1, Integer::sum);
                byScale.merge(r.scale, 1, Integer::sum);
            }
        }
        b.append("| period | records | consumption | refund | excluded | unclassified |\n|---|---:|---:|---:|---:|---:|\n");
        byPeriodClass.forEach((period, n) -> b.append("| ").append(period).append(" | ").append(n[4]).append(" | ")
                .append(n[0]).append(" | ").append(n[1]).append(" | ").append(n[2]).append(" | ").append(n[3]).append(" |\n"));
        b.append("\n| period, currency | Σ payment_amount | Σ cash + credit + stored-value card (any bill type) |\n|---|---:|---:|\n");
        paymentByPeriodCurrency.forEach((key, sum) -> b.append("| ").append(key).append(" | ").append(plain(sum))
                .append(" | ").append(plain(cashEquivalentByPeriodCurrency.get(key))).append(" |\n"));
        b.append("\nRecords by bill type: ");
        List<String> types = new ArrayList<>();
        byType.forEach((t, n) -> types.add("`" + t + "` " + n));
        b.append(String.join(", ", types)).append(".\n\nRecords by decimals written: ");
        List<String> scales = new ArrayList<>();
        byScale.forEach((s, n) -> scales.add(s + " decimals " + n));
        b.append(String.join(", ", scales)).append(" (hourly usage has 8, e.g. 0.04375000 for one hour of the smallest VM).\n");
        b.append("""

                Payment mix: most customers pay cash; the credit customers listed above pay by credit_amount; about a
                fifth of the customers use coupons (coupon_amount) on some bills and a few cash coupons
                (flexipurchase_coupon_amount); the stored-value-card buyers pay their later bills from the card
                (stored_value_card_amount) until it is used up; a few bills carry bonus_amount or debt_amount. Refunds
                (4, 20, 24, 100) are written with a negative sign about 60% of the time and positive otherwise.
                """);
        return b.toString();
    }

    private static Map<String, List<String>> orderedCases(SampleReference reference) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String name : List.of("partners.csv", "contracting-entities.csv", "customers.csv", "account-managers.csv", "milestones.csv",
                "credit-repayments.csv", "fx-rates.csv", "bill-types.csv")) {
            ordered.put(name, reference.cases.get(name));
        }
        return ordered;
    }

    private static BigDecimal decimal(long units) {
        return BigDecimal.valueOf(units, 8);
    }

    /** A sum without the trailing zeros of its 8 decimals, but with at least the 2 of money. */
    private static String plain(BigDecimal sum) {
        BigDecimal stripped = sum.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

}
