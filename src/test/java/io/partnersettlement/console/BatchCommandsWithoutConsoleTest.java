package io.partnersettlement.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.partnersettlement.cli.EngineContext;
import io.partnersettlement.support.TestWorkspace;

/**
 * The batch commands boot the engine as they did before the console existed: no web server, no security, no metrics
 * registry or observations, no template engine and none of the console's beans, so they start as fast as before.
 */
class BatchCommandsWithoutConsoleTest {

    @TempDir
    Path dir;

    @Test
    void theEngineAloneLoadsNothingOfTheConsole() {
        TestWorkspace ws = new TestWorkspace(dir.resolve("ws")).partner("P1", "CORE", "BANK_TRANSFER").writeReference();
        try (ConfigurableApplicationContext context = EngineContext.start(ws.root(), null, java.util.Map.of())) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(Arrays.stream(context.getBeanDefinitionNames())
                    .map(name -> context.getBeanFactory().getBeanDefinition(name).getBeanClassName())
                    .filter(type -> type != null && (type.startsWith("io.partnersettlement.console")
                            || type.startsWith("org.springframework.security") || type.startsWith("org.springdoc")
                            || type.startsWith("org.thymeleaf") || type.startsWith("io.micrometer")
                            || type.startsWith("org.springframework.boot.actuate")))).isEmpty();
            for (String type : new String[] {"io.micrometer.core.instrument.MeterRegistry",
                    "io.micrometer.observation.ObservationRegistry",
                    "org.springframework.security.web.SecurityFilterChain", "org.thymeleaf.ITemplateEngine"}) {
                assertThat(context.getBeanNamesForType(load(type))).as(type).isEmpty();
            }
            assertThat(context.getBean(io.partnersettlement.statement.StatementLifecycle.class)).isNotNull();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
