package io.partnersettlement.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.partnersettlement.support.TestDatabase;

/**
 * The sign-in throttle counts in the database: two console processes on one database (two throttles here) count the
 * same guesses, a success on either forgets them, and a day without a failure forgets them too.
 */
class SignInThrottleTest {

    private static JdbcTemplate migrated(String url) {
        DriverManagerDataSource dataSource = url == null
                ? new DriverManagerDataSource("jdbc:h2:mem:throttle-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    @Test
    void theWaitDoublesWithEachFailurePastTheLimitUpToTheLongest() {
        SignInThrottle throttle = new SignInThrottle(null, 5, Duration.ofSeconds(30), Duration.ofMinutes(15));
        // the 5th failure: 30 s; then 60, 120, 240, 480, and 960 capped at 900
        assertThat(throttle.waitAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.waitAfter(9)).isEqualTo(Duration.ofSeconds(480));
        assertThat(throttle.waitAfter(10)).isEqualTo(Duration.ofSeconds(900));
        assertThat(throttle.waitAfter(40)).isEqualTo(Duration.ofSeconds(900));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoConsolesOnOneDatabaseCountTheSameGuesses(TestDatabase database) {
        String url = database.freshUrl();
        try {
            JdbcTemplate jdbc = migrated(url);
            SignInThrottle first = new SignInThrottle(jdbc, 5, Duration.ofSeconds(30), Duration.ofMinutes(15));
            SignInThrottle second = new SignInThrottle(jdbc, 5, Duration.ofSeconds(30), Duration.ofMinutes(15));
            for (int i = 0; i < 4; i++) {
                first.failed("guessed", "10.0.0.7");
            }
            assertThat(second.waitFor("guessed", "10.0.0.7")).as("four failures: no wait yet").isZero();
            // the fifth, sent to the other console, in another case and with spaces: the same user
            second.failed(" Guessed", "10.0.0.7");
            assertThat(first.waitFor("guessed", "10.0.0.7")).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
            first.failed("guessed", "10.0.0.7");
            assertThat(second.waitFor("GUESSED", "10.0.0.7")).as("the sixth: twice as long")
                    .isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
            assertThat(first.waitFor("guessed", "10.0.0.8")).as("another address").isZero();
            assertThat(first.waitFor("other", "10.0.0.7")).as("another user").isZero();

            second.succeeded("guessed", "10.0.0.7");
            assertThat(first.waitFor("guessed", "10.0.0.7")).as("a success forgets the failures").isZero();

            // failures a day old are forgotten by the next failure of anyone
            jdbc.update("""
                    INSERT INTO console_sign_in_failure (user_key, address, failures, last_failure, wait_until)
                    VALUES ('old', '10.0.0.9', 9, CURRENT_TIMESTAMP - INTERVAL '2' DAY, CURRENT_TIMESTAMP + INTERVAL '1' HOUR)""");
            assertThat(first.waitFor("old", "10.0.0.9")).isPositive();
            first.failed("someone", "10.0.0.1");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_sign_in_failure WHERE user_key = 'old'",
                    Integer.class)).isZero();
            // a user name longer than the column: kept by its first 200 characters
            first.failed("x".repeat(5_000), "10.0.0.1");
            assertThat(jdbc.queryForObject("SELECT failures FROM console_sign_in_failure WHERE user_key = ?",
                    Integer.class, "x".repeat(200))).isEqualTo(1);
        } finally {
            TestDatabase.dropIfPostgres(url);
        }
    }
}
