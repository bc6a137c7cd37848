package io.partnersettlement;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import io.partnersettlement.cli.SettlementCli;

/**
 * The partner settlement engine. Started by {@link io.partnersettlement.cli.SettlementCli}, which reads the
 * command line first and then boots this context against the chosen workspace and database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SettlementApplication {

    /** "Now", for the services that record when an action happened and the default business date; tests give their own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    public static void main(String[] args) {
        SettlementCli.main(args);
    }
}
