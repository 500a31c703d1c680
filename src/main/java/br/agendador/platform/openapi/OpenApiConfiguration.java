package br.agendador.platform.openapi;

import br.agendador.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Agendador CNPJ API", version = "v1",
                description = "Schedule CNPJ lookups at the Receita Federal's data, follow their runs and"
                        + " see what changed. Errors are RFC 9457 problem+json."),
        security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "Access token from POST /api/v1/auth/login")
public class OpenApiConfiguration {

    public static final String BEARER = "bearer";

    static {
        // Resolved from the access token or the session, never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
    }
}
