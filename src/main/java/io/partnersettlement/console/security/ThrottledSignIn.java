package io.partnersettlement.console.security;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Checks a user name and password against the BCrypt hash, unless the throttle says the pair must wait. */
class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(DaoAuthenticationProvider passwords, SignInThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
        try {
            SignInThrottle.Failures failures = throttle.failures(user, address);
            if (!failures.left().isZero()) {
                throw new SignInThrottled(failures.left());
            }
            try {
                Authentication signedIn = passwords.authenticate(authentication);
                if (failures.recorded()) {
                    // most sign-ins (an API request each) have no failures to forget: no write
                    throttle.succeeded(user, address);
                }
                return signedIn;
            } catch (BadCredentialsException e) {
                throttle.failed(user, address);
                throw new BadCredentialsException("wrong user name or password");
            }
        } catch (DataAccessException e) {
            // the failures cannot be counted: no sign-in rather than an unthrottled one
            throw new AuthenticationServiceException("the console cannot reach its database to check the sign-in: "
                    + "try again in a moment", e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
