package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * The filter of the id ledger's hashes that spares the database the probes of new ids: it answers "maybe" for every
 * hash of the index, night after night (added by generation), also once its file is lost (built again); a filter made
 * for another database is built again rather than trusted, so a repeat of that database's ids is still found; and with
 * no filter at all ({@code settlement.id-filter-mib=0}) a night finds the same repeats and duplicates.
 */
class IdFilterTest {

    @TempDir
    Path dir;

    private static Path filterOf(TestWorkspace ws) {
        return ws.root().resolve("db").resolve(IdFilter.FILE);
    }

    /** Every hash of the index (and of its table of shared hashes) is one the filter may hold. */
    private static void assertHoldsTheIndex(Engine engine, TestWorkspace ws) throws Exception {
        List<Long> hashes = new ArrayList<>(engine.jdbc().queryForList("SELECT id_hash FROM id_ledger", Long.class));
        hashes.addAll(engine.jdbc().queryForList("SELECT id_hash FROM id_ledger_shared_hash", Long.class));
        try (IdFilter filter = IdFilter.synced(engine.jdbc(), filterOf(ws), IdFilter.log2Bits(1))) {
            assertThat(hashes).isNotEmpty().allMatch(filter::mayHold);
            // hashes of no id: 43,002 ids in the 1 MiB's 16,384 blocks, 2.6 a block, set about 3.5 % of a block's bits,
            // so a random hash passes all seven of its bits about once in 10^10 — of 100,000, none (under 100 at any odds)
            SplittableRandom random = new SplittableRandom(7);
            long passed = random.longs(100_000).filter(filter::mayHold).count();
            assertThat(passed).isLessThan(100);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theFilterHoldsEveryIndexedHashNightAfterNightAndIsBuiltAgainWhenLost(TestDatabase database) throws Exception {
        String url = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "nights");
        Map<String, Object> oneMib = Map.of("settlement.chunk-size", 500, "settlement.id-filter-mib", 1);
        try (Engine engine = new Engine(ws.root(), url, oneMib)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(Files.exists(filterOf(ws))).as("the first night's indexing puts its ids in the filter").isTrue();
            IdLedgerNightsTest.secondNight(ws);
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IdLedgerNightsTest.assertSecondNight(engine);
            assertThat(IdFilter.latest(engine.jdbc()).number()).as("an indexing a night").isEqualTo(2);
            assertThat(engine.count("SELECT COUNT(*) FROM ingested_id_block WHERE indexed_generation = 2"))
                    .as("the second night's blocks carry its generation").isPositive();
            assertHoldsTheIndex(engine, ws);

            // the file lost: the third night builds it again from every indexed block and finds both nights' ids
            Files.delete(filterOf(ws));
            ws.write("inbox/n3.csv", TestWorkspace.CURRENT_HEADER, List.of(
                    TestWorkspace.usage("a7", "C1", IdLedgerNightsTest.day(7), IdLedgerNightsTest.cash(7)),
                    TestWorkspace.usage("b12345", "C1", IdLedgerNightsTest.day(12_345), IdLedgerNightsTest.cash(12_345)),
                    TestWorkspace.usage("b12346", "C1", "2026-09-04", "9.99"),
                    TestWorkspace.usage("d1", "C1", "2026-09-04", "1.00")));
            assertThat(engine.nightly("2026-11-04").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.count("SELECT repeats FROM ingest_file WHERE file_name = 'n3.csv'")).isEqualTo(2);
            assertThat(engine.count("SELECT records_ingested FROM ingest_file WHERE file_name = 'n3.csv'")).isEqualTo(1);
            assertThat(engine.jdbc().queryForList("""
                    SELECT r.message FROM rejected_line r JOIN ingest_file f ON f.file_id = r.file_id
                     WHERE f.file_name = 'n3.csv'""", String.class)).containsExactly(
                    // b12346: n2a.csv line 2 + 12,346 + 7 repeats before it (a0 … a600) + the changed a5 = 12,356
                    "id b12346 was already ingested with different content (n2a.csv line 12356)");
            assertHoldsTheIndex(engine, ws);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFilterMadeForAnotherDatabaseIsBuiltAgainNotTrusted(TestDatabase database) throws Exception {
        String first = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "two-databases");
        // the other database is another workspace's: its nights are indexed there, into that workspace's filter
        TestWorkspace other = IdLedgerNightsTest.firstNight(dir, "other");
        String second = database == TestDatabase.H2
                ? new io.partnersettlement.workspace.Workspace(other.root()).h2Url() : database.freshUrl();
        try {
            try (Engine engine = new Engine(ws.root(), first)) {
                assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                ws.write("inbox/n2.csv", TestWorkspace.CURRENT_HEADER,
                        List.of(TestWorkspace.usage("e1", "C1", "2026-09-05", "1.00")));
                assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(IdFilter.latest(engine.jdbc()).number()).isEqualTo(2);
            }
            try (Engine engine = new Engine(other.root(), second)) {
                assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    lines.add(TestWorkspace.usage("z" + i, "C1", "2026-09-06", "3.00"));
                }
                other.write("inbox/z1.csv", TestWorkspace.CURRENT_HEADER, lines);
                assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(IdFilter.latest(engine.jdbc()).number()).as("n1.csv's night, then z1.csv's").isEqualTo(2);
            }
            // the first workspace on the other database: its filter covers a generation 2 of the first database's
            try (Engine engine = new Engine(ws.root(), second)) {
                // z5 as it was (a repeat) and z7 with other content (a duplicate): a filter of the first database's
                // ids would have let both through as new
                ws.write("inbox/z2.csv", TestWorkspace.CURRENT_HEADER, List.of(
                        TestWorkspace.usage("z5", "C1", "2026-09-06", "3.00"),
                        TestWorkspace.usage("z7", "C1", "2026-09-06", "4.00")));
                assertThat(engine.nightly("2026-11-04").getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(engine.count("SELECT repeats FROM ingest_file WHERE file_name = 'z2.csv'")).isEqualTo(1);
                assertThat(engine.count("SELECT records_ingested FROM ingest_file WHERE file_name = 'z2.csv'")).isZero();
                assertThat(engine.jdbc().queryForList("SELECT reason FROM rejected_line r JOIN ingest_file f"
                        + " ON f.file_id = r.file_id WHERE f.file_name = 'z2.csv'", String.class))
                        .containsExactly("DUPLICATE_ID");
                assertHoldsTheIndex(engine, ws);
            }
        } finally {
            TestDatabase.dropIfPostgres(first);
            TestDatabase.dropIfPostgres(second);
        }
    }

    @org.junit.jupiter.api.Test
    void aFilterIsSizedForTheLedgersIdsFromOneMibUpToItsLargest() {
        int largest = IdFilter.log2Bits(512);
        assertThat(largest).as("512 MiB = 2^32 bits").isEqualTo(32);
        assertThat(IdFilter.sized(0, largest)).as("an empty ledger: 1 MiB").isEqualTo(23);
        // 10M ids × 32 bits = 320M bits: the next power of two, 2^29 bits = 64 MiB
        assertThat(IdFilter.sized(10_000_000, largest)).isEqualTo(29);
        // 300M × 32 = 9.6G bits: more than the largest, 2^32
        assertThat(IdFilter.sized(300_000_000, largest)).isEqualTo(32);
        assertThat(IdFilter.sized(10_000_000, IdFilter.log2Bits(1))).isEqualTo(23);
    }

    /**
     * What the filter lets through, against the model of a blocked Bloom filter of seven bits a hash: at 16 bits an id
     * (the fill at which it is built again twice as large) a block holds on average 512 / 16 = 32 ids, Poisson
     * distributed; a block of n ids has 1 − (1 − 1/512)^(7n) of its bits set, and a hash of no id passes when its seven
     * bits are all set: summed over n, 0.099 % of new ids (two bits a hash, as the filter had before: 1.42 %).
     */
    @org.junit.jupiter.api.Test
    void atSixteenBitsAnIdTheFilterLetsThroughAboutOneNewIdInAThousand() throws Exception {
        String url = TestDatabase.H2.freshUrl();
        TestWorkspace ws = new TestWorkspace(dir.resolve("fill")).partner("P1", "CORE", "BANK_TRANSFER").writeReference();
        try (Engine engine = new Engine(ws.root(), url);
                IdFilter filter = IdFilter.synced(engine.jdbc(), dir.resolve("fill.bits"), IdFilter.log2Bits(1))) {
            // 1 MiB = 8,388,608 bits; at 16 bits an id: 524,288 ids
            SplittableRandom random = new SplittableRandom(11);
            long[] ids = random.longs(524_288).toArray();
            for (long id : ids) {
                filter.add(id);
            }
            assertThat(filter.mayHold(ids)).as("never \"no\" for a hash it holds").hasSize(ids.length);
            // 1,000,000 hashes of no id: about 990 pass (0.099 %); two bits a hash would let about 14,200 through
            long passed = random.longs(1_000_000).filter(filter::mayHold).count();
            assertThat(passed).isBetween(800L, 1_200L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withNoFilterEveryIdIsProbedToTheSameRepeatsAndDuplicates(TestDatabase database) {
        String url = database.freshUrl();
        TestWorkspace ws = IdLedgerNightsTest.firstNight(dir, "unfiltered");
        try (Engine engine = new Engine(ws.root(), url,
                Map.of("settlement.chunk-size", 500, "settlement.id-filter-mib", 0))) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IdLedgerNightsTest.secondNight(ws);
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            IdLedgerNightsTest.assertSecondNight(engine);
            assertThat(Files.exists(filterOf(ws))).isFalse();
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}
