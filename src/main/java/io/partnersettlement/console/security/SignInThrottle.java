package io.partnersettlement.console.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after {@code failures} failed sign-ins of one user name from one address, that pair
 * must wait before its next try — the wait doubles with each further failure, up to a maximum — and a try during the
 * wait is refused without the password being looked at. A successful sign-in forgets the pair's failures.
 */
public class SignInThrottle {

    private final int failures;
    private final Duration firstWait;
    private final Duration maxWait;
    private final LongSupplier nanoClock;
    private final Map<String, Failures> byUserAndAddress = new ConcurrentHashMap<>();

    private record Failures(int count, long waitUntilNanos) {
    }

    public SignInThrottle(int failures, Duration firstWait, Duration maxWait, LongSupplier nanoClock) {
        this.failures = Math.max(1, failures);
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.nanoClock = nanoClock;
    }

    /** How long the pair must still wait before it may try again; zero when it may try now. */
    public Duration waitFor(String user, String address) {
        Failures f = byUserAndAddress.get(key(user, address));
        if (f == null) {
            return Duration.ZERO;
        }
        long left = f.waitUntilNanos() - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    public void failed(String user, String address) {
        long now = nanoClock.getAsLong();
        byUserAndAddress.compute(key(user, address), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            if (count < failures) {
                return new Failures(count, now);
            }
            long wait = firstWait.toNanos();
            for (int i = failures; i < count && wait < maxWait.toNanos(); i++) {
                wait *= 2;
            }
            return new Failures(count, now + Math.min(wait, maxWait.toNanos()));
        });
    }

    public void succeeded(String user, String address) {
        byUserAndAddress.remove(key(user, address));
    }

    private static String key(String user, String address) {
        return (user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT)) + "\u0000" + address;
    }
}
