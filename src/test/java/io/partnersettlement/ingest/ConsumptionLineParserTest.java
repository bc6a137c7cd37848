package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.partnersettlement.consumption.RejectReason;
import io.partnersettlement.csv.CsvLine;
import io.partnersettlement.csv.CsvSplitter;
import io.partnersettlement.ingest.ParsedLine.Accepted;
import io.partnersettlement.ingest.ParsedLine.Rejected;
import io.partnersettlement.support.TestWorkspace;

class ConsumptionLineParserTest {

    static final ConsumptionColumn.Layout CURRENT = ConsumptionColumn.Layout.of(TestWorkspace.CURRENT_HEADER.split(","));
    final ConsumptionLineParser parser = new ConsumptionLineParser("CNY");

    ParsedLine parse(String line) throws Exception {
        return parser.process(new InboxLine(1, CURRENT, new CsvLine(2, line, CsvSplitter.split(line), null)));
    }

    ConsumptionRecord accepted(String line) throws Exception {
        return ((Accepted) parse(line)).record();
    }

    RejectReason reason(String line) throws Exception {
        return ((Rejected) parse(line)).reason();
    }

    @Test
    void cashPartIsCashPlusStoredValueCardAndCreditIsItsOwn() throws Exception {
        // cash 50.25 + card 10.00 = 60.25 cash part; credit 5.00
        var r = accepted(TestWorkspace.record("r", "C", "2026-09-15", "5", "s", "", "50.25", "5.00", "3", "10.00"));
        assertThat(r.cashPart()).isEqualByComparingTo("60.25");
        assertThat(r.creditPart()).isEqualByComparingTo("5.00");
        assertThat(r.period()).isEqualTo("2026-09");
        assertThat(r.currency()).isEqualTo("CNY");
    }

    @Test
    void amountMismatchToleratesExactlyOneCent() throws Exception {
        // parts 10.01 against 10.00: off by 0.01, accepted; 10.02: off by 0.02, rejected
        assertThat(parse("r,C,2026-09-12,,,5,s,,,,,10.00,10.01,0,0,0,0,,,,,,")).isInstanceOf(Accepted.class);
        assertThat(reason("r,C,2026-09-12,,,5,s,,,,,10.00,10.02,0,0,0,0,,,,,,")).isEqualTo(RejectReason.AMOUNT_MISMATCH);
        // bonus, debt and write-off count among the parts: 6 + 1 + 2 + 1 = 10
        assertThat(parse("r,C,2026-09-12,,,5,s,,,,,10,6,0,0,0,0,1,2,1,,,")).isInstanceOf(Accepted.class);
    }

    @Test
    void theFirstReasonOfTheTableWins() throws Exception {
        // empty customer and a bad number: MISSING_VALUE comes first
        assertThat(reason("r,,2026-09-12,,,5,s,,,,,1,abc,0,0,0,0,,,,,,")).isEqualTo(RejectReason.MISSING_VALUE);
        // bad number and bad date: BAD_NUMBER first
        assertThat(reason("r,C,2026-13-12,,,5,s,,,,,1,1.123456789,0,0,0,0,,,,,,")).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(reason("r,C,2026-09-12,x,,5,s,,,,,1,1,0,0,0,0,,,,,,")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason("r,C,2026-09-12,,2026-13,5,s,,,,,1,1,0,0,0,0,,,,,,")).isEqualTo(RejectReason.BAD_DATE);
        assertThat(reason("r,C,2026-09-12,,,5")).isEqualTo(RejectReason.BAD_LINE);
        // the date comes from trade_time when bill_date is empty; empty too: MISSING_VALUE
        assertThat(reason("r,C,,,,5,s,,,,,1,1,0,0,0,0,,,,,,")).isEqualTo(RejectReason.MISSING_VALUE);
    }

    @Test
    void aRejectedLineKeepsTheMonthItMostLikelyBelongsToForTheDataQualitySheet() throws Exception {
        // wrong field count: the first date-like text of the raw line
        assertThat(((Rejected) parse("r,C,2026-09-12,5")).period()).isEqualTo("2026-09");
        // a bad number: the bill cycle wins over the bill date
        assertThat(((Rejected) parse("r,C,2026-09-30,,2026-10,5,s,,,,,1,x,0,0,0,0,,,,,,")).period()).isEqualTo("2026-10");
        // no date anywhere
        assertThat(((Rejected) parse("r,C,,,,5,s,,,,,1,1,0,0,0,0,,,,,,")).period()).isNull();
    }

    @Test
    void amountsArePlainDecimalsWithAtMostEightFractionDigits() {
        assertThat(ConsumptionLineParser.amount("0.12345678")).isEqualByComparingTo("0.12345678");
        assertThat(ConsumptionLineParser.amount("+3")).isEqualByComparingTo("3");
        assertThat(ConsumptionLineParser.amount("-0.5")).isEqualByComparingTo("-0.5");
        assertThat(ConsumptionLineParser.amount("0.123456789")).isNull();
        assertThat(ConsumptionLineParser.amount("1e3")).isNull();
        assertThat(ConsumptionLineParser.amount("1,5")).isNull();
        assertThat(ConsumptionLineParser.amount(".5")).isNull();
        // at most 12 integer digits: 10⁸ records of the largest amount still fit the ledger's DECIMAL(28,8) sums
        assertThat(ConsumptionLineParser.amount("-999999999999.99")).isEqualByComparingTo("-999999999999.99");
        assertThat(ConsumptionLineParser.amount("1000000000000")).isNull();
        assertThat(ConsumptionLineParser.amount("5.")).isNull();
    }

