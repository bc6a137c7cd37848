package io.partnersettlement.incentive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.partnersettlement.incentive.FreezeFacts.MilestoneRow;
import io.partnersettlement.incentive.IncentiveDetailGenerator.Generated;

/** The details one key makes, from values only: no database, no Spring. */
class IncentiveDetailGeneratorTest {

    private static final String PERIOD = "2026-09";
    private static final LocalDate BUSINESS_DATE = LocalDate.parse("2026-10-02");

    /** P1 is STANDARD (REFERRAL 3%, RESALE 1%); no-rebate product: hws.service.type.free. */
    private final IncentiveRates rates = new IncentiveRates(Map.of("P1", "STANDARD"),
            Map.of(IncentiveRates.policyKey("STANDARD", "REFERRAL"), d("0.03"),
                    IncentiveRates.policyKey("STANDARD", "RESALE"), d("0.01")),
            Set.of("hws.service.type.free"));

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static DetailKey key(String funding, String service, String order) {
        return new DetailKey("P1", "C1", "REFERRAL", service, order, funding, "CNY", false);
    }

    private static DetailKey cash() {
        return key("CASH", "hws.service.type.ecs", "");
    }

    private static FreezeFacts facts(Set<String> manual, Set<String> repaid, Map<String, List<MilestoneRow>> milestones) {
        return new FreezeFacts(manual, repaid, milestones, BUSINESS_DATE);
    }

    private static FreezeFacts noFreezes() {
        return facts(Set.of(), Set.of(), Map.of());
    }

    private Generated generate(DetailKey key, String base, FreezeFacts freezes, Set<String> settled) {
        return IncentiveDetailGenerator.generate(PERIOD, key, d(base), 4, rates, freezes, settled);
    }

    private static IncentiveDetail only(Generated generated) {
        assertThat(generated.details()).hasSize(1);
        return generated.details().get(0);
    }

    @Test
    void theAmountIsTheBaseTimesTheRateRoundedHalfUpToTheMinorUnit() {
        // 1,234.50 × 3% = 37.035 → 37.04 (HALF_UP)
        IncentiveDetail detail = only(generate(cash(), "1234.50", noFreezes(), Set.of()));
        assertThat(detail.amount()).isEqualByComparingTo("37.04");
        assertThat(detail.originalAmount()).isEqualByComparingTo("37.04");
        assertThat(detail.rate()).isEqualByComparingTo("0.03");
        assertThat(detail.base()).isEqualByComparingTo("1234.50");
        assertThat(detail.tier()).isEqualTo("STANDARD");
        assertThat(detail.recordCount()).isEqualTo(4);
        assertThat(detail.status()).isEqualTo(DetailStatus.AVAILABLE);
        assertThat(detail.freezeReason()).isNull();
        // RESALE: 1,234.50 × 1% = 12.345 → 12.35
        DetailKey resale = new DetailKey("P1", "C1", "RESALE", "hws.service.type.ecs", "", "CASH", "CNY", false);
        assertThat(only(generate(resale, "1234.50", noFreezes(), Set.of())).amount()).isEqualByComparingTo("12.35");
    }

