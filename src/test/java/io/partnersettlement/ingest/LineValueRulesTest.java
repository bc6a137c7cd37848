package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.csv.CsvSplitter;
import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.support.TestWorkspace;

/** Values a line may carry and the engine cannot settle: rejected at the line, in the order of SPEC section 4. */
class LineValueRulesTest {

    final ConsumptionLineParser parser = new ConsumptionLineParser("CNY");

    ParsedLine parse(String line) throws Exception {
        return parser.process(new InboxLine(1, ConsumptionLineParserTest.CURRENT,
                new CsvLine(2, line, CsvSplitter.split(line), null)));
    }

    Rejected rejected(String line) throws Exception {
        return (Rejected) parse(line);
    }

    /** A usage line of 1.00 with the given customer, bill date, bill cycle and currency. */
    static String line(String customer, String billDate, String cycle, String currency) {
        return "r," + customer + "," + billDate + ",," + cycle + ",5,s,,,,,1.00,1.00,0,0,0,0,,,,,," + currency;
    }

    @Test
    void aCurrencyIsThreeAsciiLettersAndItsCaseIsIgnored() throws Exception {
        assertThat(((Accepted) parse(line("C", "2026-09-12", "", "cny"))).record().currency()).isEqualTo("CNY");
        assertThat(((Accepted) parse(line("C", "2026-09-12", "", "Usd"))).record().currency()).isEqualTo("USD");
        for (String bad : new String[] {"ΑΒΓ", "ＣＮＹ", "CN1", "CNYY", "C\u00c9N"}) {
            Rejected r = rejected(line("C", "2026-09-12", "", bad));
            assertThat(r.reason()).as(bad).isEqualTo(RejectReason.BAD_VALUE);
            assertThat(r.message()).isEqualTo("currency '" + bad + "' is not three ASCII letters (ISO 4217)");
            assertThat(r.period()).isEqualTo("2026-09");
        }
        // the same record with cny and CNY is one record by content: a harmless repeat, not a DUPLICATE_ID
        assertThat(((Accepted) parse(line("C", "2026-09-12", "", "cny"))).record().fingerprint())
                .isEqualTo(((Accepted) parse(line("C", "2026-09-12", "", "CNY"))).record().fingerprint());
    }

