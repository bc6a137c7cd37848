package io.partnersettlement.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a period's refresh state compares: the digest of the classification inputs, a set of files, the plan's mode. */
class RefreshDigestsTest {

    static long digest(Object[]... rows) {
        RowDigest digest = new RowDigest();
        for (Object[] row : rows) {
            digest.add((String) row[0], Arrays.copyOfRange(row, 1, row.length));
        }
        return digest.value();
    }

    @Test
    void rowsInAnyOrderGiveOneDigestAndAnyChangeAnother() {
        Object[] a = {"customer_association", "C1", "P1", "REFERRAL", LocalDate.parse("2025-01-01"), null, null};
        Object[] b = {"customer_association", "C2", "P2", "RESALE", LocalDate.parse("2025-01-01"), null, null};
        Object[] c = {"bill_type", "5", "CONSUMPTION"};
        long digest = digest(a, b, c);
        assertThat(digest(c, b, a)).isEqualTo(digest);
        // a date set, a row less, a row twice, the same fields in another table, fields moved between columns
        assertThat(digest(a, c, new Object[] {"customer_association", "C2", "P2", "RESALE",
                LocalDate.parse("2025-01-01"), LocalDate.parse("2026-09-16"), null})).isNotEqualTo(digest);
        assertThat(digest(a, b)).isNotEqualTo(digest);
        assertThat(digest(a, b, c, c)).isNotEqualTo(digest);
        assertThat(digest(a, b, new Object[] {"stored_value_card_service", "5", "CONSUMPTION"})).isNotEqualTo(digest);
        assertThat(digest(a, b, new Object[] {"bill_type", "5C", "ONSUMPTION"})).isNotEqualTo(digest);
        assertThat(digest()).isNotEqualTo(digest(new Object[] {"bill_type"}));
    }

    @Test
    void theCodeThatClassifiesIsPartOfTheInputs() {
        assertThat(RowDigest.ofClasses(ConsumptionClassifier.class))
                .isEqualTo(RowDigest.ofClasses(ConsumptionClassifier.class))
                .isNotEqualTo(RowDigest.ofClasses(PerformanceRule.class));
    }

    @Test
    void aSetOfFilesIsTheSumOfItsParts() {
        FileSet earlier = FileSet.of(List.of(3L, 1L, 2L));
        assertThat(earlier.plus(FileSet.of(List.of(4L)))).isEqualTo(FileSet.of(List.of(1L, 2L, 3L, 4L)));
        assertThat(FileSet.of(List.of(1L, 2L))).isNotEqualTo(FileSet.of(List.of(1L, 3L)));
        assertThat(FileSet.of(List.of())).isEqualTo(FileSet.NONE);
        assertThat(FileSet.parse(earlier.text())).isEqualTo(earlier);
    }

    @Test
    void aPlannedModeReadsBackAsPlanned() {
        RefreshMode incremental = RefreshMode.incremental(-42, FileSet.of(List.of(7L, 8L)));
        assertThat(RefreshMode.parse(incremental.text())).isEqualTo(incremental);
        RefreshMode full = RefreshMode.full("the classification inputs changed");
        assertThat(RefreshMode.parse(full.text())).isEqualTo(full);
        // a plan kept by an engine before refreshes could be incremental rebuilds
        assertThat(RefreshMode.parse(null).incremental()).isFalse();
    }
}