    @Test
    void eachTierHasItsOwnRateForEachAssociationType() {
        // the default policy: STANDARD 3% / 1%, PREFERRED 5% / 2%, LEADING 7% / 3%, CORE 9% / 4%
        IncentiveRates policy = new IncentiveRates(
                Map.of("PS", "STANDARD", "PP", "PREFERRED", "PL", "LEADING", "PC", "CORE"),
                Map.of(IncentiveRates.policyKey("STANDARD", "REFERRAL"), d("0.03"),
                        IncentiveRates.policyKey("STANDARD", "RESALE"), d("0.01"),
                        IncentiveRates.policyKey("PREFERRED", "REFERRAL"), d("0.05"),
                        IncentiveRates.policyKey("PREFERRED", "RESALE"), d("0.02"),
                        IncentiveRates.policyKey("LEADING", "REFERRAL"), d("0.07"),
                        IncentiveRates.policyKey("LEADING", "RESALE"), d("0.03"),
                        IncentiveRates.policyKey("CORE", "REFERRAL"), d("0.09"),
                        IncentiveRates.policyKey("CORE", "RESALE"), d("0.04")),
                Set.of());
        // 1,234.50 × 5% = 61.725 → 61.73; × 7% = 86.415 → 86.42; × 9% = 111.105 → 111.11; × 4% = 49.38
        assertThat(amount(policy, "PP", "REFERRAL", "1234.50")).isEqualByComparingTo("61.73");
        assertThat(amount(policy, "PL", "REFERRAL", "1234.50")).isEqualByComparingTo("86.42");
        assertThat(amount(policy, "PC", "REFERRAL", "1234.50")).isEqualByComparingTo("111.11");
        assertThat(amount(policy, "PC", "RESALE", "1234.50")).isEqualByComparingTo("49.38");
        // 1,234.50 × 2% = 24.69; LEADING RESALE 3%: 37.035 → 37.04
        assertThat(amount(policy, "PP", "RESALE", "1234.50")).isEqualByComparingTo("24.69");
        assertThat(amount(policy, "PL", "RESALE", "1234.50")).isEqualByComparingTo("37.04");
        assertThat(policy.tier("PC")).isEqualTo("CORE");
    }

    private static BigDecimal amount(IncentiveRates policy, String partner, String associationType, String base) {
        DetailKey key = new DetailKey(partner, "C1", associationType, "hws.service.type.ecs", "", "CASH", "CNY", false);
        Generated generated = IncentiveDetailGenerator.generate(PERIOD, key, d(base), 1, policy, noFreezes(), Set.of());
        return only(generated).amount();
    }

    @Test
    void aRefundBaseGivesANegativeAmountRoundedAwayFromZero() {
        // −1,234.50 × 3% = −37.035 → −37.04 (HALF_UP rounds halves away from zero)
        assertThat(only(generate(cash(), "-1234.50", noFreezes(), Set.of())).amount()).isEqualByComparingTo("-37.04");
        // −0.50 × 3% = −0.015 → −0.02
        assertThat(only(generate(cash(), "-0.50", noFreezes(), Set.of())).amount()).isEqualByComparingTo("-0.02");
        // −0.49 × 3% = −0.0147 → −0.01
        assertThat(only(generate(cash(), "-0.49", noFreezes(), Set.of())).amount()).isEqualByComparingTo("-0.01");
    }

    @Test
    void aKeyWhoseRecordsNetToZeroIsKeptWithAmountZero() {
        // 0 × 3% = 0.00
        IncentiveDetail detail = only(generate(cash(), "0", noFreezes(), Set.of()));
        assertThat(detail.amount()).isEqualByComparingTo("0").hasScaleOf(2);
        assertThat(detail.status()).isEqualTo(DetailStatus.AVAILABLE);
    }

    @Test
    void aNoRebateProductCountsWithRateZero() {
        // 500.00 × 0 = 0.00
        IncentiveDetail detail = only(generate(key("CASH", "hws.service.type.free", ""), "500.00", noFreezes(), Set.of()));
        assertThat(detail.rate()).isEqualByComparingTo("0");
        assertThat(detail.amount()).isEqualByComparingTo("0");
    }

    @Test
    void aPartnerWithoutAPolicyRateIsAnError() {
        IncentiveRates none = new IncentiveRates(Map.of("P1", "STANDARD"), Map.of(), Set.of());
        assertThatThrownBy(() -> IncentiveDetailGenerator.generate(PERIOD, cash(), d("1"), 1, none, noFreezes(), Set.of()))
                .hasMessage("no incentive rate for partner P1 REFERRAL");
    }

