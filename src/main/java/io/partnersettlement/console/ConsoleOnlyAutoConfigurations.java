package io.partnersettlement.console;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps the web stack out of the batch commands: the web server, MVC, templates, security, actuator, metrics and the
 * OpenAPI description are auto-configured only when {@value #ENABLED} is true, which {@code ./run.sh console} sets.
 * The other commands start exactly the engine they started before the console's libraries were on the class path.
 * Batch observations are left out in both cases: a job runs the same code whoever starts it.
 */
public class ConsoleOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String ENABLED = "settlement.console.enabled";

    /** Auto-configurations by package: only the console needs them. */
    private static final List<String> CONSOLE_ONLY = List.of(
            "org.springframework.boot.actuate.", "org.springframework.boot.health.",
            "org.springframework.boot.micrometer.", "org.springframework.boot.security.",
            "org.springframework.boot.thymeleaf.", "org.springframework.boot.webmvc.",
            "org.springframework.boot.servlet.", "org.springframework.boot.tomcat.",
            "org.springframework.boot.http.converter.", "org.springframework.boot.jackson.",
            "org.springframework.boot.validation.", "org.springdoc.");

    /** Parts of the engine's own modules (JDBC, Flyway, Quartz, Batch) that serve the actuator. */
    private static final List<String> CONSOLE_ONLY_PARTS = List.of(".health.", ".metrics.", "EndpointAutoConfiguration");

    private static final String BATCH_OBSERVATION = "org.springframework.boot.batch.autoconfigure.observation.";

    private boolean console;

    @Override
    public void setEnvironment(Environment environment) {
        console = environment.getProperty(ENABLED, Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            match[i] = candidates[i] == null || keep(candidates[i]);
        }
        return match;
    }

    private boolean keep(String name) {
        if (name.startsWith(BATCH_OBSERVATION)) {
            return false;
        }
        if (console) {
            return true;
        }
        return CONSOLE_ONLY.stream().noneMatch(name::startsWith) && CONSOLE_ONLY_PARTS.stream().noneMatch(name::contains);
    }
}
