package io.partnersettlement.console.security;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slows down password guessing: after {@code failures} failed sign-ins of one user name from one address, that pair
 * must wait before its next try — the wait doubles with each further failure, up to a maximum — and a try during the
 * wait is refused without the password being looked at. A successful sign-in forgets the pair's failures, and so does
 * a day without one. The failures are kept in the database ({@code console_sign_in_failure}), timed by its clock, so
 * that every console process on it counts the same guesses: two consoles behind a balancer give a guesser no more
 * tries than one.
 */
public class SignInThrottle {

    private static final int USER_KEY_LENGTH = 200;
    private static final int ADDRESS_LENGTH = 100;

    private final JdbcTemplate jdbc;
    private final int failures;
    private final Duration firstWait;
    private final Duration maxWait;

    public SignInThrottle(JdbcTemplate jdbc, int failures, Duration firstWait, Duration maxWait) {
        this.jdbc = jdbc;
        this.failures = Math.max(1, failures);
        this.firstWait = firstWait;
        this.maxWait = maxWait;
    }

    /** What the database holds of a pair: whether it has failed since its last success, and how long it must wait. */
    record Failures(boolean recorded, Duration left) {
    }

    /** Whether the pair has failures on record, and how long it must still wait (zero when it may try now). */
    public Failures failures(String user, String address) {
        List<Duration> left = jdbc.query("""
                SELECT wait_until, CURRENT_TIMESTAMP FROM console_sign_in_failure WHERE user_key = ? AND address = ?""",
                (rs, n) -> Duration.between(rs.getObject(2, OffsetDateTime.class), rs.getObject(1, OffsetDateTime.class)),
                userKey(user), address(address));
        return left.isEmpty() ? new Failures(false, Duration.ZERO)
                : new Failures(true, left.get(0).isNegative() ? Duration.ZERO : left.get(0));
    }

    /** How long the pair must still wait before it may try again; zero when it may try now. */
    public Duration waitFor(String user, String address) {
        return failures(user, address).left();
    }

    /** Counts a failed sign-in of the pair, and sets its wait once it has failed {@code failures} times. */
    public void failed(String user, String address) {
        String key = userKey(user);
        String from = address(address);
        // every console counts: the count goes up in the database, a first failure inserted (or counted, when
        // another console inserted it first)
        if (countFailure(key, from) == 0) {
            try {
                jdbc.update("""
                        INSERT INTO console_sign_in_failure (user_key, address, failures, last_failure, wait_until)
                        VALUES (?, ?, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""", key, from);
            } catch (DuplicateKeyException counted) {
                countFailure(key, from);
            }
        }
        List<Integer> count = jdbc.queryForList(
                "SELECT failures FROM console_sign_in_failure WHERE user_key = ? AND address = ?", Integer.class, key, from);
        if (!count.isEmpty() && count.get(0) >= failures) {
            jdbc.update("""
                    UPDATE console_sign_in_failure SET wait_until = CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND
                     WHERE user_key = ? AND address = ?""", waitAfter(count.get(0)).toMillis(), key, from);
        }
        jdbc.update("DELETE FROM console_sign_in_failure WHERE last_failure < CURRENT_TIMESTAMP - INTERVAL '1' DAY");
    }

    private int countFailure(String key, String from) {
        return jdbc.update("""
                UPDATE console_sign_in_failure SET failures = failures + 1, last_failure = CURRENT_TIMESTAMP
                 WHERE user_key = ? AND address = ?""", key, from);
    }

    /** The wait after the {@code count}th failure: the first wait, doubled for each failure past the limit, capped. */
    Duration waitAfter(int count) {
        long wait = firstWait.toNanos();
        for (int i = failures; i < count && wait < maxWait.toNanos(); i++) {
            wait *= 2;
        }
        return Duration.ofNanos(Math.min(wait, maxWait.toNanos()));
    }

    public void succeeded(String user, String address) {
        jdbc.update("DELETE FROM console_sign_in_failure WHERE user_key = ? AND address = ?", userKey(user),
                address(address));
    }

    private static String userKey(String user) {
        String key = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
        return key.length() > USER_KEY_LENGTH ? key.substring(0, USER_KEY_LENGTH) : key;
    }

    private static String address(String address) {
        String a = address == null ? "" : address;
        return a.length() > ADDRESS_LENGTH ? a.substring(0, ADDRESS_LENGTH) : a;
    }
}
