package io.partnersettlement.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.partnersettlement.performance.ConsumptionClassifier.Association;
import io.partnersettlement.performance.ConsumptionClassifier.Classification;
import io.partnersettlement.performance.ConsumptionClassifier.ManagerPeriod;
import io.partnersettlement.performance.ConsumptionClassifier.Outcome;

/** Classification, attribution, cooling-off and account managers, from values only: no database. */
class ConsumptionClassifierTest {

    private static final String ECS = "hws.service.type.ecs";
    private static final String CARD = "hws.service.type.storedvaluecard";

    private static LocalDate day(String s) {
        return LocalDate.parse(s);
    }

    /**
     * C1: with P1 on [2025-06-01, 2026-03-31), then with P2 from 2026-03-31, cooling off until 2026-09-30 (03-31 + 6
     * months, clamped). Manager M1 from 2026-01-01 until 2026-07-01.
     */
    private final ConsumptionClassifier classifier = new ConsumptionClassifier(
            Map.of("5", "CONSUMPTION", "4", "REFUND", "9", "EXCLUDED"), Set.of(CARD),
            Map.of("C1", List.of(new Association("P1", "REFERRAL", day("2025-06-01"), day("2026-03-31"), null),
                    new Association("P2", "RESALE", day("2026-03-31"), null, day("2026-09-30")))),
            Map.of("C1", List.of(new ManagerPeriod("M1", day("2026-01-01"), day("2026-07-01")))));

    private Classification classify(String date, String billType, String service) {
        return classifier.classify("C1", day(date), billType, service);
    }

    @Test
    void attributionFollowsTheAssociationOnTheBillDate() {
        Classification c = classify("2026-03-30", "5", ECS);
        assertThat(c.outcome()).isEqualTo(Outcome.ATTRIBUTED);
        assertThat(c.partnerId()).isEqualTo("P1");
        assertThat(c.associationType()).isEqualTo("REFERRAL");
        assertThat(c.counts()).isTrue();
        assertThat(c.refund()).isFalse();
        // before the first association: nobody's
        assertThat(classify("2025-05-31", "5", ECS).outcome()).isEqualTo(Outcome.UNATTRIBUTED);
        assertThat(classifier.classify("C9", day("2026-03-30"), "5", ECS).outcome()).isEqualTo(Outcome.UNATTRIBUTED);
    }

    @Test
    void aSwitchedCustomerCoolsOffUntilTheDayBeforeTheEnd() {
        // the switch day and the last day before cooling_off_until: COOLING_OFF for P2
        assertThat(classify("2026-03-31", "5", ECS).outcome()).isEqualTo(Outcome.COOLING_OFF);
        assertThat(classify("2026-03-31", "5", ECS).partnerId()).isEqualTo("P2");
        assertThat(classify("2026-09-29", "5", ECS).outcome()).isEqualTo(Outcome.COOLING_OFF);
        // from 2026-09-30 P2 earns
        assertThat(classify("2026-09-30", "5", ECS).outcome()).isEqualTo(Outcome.ATTRIBUTED);
    }

    @Test
    void billTypesDecideFirst() {
        assertThat(classify("2026-03-01", "4", ECS).refund()).isTrue();
        assertThat(classify("2026-03-01", "4", ECS).outcome()).isEqualTo(Outcome.ATTRIBUTED);
        Classification excluded = classify("2026-03-01", "9", ECS);
        assertThat(excluded.outcome()).isEqualTo(Outcome.EXCLUDED);
        assertThat(excluded.partnerId()).isNull();
        Classification unknown = classify("2026-03-01", "77", ECS);
        assertThat(unknown.outcome()).isEqualTo(Outcome.UNCLASSIFIED);
        assertThat(unknown.billClass()).isEqualTo("UNCLASSIFIED");
        // buying a stored-value card is attributed but earns nothing
        assertThat(classify("2026-03-01", "5", CARD).outcome()).isEqualTo(Outcome.STORED_VALUE_CARD);
    }

    @Test
    void theManagerInEffectOnTheBillDateWhateverTheOutcome() {
        assertThat(classify("2025-12-31", "5", ECS).managerId()).isEqualTo(ConsumptionClassifier.UNASSIGNED);
        assertThat(classify("2026-01-01", "5", ECS).managerId()).isEqualTo("M1");
        assertThat(classify("2026-06-30", "77", ECS).managerId()).isEqualTo("M1");
        assertThat(classify("2026-07-01", "5", ECS).managerId()).isEqualTo(ConsumptionClassifier.UNASSIGNED);
    }

    @Test
    void aRecordIsLateWhenItsFileCameAfterItsPeriodClosedForThePartner() {
        // P1's periods up to 2026-09 closed once files up to 40 were in
        PeriodCloses closes = new PeriodCloses(Map.of("P1", List.of(new PeriodCloses.Close("2026-09", 40))));
        assertThat(closes.late("P1", "2026-09", 41)).isTrue();
        assertThat(closes.late("P1", "2026-08", 41)).isTrue();
        assertThat(closes.late("P1", "2026-09", 40)).isFalse();
        assertThat(closes.late("P1", "2026-10", 41)).isFalse();
        assertThat(closes.late("P2", "2026-09", 41)).isFalse();
    }
}
