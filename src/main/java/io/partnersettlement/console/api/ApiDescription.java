package io.partnersettlement.console.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI description's title and its one way in: HTTP Basic credentials of a console user. */
@Configuration
class ApiDescription {

    @Bean
    OpenAPI consoleApi() {
        return new OpenAPI()
                .info(new Info().title("Partner settlement console API").version("1")
                        .description("Reads for OPERATOR and ANALYST, actions for OPERATOR; errors as RFC 9457 problem "
                                + "details. Actions take application/json bodies."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