    @Test
    void tradeTimeGivesTheDateInUtcPlus8() throws Exception {
        // 16:30Z on 09-30 is 00:30 on 10-01 in UTC+8; without an offset the time is already UTC+8
        assertThat(accepted("r,C,,2026-09-30T16:30:00Z,,5,s,,,,,1,1,0,0,0,0,,,,,,").billDate()).hasToString("2026-10-01");
        assertThat(accepted("r,C,,2026-09-30T23:59:59,,5,s,,,,,1,1,0,0,0,0,,,,,,").billDate()).hasToString("2026-09-30");
        // a given bill_date wins, and bill_cycle sets the period
        var r = accepted("r,C,2026-09-30,2026-09-30T16:30:00Z,2026-10,5,s,,,,,1,1,0,0,0,0,,,,,,");
        assertThat(r.billDate()).hasToString("2026-09-30");
        assertThat(r.period()).isEqualTo("2026-10");
    }

    @Test
    void equalContentHasEqualFingerprintsWhateverTheNumberFormat() throws Exception {
        long a = accepted("r,C,2026-09-12,,,5,s,,,,,1.5,1.5,0,0,0,0,,,,,,").fingerprint();
        long b = accepted("r,C,2026-09-12,,,5,s,,,,,1.50,1.500,0.00,0,0,0,0,,,,,CNY").fingerprint();
        long c = accepted("r,C,2026-09-12,,,5,s,,,,,1.51,1.51,0,0,0,0,,,,,,").fingerprint();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void valuesAreReadWithoutSurroundingWhiteSpace() throws Exception {
        // tab, ideographic space (U+3000) and line separators strip; a no-break space (U+00A0) is not white space
        var r = accepted("r,\t\u3000C\u2028 ,2026-09-12,,,5,s,\u00a0rt\u00a0,,,,1, 1\t,0,0,0,0,,,,,, ");
        assertThat(r.customerId()).isEqualTo("C");
        assertThat(reason("r,C,2026-09-12,,,5,\u00a0s\u00a0,,,,,1,1,0,0,0,0,,,,,,")).isEqualTo(RejectReason.BAD_VALUE);
        assertThat(r.cashPart()).isEqualByComparingTo("1");
        assertThat(r.currency()).isEqualTo("CNY");
        assertThat(reason("r,C,2026-09-12,,,5,s,,,,,1,1\u00a0,0,0,0,0,,,,,,")).isEqualTo(RejectReason.BAD_NUMBER);
    }

    @Test
    void fingerprintsOfStoredRecordsNeverChange() throws Exception {
        // ledgers keep these values: a changed fingerprint would turn a harmless repeat into a DUPLICATE_ID reject
        assertThat(accepted("BD20260901000000000000,C00231,2026-09-01,2026-09-01T10:27:22+08:00,2026-09,5,"
                + "hws.service.type.vpc,hws.resource.type.bandwidth,cn-east-3,3,,1739.59,1739.59,0,0,0,0,0,0,0,1913.54,173.95,CNY")
                .fingerprint()).isEqualTo(0x5318863BE96B3FE3L);
        assertThat(accepted("BD20261016000000750001,C00179,2026-10-16,2026-10-16T09:37:48+08:00,2026-10,3,"
                + "hws.service.type.vpc,hws.resource.type.bandwidth,cn-east-3,1,CB261016000000750001,31393.78,31393.78,0,0,0,0,0,0,0,"
                + "34533.15,3139.37,CNY").fingerprint()).isEqualTo(0x97DB9678FBB6B38BL);
        assertThat(accepted("r,C,2026-09-12,,,5,s,,,,,1.5,1.5,0,0,0,0,,,,,,").fingerprint()).isEqualTo(0x572559297499DB4CL);
        // the date from trade_time, a fraction of a second, signs and zeros written several ways
        assertThat(accepted("r2,C,,2026-09-30T16:30:00.1234Z,,4,s,,,,,-0010.500,-10.5,+0.00,0,0,0,,,,,,USD").fingerprint())
                .isEqualTo(0xE01601F51480A783L);
        assertThat(accepted("r3,客户,,2026-09-30T23:59:59,,5,hws.service.type.ec2,资源,区域,3,订单,100.00,60,40.00000000,0,0,0,"
                + "0.00,-0,,0.10,,").fingerprint()).isEqualTo(0x1F17ABAA92A7690BL);
        assertThat(accepted("r4,C,2026-02-28,2026-02-28T01:02:03.000000001-05:30,2026-03,12,s,rt,r,10,t,999999999999.99999999,"
                + "999999999999.99999999,0,0,0,0,,,,5,-1,EUR").fingerprint()).isEqualTo(0xD8CE588197F5FDF9L);
        assertThat(accepted("\" r5 \",\"C,1\",2024-02-29,,2024-02,5,\"s \"\"q\"\"\",,,,,7.00000000,3.5,3.5,0,0,0,,,,007.50,0.05,")
                .fingerprint()).isEqualTo(0xFC64EA9AB06A9893L);
        // an instant outside the years 2000-2099 is no longer a record
        assertThat(reason("r6,C,,0000-01-01T00:00:00+08:00,,5,s,,,,,0.01,0,0,0,0,0,0.01,,,,,")).isEqualTo(RejectReason.BAD_DATE);
    }
}
