package io.partnersettlement;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The partner settlement engine. Started by {@link io.partnersettlement.cli.SettlementCli}, which reads the
 * command line first and then boots this context against the chosen workspace and database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SettlementApplication {

    public static void main(String[] args) {
        io.partnersettlement.cli.SettlementCli.main(args);
    }
}
