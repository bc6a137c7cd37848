package io.partnersettlement.console.security;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletResponse;

import io.partnersettlement.console.ConsoleSettings;
import io.partnersettlement.console.api.Problems;
import io.partnersettlement.fault.EngineException;
import io.partnersettlement.workspace.EngineSettings;

/**
 * Sign-in and roles. The pages sign in with a form and a session, every form carrying a CSRF token. The JSON API
 * ({@code /api/**}) and the metrics take HTTP Basic credentials on each request and keep no session, so no browser
 * cookie ever authenticates them; its actions accept JSON bodies only, which no other site's form can send. OPERATOR
 * may act; ANALYST reads and downloads.
 */
@Configuration
@EnableWebSecurity
public class ConsoleSecurityConfiguration {

    static final String OPERATOR = ConsoleUsers.Role.OPERATOR.name();
    static final String ANALYST = ConsoleUsers.Role.ANALYST.name();

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    @Bean
    InMemoryUserDetailsManager consoleUsers(ConsoleSettings console, EngineSettings engine) {
        Path file = console.usersFile().isBlank() ? engine.workspaceFolders().root().resolve(ConsoleUsers.FILE_NAME)
                : Path.of(console.usersFile());
        Map<String, ConsoleUsers.User> users = ConsoleUsers.load(file, console.users());
        if (users.isEmpty()) {
            throw new EngineException("the console has no users: add one with ./run.sh console --add-user NAME --role "
                    + "OPERATOR|ANALYST (it prints the password and keeps only its hash in " + file
                    + "), or set settlement.console.users to name:ROLE:bcrypt-hash");
        }
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        users.values().forEach(u -> manager.createUser(User.withUsername(u.name()).password(u.passwordHash())
                .roles(u.role().name()).build()));
        return manager;
    }

    @Bean
    SignInThrottle signInThrottle(ConsoleSettings console, JdbcTemplate jdbc) {
        return new SignInThrottle(jdbc, console.signInFailures(), console.signInWait(), console.signInMaxWait());
    }

    @Bean
    ProviderManager consoleAuthentication(InMemoryUserDetailsManager users, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(new BCryptPasswordEncoder());
        ProviderManager manager = new ProviderManager(new ThrottledSignIn(passwords, throttle));
        manager.setEraseCredentialsAfterAuthentication(true);
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ProviderManager authentication) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/**")
                .authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/actuator/**").hasAnyRole(OPERATOR, ANALYST)
                        .requestMatchers("/api/**").hasRole(OPERATOR)
                        .anyRequest().denyAll())
                .httpBasic(b -> b.authenticationEntryPoint((request, response, e) -> unauthorized(response, e)))
                .exceptionHandling(x -> x
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response, e))
                        .accessDeniedHandler((request, response, e) -> Problems.write(response, Problems.of(
                                HttpStatus.FORBIDDEN, "Forbidden", "this action needs the OPERATOR role; "
                                        + request.getRemoteUser() + " may read and download only"))))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // no session and no cookie authenticate this chain, and its actions take JSON only: nothing to forge
                .csrf(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(p -> p.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ProviderManager authentication) throws Exception {
        return http.authenticationManager(authentication)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/console/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                        .requestMatchers(HttpMethod.POST, "/**").hasRole(OPERATOR)
                        .anyRequest().hasAnyRole(OPERATOR, ANALYST))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/statements", false).failureUrl("/login?error"))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(h -> h.contentSecurityPolicy(p -> p.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    private static void unauthorized(HttpServletResponse response, AuthenticationException e) throws java.io.IOException {
        if (e instanceof SignInThrottled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins", e.getMessage()));
            return;
        }
        if (e instanceof AuthenticationServiceException) {
            Problems.write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", e.getMessage()));
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"partner-settlement\"");
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized",
                e instanceof org.springframework.security.authentication.BadCredentialsException
                        ? "wrong user name or password" : "sign in: HTTP Basic credentials of a console user");
        Problems.write(response, problem);
    }

}
