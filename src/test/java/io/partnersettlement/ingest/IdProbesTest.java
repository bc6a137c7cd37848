package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.workspace.Workspace;

/**
 * The check's lookups split over connections of their own answer exactly what one lookup on the caller's connection
 * answers: the same ids found, with their fingerprints and lines, none invented for hashes the index does not hold.
 */
class IdProbesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lookupsSideBySideFindWhatOneLookupFinds(TestDatabase database) throws Exception {
        String url = database.freshUrl();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null ? "jdbc:h2:" + dir.resolve("probes").toAbsolutePath() : url);
        config.setMaximumPoolSize(2);
        try (HikariDataSource engine = new HikariDataSource(config)) {
            Flyway.configure().dataSource(engine).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(engine);
            Files.createDirectories(dir.resolve("ws/reference"));
            // 5,000 ids indexed as a night's, lines 2 to 5,001 of file 1,000,000
            IdHistoryLoader.write(jdbc, new Workspace(dir.resolve("ws")), "CNY", 1_000_000, 5_000, i -> "HX" + i);
            // 3,000 hashes: 1,500 of those ids (every third from the first), 1,500 of no id
            SplittableRandom random = new SplittableRandom(3);
            long[] hashes = LongStream.concat(
                    LongStream.range(0, 1_500).map(i -> RecordIdIndex.hash("HX" + i * 3)),
                    random.longs(1_500)).toArray();
            try (IdProbes probes = IdProbes.open(jdbc, 4)) {
                assertThat(probes.ways()).as("four connections on PostgreSQL; the caller's alone on H2")
                        .isEqualTo(database == TestDatabase.POSTGRESQL ? 4 : 1);
                Map<Long, List<IdLedger.Candidate>> sideBySide = probes.probe(hashes);
                assertThat(sideBySide).isEqualTo(IdLedger.probe(jdbc, hashes)).hasSize(1_500);
                // HX300: i = 100, line 300 + 2; its fingerprint is the loader's, the hash's complement
                long hash = RecordIdIndex.hash("HX300");
                assertThat(sideBySide.get(hash)).containsExactly(new IdLedger.Candidate(~hash, 1_000_000, 302));
            }
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}
