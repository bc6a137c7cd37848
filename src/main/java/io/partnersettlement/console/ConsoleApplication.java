package io.partnersettlement.console;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Import;

import io.partnersettlement.SettlementApplication;

/**
 * {@code ./run.sh console}: the engine, and on top of it the operations console — pages, sign-in, the JSON API, health
 * and metrics — on the same database and workspace as the commands. The batch commands never load this class.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@Import(SettlementApplication.class)
public class ConsoleApplication {

    @Bean
    ConsoleSettings consoleSettings(Environment environment) {
        return Binder.get(environment).bindOrCreate("settlement.console", ConsoleSettings.class);
    }
}
