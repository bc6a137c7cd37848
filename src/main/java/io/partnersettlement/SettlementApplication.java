package io.partnersettlement;

import java.time.Clock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import io.partnersettlement.cli.SettlementCli;

/**
 * The partner settlement engine. Started by {@link io.partnersettlement.cli.SettlementCli}, which reads the
 * command line first and then boots this context against the chosen workspace and database.
 * <p>
 * The operations console ({@code io.partnersettlement.console}) is left out of the scan: only {@code ./run.sh console}
 * boots it, through its own configuration, so the batch commands start as they always did.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.partnersettlement\\.console\\..*"))
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
