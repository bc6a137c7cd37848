package io.partnersettlement.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.partnersettlement.reference.ReferenceModel.AssociationType;
import io.partnersettlement.reference.ReferenceModel.CustomerAssociation;
import io.partnersettlement.reference.ReferenceModel.ManagerAssignment;
import io.partnersettlement.support.TestWorkspace;

class ReferenceRulesTest {

    @TempDir
    Path dir;

    static CustomerAssociation association(String partner, String from, String until) {
        return new CustomerAssociation("C", null, partner, AssociationType.REFERRAL, LocalDate.parse(from),
                until == null ? null : LocalDate.parse(until), null, 1);
    }

    final PartnerSwitchCoolingOff coolingOff = new PartnerSwitchCoolingOff(LocalDate.parse("2026-01-01"), 6);

    @Test
    void aSwitchToAnotherPartnerCoolsOffSixMonthsWithMonthEndsClamped() {
        var result = coolingOff.apply(List.of(association("P1", "2025-01-01", "2026-03-31"),
                association("P2", "2026-03-31", null)));
        // 03-31 + 6 months = 09-30 (September has no 31st)
        assertThat(result.get(1).coolingOffUntil()).isEqualTo(LocalDate.parse("2026-09-30"));
        assertThat(result.get(0).coolingOffUntil()).isNull();
    }

    @Test
    void aFirstAssociationAReturnToTheSamePartnerAndAnEarlySwitchDoNotCoolOff() {
        assertThat(coolingOff.apply(List.of(association("P1", "2026-05-01", null))).get(0).coolingOffUntil()).isNull();
        assertThat(coolingOff.apply(List.of(association("P1", "2026-01-01", "2026-02-01"),
                association("P1", "2026-03-01", null))).get(1).coolingOffUntil()).isNull();
        // a switch before the policy's start date
        assertThat(coolingOff.apply(List.of(association("P1", "2025-01-01", "2025-12-31"),
                association("P2", "2025-12-31", null))).get(1).coolingOffUntil()).isNull();
    }

    @Test
    void aManagerCountsFromTheDayAfterTheAssignment() {
        var ranges = AccountManagerTimeline.effectiveRanges(List.of(
                new ManagerAssignment("C", "M1", null, LocalDate.parse("2025-06-01"), null, null, 2),
                new ManagerAssignment("C", "M2", null, LocalDate.parse("2026-09-14"), null, null, 3)));
        // M1 from 2025-06-02 until (excluded) 2026-09-15; M2 from 2026-09-15 on
        assertThat(ranges.get(0).effectiveFrom()).isEqualTo(LocalDate.parse("2025-06-02"));
        assertThat(ranges.get(0).effectiveUntil()).isEqualTo(LocalDate.parse("2026-09-15"));
        assertThat(ranges.get(1).effectiveFrom()).isEqualTo(LocalDate.parse("2026-09-15"));
        assertThat(ranges.get(1).effectiveUntil()).isNull();
    }

    @Test
    void overlappingAssociationsAndBadValuesAreNamedWithFileAndLine() {
        new TestWorkspace(dir)
                .partner("P1", "CORE", "ACCOUNT")
                .partner("P2", "GOLD", "ACCOUNT")
                .customer("C1", "P1", "REFERRAL", "2026-01-01", "2026-06-01")
                .customer("C1", "P1", "RESALE", "2026-05-01", "")
                .customer("C2", "P9", "3", "2026-01-01", "")
                // P2's own row is wrong (tier GOLD): its customer is not also reported as one of an unknown partner
                .customer("C3", "P2", "REFERRAL", "2026-01-01", "")
                .writeReference();
        var loader = new ReferenceDataLoader(coolingOff, List.of());
        assertThatThrownBy(() -> loader.load(dir.resolve("reference")))
                .isInstanceOf(ReferenceDataException.class)
                .satisfies(e -> assertThat(((ReferenceDataException) e).problems()).containsExactly(
                        "reference/partners.csv line 3: tier 'GOLD' is not one of [STANDARD, PREFERRED, LEADING, CORE]",
                        "reference/customers.csv line 4: association_type '3' is not 1/REFERRAL or 2/RESALE",
                        "reference/customers.csv line 4: partner P9 is not in partners.csv",
                        "reference/customers.csv line 3: association of C1 with P1 from 2026-05-01 overlaps line 2 "
                                + "(with P1 from 2026-01-01 until 2026-06-01)"));
    }

    @Test
    void contractingEntitiesAreOptionalAndTheirBadRowsAreNamed() {
        TestWorkspace ws = new TestWorkspace(dir).partner("P1", "CORE", "ACCOUNT").writeReference();
        var loader = new ReferenceDataLoader(coolingOff, List.of());
        assertThat(loader.load(dir.resolve("reference")).contractingEntities()).isEmpty();
        ws.contractingEntities("E1,Commercial invoice,Somewhere 1,ap@e1.example,No VAT",
                "E2,,Somewhere 2,not-a-mailbox,",
                "E1,VAT special invoice,Somewhere 3,ap@e1.example,");
        assertThatThrownBy(() -> loader.load(dir.resolve("reference")))
                .satisfies(e -> assertThat(((ReferenceDataException) e).problems()).containsExactly(
                        "reference/contracting-entities.csv line 3: invoice_type is empty",
                        "reference/contracting-entities.csv line 3: public_mailbox 'not-a-mailbox' is not a mail address",
                        "reference/contracting-entities.csv line 4: contracting entity E1 is listed twice (also line 2)"));
    }
}