    @Test
    void datesCyclesAndInstantsLieInTheYears2000To2099() throws Exception {
        assertThat(parse(line("C", "2000-01-01", "2000-01", ""))).isInstanceOf(Accepted.class);
        assertThat(parse(line("C", "2099-12-31", "2099-12", ""))).isInstanceOf(Accepted.class);
        assertThat(rejected(line("C", "2026-09-12", "7488-01", "")).message())
                .isEqualTo("bill_cycle '7488-01' lies outside the years 2000-2099");
        assertThat(rejected(line("C", "2026-09-12", "2730-08", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
        assertThat(rejected(line("C", "2026-09-12", "1999-12", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
        assertThat(rejected(line("C", "2100-01-01", "", "")).message())
                .isEqualTo("bill_date '2100-01-01' lies outside the years 2000-2099");
        assertThat(rejected(line("C", "1999-12-31", "", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
        // the bill date of a trade time is its day in UTC+8: 2099-12-31T16:00Z is 2100-01-01 there
        assertThat(parse("r,C,,2099-12-31T15:59:59Z,,5,s,,,,,1,1,0,0,0,0,,,,,,")).isInstanceOf(Accepted.class);
        assertThat(rejected("r,C,,2099-12-31T16:00:00Z,,5,s,,,,,1,1,0,0,0,0,,,,,,").message())
                .isEqualTo("trade_time '2099-12-31T16:00:00Z' lies outside the years 2000-2099 (in UTC+8)");
        assertThat(rejected("r,C,2026-09-01,+12026-09-01T00:00:00Z,,5,s,,,,,1,1,0,0,0,0,,,,,,").reason())
                .isEqualTo(RejectReason.BAD_DATE);
        assertThat(rejected("r,C,2026-09-01,1970-01-01T00:00:00Z,,5,s,,,,,1,1,0,0,0,0,,,,,,").reason())
                .isEqualTo(RejectReason.BAD_DATE);
        // a rejected line's likely period is never outside the window either (it would name a workbook)
        assertThat(rejected("r,C,7488-01-01,5").period()).isNull();
    }

    @Test
    void aControlCharacterInAnyValueIsABadValueButTabCrAndLfAreText() throws Exception {
        Rejected nul = rejected(line("C\u0000", "2026-09-12", "", ""));
        assertThat(nul.reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(nul.message()).isEqualTo("customer_id holds the control character U+0000");
        assertThat(rejected("r,C,2026-09-12,,,5,s,x\u0007y,,,,1.00,1.00,0,0,0,0,,,,,,").message())
                .isEqualTo("resource_type_code holds the control character U+0007");
        // U+001F would be stripped as white space: it is still a control character
        assertThat(rejected(line("C\u001f", "2026-09-12", "", "")).reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(rejected(line("C\u007f", "2026-09-12", "", "")).reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(rejected(line("客户\u0085", "2026-09-12", "", "")).reason()).isEqualTo(RejectReason.BAD_VALUE);
        // tab, CR and LF inside a (quoted) value are text
        assertThat(parse("r,C,2026-09-12,,,5,s,\"a\tb\r\nc\",,,,1.00,1.00,0,0,0,0,,,,,,")).isInstanceOf(Accepted.class);
        // BAD_DATE comes before BAD_VALUE, AMOUNT_MISMATCH after it
        assertThat(rejected(line("C\u0000", "2026-02-30", "", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
        assertThat(rejected("r,C\u0000,2026-09-12,,,5,s,,,,,9.00,1.00,0,0,0,0,,,,,,").reason())
                .isEqualTo(RejectReason.BAD_VALUE);
    }

    @Test
    void anInvisibleCharacterInAnIdIsABadValueButNotInFreeText() throws Exception {
        String[] invisible = {"\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff"};
        for (String c : invisible) {
            Rejected r = rejected(line("C1" + c, "2026-09-12", "", ""));
            assertThat(r.reason()).isEqualTo(RejectReason.BAD_VALUE);
            assertThat(r.message()).isEqualTo(
                    String.format("customer_id holds the invisible character U+%04X", (int) c.charAt(0)));
            assertThat(rejected(c + "r,C,2026-09-12,,,5,s,,,,,1,1,0,0,0,0,,,,,,").message()).startsWith("id holds");
            assertThat(rejected("r,C,2026-09-12,,,5,s" + c + ",,,,,1,1,0,0,0,0,,,,,,").message())
                    .startsWith("service_type_code holds");
            assertThat(rejected("r,C,2026-09-12,,,1,s,,,,o" + c + "1,1,1,0,0,0,0,,,,,,").message())
                    .startsWith("trade_id holds");
            // in a free-text column it is text
            assertThat(parse("r,C,2026-09-12,,,5,s,vm" + c + "x,,,,1,1,0,0,0,0,,,,,,")).isInstanceOf(Accepted.class);
        }
        // Chinese ids are ids
        assertThat(parse(line("客户一", "2026-09-12", "", ""))).isInstanceOf(Accepted.class);
    }

    @Test
    void aValueLongerThanItsColumnIsABadValueAfterTheDates() throws Exception {
        String id = "i".repeat(129);
        Rejected r = rejected(id + ",C,2026-09-12,,,5,s,,,,,1,1,0,0,0,0,,,,,,");
        assertThat(r.reason()).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(r.message()).isEqualTo("id is longer than the 128 characters the ledger keeps");
        assertThat(rejected(line("c".repeat(65), "2026-09-12", "", "")).message())
                .isEqualTo("customer_id is longer than the 64 characters the ledger keeps");
        assertThat(parse(line("c".repeat(64), "2026-09-12", "", ""))).isInstanceOf(Accepted.class);
        assertThat(rejected(line("c".repeat(65), "2026-09-32", "", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
    }

    @Test
    void oddNumbersDatesAndIdsAreReadOneWayOrRejectedAtTheLine() throws Exception {
        for (String amount : new String[] {"1e3", "+.5", "NaN", "Infinity", "0x10", "１２", "1_000"}) {
            assertThat(rejected("r,C,2026-09-12,,,5,s,,,,," + amount + "," + amount + ",0,0,0,0,,,,,,").reason()).as(amount)
                    .isEqualTo(RejectReason.BAD_NUMBER);
        }
        assertThat(rejected("r,C,2026-09-12,,,5,s,,,,,1" + "0".repeat(29) + ",1,0,0,0,0,,,,,,").message())
                .endsWith("has more than 12 integer digits");
        // −0 is zero, with the fingerprint of 0
        assertThat(((Accepted) parse("r,C,2026-09-12,,,5,s,,,,,-0.00,-0,+0,0,0,0,,,,,,")).record().fingerprint())
                .isEqualTo(((Accepted) parse("r,C,2026-09-12,,,5,s,,,,,0,0,0,0,0,0,,,,,,")).record().fingerprint());
        for (String date : new String[] {"2026-9-1", "2026-09-1", "20260901", "2026/09/01", "２０２６-09-01"}) {
            assertThat(rejected(line("C", date, "", "")).reason()).as(date).isEqualTo(RejectReason.BAD_DATE);
        }
        // offsets up to ±18:00 are instants; a leap second, a zone name or an offset without its colon is not
        assertThat(((Accepted) parse("r,C,,2026-09-01T10:00:00+05:45,,5,s,,,,,1,1,0,0,0,0,,,,,,")).record().billDate())
                .hasToString("2026-09-01");
        for (String time : new String[] {"2026-09-01T10:00:00+18:01", "2026-09-01T23:59:60Z", "2026-09-01T10:00:00+0800",
                "2026-09-01T10:00:00[Asia/Shanghai]", "2026-09-01 10:00:00"}) {
            assertThat(rejected("r,C,," + time + ",,5,s,,,,,1,1,0,0,0,0,,,,,,").reason()).as(time)
                    .isEqualTo(RejectReason.BAD_DATE);
        }
        assertThat(rejected(line("C", "2026-09-12", "2026-00", "")).reason()).isEqualTo(RejectReason.BAD_DATE);
        // a comma inside a quoted id is part of it; ids are case-sensitive; an emoji is a character like any other
        assertThat(((Accepted) parse("\"r,1\",\"C,2\",2026-09-12,,,5,s,,,,,1,1,0,0,0,0,,,,,,")).record().customerId())
                .isEqualTo("C,2");
        assertThat(((Accepted) parse(line("C", "2026-09-12", "", ""))).record().fingerprint())
                .isNotEqualTo(((Accepted) parse(line("c", "2026-09-12", "", ""))).record().fingerprint());
        assertThat(((Accepted) parse(line("C😀", "2026-09-12", "", ""))).record().customerId()).isEqualTo("C😀");
    }
}
