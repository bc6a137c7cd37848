package io.partnersettlement.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detail computation's temporary slice files: values back exactly as written, and no folder left behind. */
class DetailSlicesTest {

    @Test
    void rowsComeBackExactlyAsTheyWereWrittenSliceBySlice() {
        List<String> read = new ArrayList<>();
        try (DetailSlices slices = new DetailSlices("test", 5)) {
            // amounts keep their scale and sign, whatever their size; nulls stay null
            slices.add(3, "D-202609-P1-abc", new BigDecimal("-0.00000001"), 7, 12_345_678_901L, true);
            slices.add(3, "中文 ✓", new BigDecimal("123456789012345678901234567890.12345678"), null, 0L, false);
            slices.add(200, null, new BigDecimal("5.10"), -1, -1L, null);
            assertThat(slices.rows(3)).isEqualTo(2);
            assertThat(slices.rows(4)).isZero();
            for (int slice : new int[] {3, 4, 200}) {
                slices.read(slice, row -> read.add(slice + " " + Arrays.toString(row)));
            }
        }
        assertThat(read).containsExactly(
                "3 [D-202609-P1-abc, -1E-8, 7, 12345678901, true]",
                "3 [中文 ✓, 123456789012345678901234567890.12345678, null, 0, false]",
                "200 [null, 5.10, -1, -1, null]");
    }

    @Test
    void aDetailsSliceIsThatOfItsChildrenAndOfItsLedgerRow() {
        // a function of customer, service type and order only: a child (same key) and the ledger's row fall together
        int slice = DetailSlices.of("C00017", "hws.service.type.ecs", "CB260925000000000042");
        assertThat(DetailSlices.of("C00017", "hws.service.type.ecs", "CB260925000000000042")).isEqualTo(slice);
        assertThat(slice).isBetween(0, DetailSlices.SLICES - 1);
        // the keys of a month spread over the slices
        boolean[] used = new boolean[DetailSlices.SLICES];
        for (int i = 0; i < 100_000; i++) {
            used[DetailSlices.of("C" + i % 230, "hws.service.type.ecs", "CB" + i)] = true;
        }
        for (boolean each : used) {
            assertThat(each).isTrue();
        }
    }

    @Test
    void theFoldersOfAProcessThatIsGoneAreDeletedThoseOfARunningOneKept(@TempDir Path temporary) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path left = Files.createDirectories(temporary.resolve("settlement-slices-" + gone.pid() + "-details-1"));
        Files.writeString(left.resolve("7"), "rows");
        Path running = Files.createDirectories(
                temporary.resolve("settlement-slices-" + ProcessHandle.current().pid() + "-ledger-2"));
        Path other = Files.createDirectories(temporary.resolve("settlement-other-1"));
        io.partnersettlement.workbook.TemporaryFolders.deleteLeftBehind(temporary);
        assertThat(left).doesNotExist();
        assertThat(running).exists();
        assertThat(other).exists();
    }

    @Test
    void closingDeletesTheFiles() {
        Path folder;
        try (DetailSlices slices = new DetailSlices("test", 1)) {
            slices.add(0, "x");
            folder = slices.folder();
            assertThat(folder).isDirectory();
        }
        assertThat(folder).doesNotExist();
    }
}