    @Test
    void creditIsFrozenUntilTheCustomerRepaidAndAManualFreezeComesFirst() {
        DetailKey credit = key("CREDIT", "hws.service.type.ecs", "");
        IncentiveDetail unpaid = only(generate(credit, "100.00", noFreezes(), Set.of()));
        // 100.00 × 3% = 3.00, frozen: the customer has not repaid the period's credit
        assertThat(unpaid.amount()).isEqualByComparingTo("3.00");
        assertThat(unpaid.status()).isEqualTo(DetailStatus.FROZEN);
        assertThat(unpaid.freezeReason()).isEqualTo(FreezeReason.CREDIT_UNPAID);
        IncentiveDetail repaid = only(generate(credit, "100.00", facts(Set.of(), Set.of("C1"), Map.of()), Set.of()));
        assertThat(repaid.status()).isEqualTo(DetailStatus.AVAILABLE);
        // a cash detail of an unrepaid customer is not frozen
        assertThat(only(generate(cash(), "100.00", noFreezes(), Set.of())).freezeReason()).isNull();
        String id = credit.detailId(PERIOD);
        IncentiveDetail manual = only(generate(credit, "100.00", facts(Set.of(id), Set.of(), Map.of()), Set.of()));
        assertThat(manual.freezeReason()).isEqualTo(FreezeReason.MANUAL);
    }

    @Test
    void aMilestoneOrderSplitsChildrenByTheRowsInEffectOnTheBusinessDate() {
        DetailKey order = key("CASH", "hws.service.type.ecs", "ORD-1");
        // row 1 set on the business date takes effect; row 2 set the day after does not
        FreezeFacts freezes = facts(Set.of(), Set.of(), Map.of("ORD-1", List.of(
                new MilestoneRow(1, d("0.3"), BUSINESS_DATE),
                new MilestoneRow(2, d("0.3"), BUSINESS_DATE.plusDays(1)))));
        // A = 3,703.70 × 3% = 111.111 → 111.11; child 1: 111.11 × 0.3 = 33.333 → 33.33; parent 111.11 − 33.33 = 77.78
        Generated generated = generate(order, "3703.70", freezes, Set.of());
        assertThat(generated.milestoneOrder()).isTrue();
        assertThat(generated.children()).isEqualTo(1);
        assertThat(generated.problem()).isNull();
        String id = order.detailId(PERIOD);
        IncentiveDetail child = generated.details().get(0);
        assertThat(child.detailId()).isEqualTo(id + "-M1");
        assertThat(child.amount()).isEqualByComparingTo("33.33");
        assertThat(child.parentDetailId()).isEqualTo(id);
        assertThat(child.unfreezeRatio()).isEqualByComparingTo("0.3");
        assertThat(child.base()).isNull();
        assertThat(child.rate()).isNull();
        assertThat(child.recordCount()).isZero();
        assertThat(child.status()).isEqualTo(DetailStatus.AVAILABLE);
        IncentiveDetail parent = generated.details().get(1);
        assertThat(parent.detailId()).isEqualTo(id);
        assertThat(parent.originalAmount()).isEqualByComparingTo("111.11");
        assertThat(parent.amount()).isEqualByComparingTo("77.78");
        assertThat(parent.status()).isEqualTo(DetailStatus.FROZEN);
        assertThat(parent.freezeReason()).isEqualTo(FreezeReason.MILESTONE);
        assertThat(parent.base()).isEqualByComparingTo("3703.70");
    }

    @Test
    void aMilestoneOrderWithNoRowInEffectStaysWholeAndFrozen() {
        DetailKey order = key("CASH", "hws.service.type.ecs", "ORD-1");
        FreezeFacts freezes = facts(Set.of(), Set.of(), Map.of("ORD-1", List.of(
                new MilestoneRow(1, d("0.5"), BUSINESS_DATE.plusDays(1)))));
        // 100.00 × 3% = 3.00, nothing released yet
        IncentiveDetail parent = only(generate(order, "100.00", freezes, Set.of()));
        assertThat(parent.amount()).isEqualByComparingTo("3.00");
        assertThat(parent.freezeReason()).isEqualTo(FreezeReason.MILESTONE);
    }

