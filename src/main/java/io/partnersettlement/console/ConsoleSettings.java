package io.partnersettlement.console;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the console ({@code settlement.console.*}), bound by {@link ConsoleApplication} (the engine's
 * configuration scan leaves the console out).
 *
 * @param users         users as {@code name:ROLE:bcrypt-hash}, ROLE being OPERATOR or ANALYST (environment
 *                      {@code SETTLEMENT_CONSOLE_USERS}, comma separated); added to those of the users file
 * @param usersFile     the users file ({@code name,role,password_hash} lines); default {@code console-users.csv} in the
 *                      workspace, which {@code ./run.sh demo} and {@code ./run.sh console --add-user} write
 * @param signInFailures failed sign-ins of one user from one address before it must wait
 * @param signInWait    the first wait after those failures; each further failure doubles it
 * @param signInMaxWait the longest wait
 */
public record ConsoleSettings(
        @DefaultValue List<String> users,
        @DefaultValue("") String usersFile,
        @DefaultValue("5") int signInFailures,
        @DefaultValue("30s") Duration signInWait,
        @DefaultValue("15m") Duration signInMaxWait) {
}
