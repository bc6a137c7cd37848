package io.partnersettlement.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleWorkspaceGeneratorTest {

    @TempDir
    Path temp;

    @Test
    void theSampleIsTheSameByteForByteEveryTime() throws IOException {
        SampleWorkspaceGenerator.writeSampleWorkspace(temp.resolve("first"));
        SampleWorkspaceGenerator.writeSampleWorkspace(temp.resolve("second"));

        Map<String, byte[]> first = contents(temp.resolve("first"));
        Map<String, byte[]> second = contents(temp.resolve("second"));
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
        assertThat(first.keySet()).contains("README.md", "archive/.gitkeep", "rejects/.gitkeep", "out/.gitkeep",
                "reference/partners.csv", "reference/contracting-entities.csv", "reference/customers.csv",
                "reference/account-managers.csv", "reference/milestones.csv", "reference/credit-repayments.csv",
                "reference/fx-rates.csv", "reference/bill-types.csv", "inbox/consumption-20261001-20261010.csv.gz",
                "inbox/consumption-legacy-missing-column.csv");
    }

    @Test
    void theSampleHasEnoughPartnersCustomersAndRecords() throws IOException {
        Path workspace = temp.resolve("sample");
        SampleWorkspaceGenerator.writeSampleWorkspace(workspace);

        List<String[]> partners = Files.readAllLines(workspace.resolve("reference/partners.csv")).stream().skip(1)
                .map(line -> line.split(",")).toList();
        assertThat(partners).hasSizeGreaterThanOrEqualTo(10);
        assertThat(partners.stream().map(p -> p[2]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("STANDARD", "PREFERRED", "LEADING", "CORE");
        assertThat(partners.stream().map(p -> p[4]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("VOUCHER_QUOTA", "ACCOUNT", "ACCOUNT_INVOICE_OWED", "BANK_TRANSFER");

        Set<String> customers = Files.readAllLines(workspace.resolve("reference/customers.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).collect(Collectors.toSet());
        assertThat(customers).hasSizeGreaterThanOrEqualTo(200);

        long records = 0;
        try (Stream<Path> files = Files.list(workspace.resolve("inbox"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().contains("missing-column")).toList()) {
                records += dataLines(file);
            }
        }
        // data lines of the six deliveries: new records, repeats and the rejected lines
        assertThat(records).isGreaterThanOrEqualTo(20_000);

        byte[] withBom = Files.readAllBytes(workspace.resolve("inbox/consumption-20260911-20260920.csv"));
        assertThat(Arrays.copyOf(withBom, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String legacyHeader = Files.readAllLines(workspace.resolve("inbox/consumption-20260921-20260930.csv")).get(0);
        assertThat(legacyHeader).contains("record_id", "cycle", "remark").doesNotContain("bill_date");
    }

    @Test
    void theReferenceBillTypesAreTheClasspathDefault() throws IOException {
        Path workspace = temp.resolve("sample");
        SampleWorkspaceGenerator.writeSampleWorkspace(workspace);

        try (InputStream defaults = getClass().getResourceAsStream("/defaults/bill-types.csv")) {
            assertThat(defaults).as("classpath defaults/bill-types.csv").isNotNull();
            assertThat(new String(defaults.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(workspace.resolve("reference/bill-types.csv")));
        }
    }

    @Test
    void theBenchWritesExactlyTheRecordsAskedFor() throws IOException {
        // 250,000 records per file: one full file and one with a single record
        List<Path> files = SampleWorkspaceGenerator.writeBenchWorkspace(temp.resolve("bench"), 250_001);

        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactly("consumption-bench-0001.csv", "consumption-bench-0002.csv");
        long records = 0;
        for (Path file : files) {
            long lines = dataLines(file);
            assertThat(lines).isLessThanOrEqualTo(1_000_000);
            records += lines;
        }
        assertThat(records).isEqualTo(250_001);
        assertThat(Files.readAllLines(files.get(1)).get(0)).startsWith("id,customer_id,bill_date,trade_time,bill_cycle,");
        assertThat(temp.resolve("bench/reference/partners.csv")).exists();
    }

    @Test
    void theBenchIsTheSameForTheSameCount() throws IOException {
        List<Path> first = SampleWorkspaceGenerator.writeBenchWorkspace(temp.resolve("a"), 5_000);
        List<Path> second = SampleWorkspaceGenerator.writeBenchWorkspace(temp.resolve("b"), 5_000);

        assertThat(first).hasSize(1);
        assertThat(Files.readAllBytes(second.get(0))).isEqualTo(Files.readAllBytes(first.get(0)));
        assertThat(dataLines(first.get(0))).isEqualTo(5_000);
    }

    private static long dataLines(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] bytes = in.readAllBytes();
            long newlines = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    newlines++;
                }
            }
            return newlines - 1;
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return contents;
    }
}