    @Test
    void ratiosInEffectAddingUpToMoreThanOneSplitNothingAndNameTheOrder() {
        DetailKey order = key("CASH", "hws.service.type.ecs", "ORD-9");
        FreezeFacts freezes = facts(Set.of(), Set.of(), Map.of("ORD-9", List.of(
                new MilestoneRow(1, d("0.6"), BUSINESS_DATE), new MilestoneRow(2, d("0.41"), BUSINESS_DATE))));
        // 0.6 + 0.41 = 1.01 > 1: no children; 100.00 × 3% = 3.00 stays whole and frozen
        Generated generated = generate(order, "100.00", freezes, Set.of());
        String id = order.detailId(PERIOD);
        assertThat(generated.problem()).isEqualTo("order ORD-9: its milestone ratios in effect add up to more than 1 — "
                + "detail " + id + " stays whole and frozen");
        IncentiveDetail parent = only(generated);
        assertThat(parent.amount()).isEqualByComparingTo("3.00");
        assertThat(parent.status()).isEqualTo(DetailStatus.FROZEN);
        assertThat(parent.freezeReason()).isEqualTo(FreezeReason.MILESTONE);
    }

    @Test
    void aFullyReleasedParentIsReleasedAndItsChildrenStillFollowCreditAndManualFreezes() {
        DetailKey order = key("CREDIT", "hws.service.type.ecs", "ORD-2");
        String id = order.detailId(PERIOD);
        FreezeFacts freezes = facts(Set.of(id + "-M2"), Set.of(), Map.of("ORD-2", List.of(
                new MilestoneRow(1, d("0.5"), BUSINESS_DATE), new MilestoneRow(2, d("0.5"), BUSINESS_DATE))));
        // 333.67 × 3% = 10.0101 → 10.01; released 5.005 → 5.01, then 10.01: children 5.01 and 5.00, remainder 0
        Generated generated = generate(order, "333.67", freezes, Set.of());
        assertThat(generated.details()).extracting(IncentiveDetail::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("5.01"), d("5.00"), d("0.00"));
        assertThat(generated.details()).extracting(IncentiveDetail::freezeReason)
                .containsExactly(FreezeReason.CREDIT_UNPAID, FreezeReason.MANUAL, null);
        assertThat(generated.details().get(2).status()).isEqualTo(DetailStatus.RELEASED);
    }

    @Test
    void settledDetailsAreLeftOut() {
        DetailKey order = key("CASH", "hws.service.type.ecs", "ORD-3");
        String id = order.detailId(PERIOD);
        FreezeFacts freezes = facts(Set.of(), Set.of(), Map.of("ORD-3", List.of(
                new MilestoneRow(1, d("0.5"), BUSINESS_DATE), new MilestoneRow(2, d("0.25"), BUSINESS_DATE))));
        assertThat(generate(order, "100.00", freezes, Set.of(id))).isSameAs(Generated.SETTLED);
        // child 1 settled already: only child 2 and the parent are generated
        Generated generated = generate(order, "100.00", freezes, Set.of(id + "-M1"));
        assertThat(generated.children()).isEqualTo(1);
        assertThat(generated.details()).extracting(IncentiveDetail::detailId).containsExactly(id + "-M2", id);
        // 100.00 × 3% = 3.00; released 1.50, then 3.00 × 0.75 = 2.25: child 2 = 0.75, parent 3.00 − 2.25 = 0.75
        assertThat(generated.details()).extracting(IncentiveDetail::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(d("0.75"), d("0.75"));
    }

    @Test
    void aDetailIdIsStableForItsKeyAndMarksLateDetails() {
        String id = cash().detailId(PERIOD);
        assertThat(id).matches("D-202609-P1-[0-9a-f]{12}").isEqualTo(cash().detailId(PERIOD));
        DetailKey late = new DetailKey("P1", "C1", "REFERRAL", "hws.service.type.ecs", "", "CASH", "CNY", true);
        assertThat(late.detailId(PERIOD)).matches("D-202609-P1-[0-9a-f]{12}-L").isNotEqualTo(id + "-L");
        assertThat(key("CREDIT", "hws.service.type.ecs", "").detailId(PERIOD)).isNotEqualTo(id);
    }
}
