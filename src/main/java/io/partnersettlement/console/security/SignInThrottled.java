package io.partnersettlement.console.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because its user name failed too often from this address: it must wait. */
public class SignInThrottled extends AuthenticationException {

    private final Duration wait;

    public SignInThrottled(Duration wait) {
        super("too many failed sign-ins: try again in " + Math.max(1, (wait.toMillis() + 999) / 1000) + " s");
        this.wait = wait;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
