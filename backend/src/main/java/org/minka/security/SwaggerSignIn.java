package org.minka.security;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springdoc.webflux.ui.SwaggerIndexPageTransformer;
import org.springdoc.webflux.ui.SwaggerIndexTransformer;
import org.springdoc.webflux.ui.SwaggerWelcomeCommon;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.resource.ResourceTransformerChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sign-in from Swagger UI: an OAuth2 authorization-code scheme (PKCE, public client) next to the
 * bearer scheme on every operation, with the issuer's endpoints. They are {@code
 * minka.security.sign-in.authorization-url} and {@code token-url} when set, otherwise Keycloak's
 * paths under the configured issuer.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerSignIn {

    static final String SCHEME = "oidc";
    static final String BEARER = "bearer";
    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String AUTHORIZATION_URL = "minka.security.sign-in.authorization-url";
    static final String TOKEN_URL = "minka.security.sign-in.token-url";

    /** The issuer's authorization and token endpoints, as a browser reaches them. */
    record Endpoints(String authorizationUrl, String tokenUrl) {

        /** {@code scheme://host[:port]} of the token endpoint, which the browser calls. */
        String tokenOrigin() {
            URI uri = URI.create(tokenUrl);
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return uri.getScheme() + "://" + uri.getHost() + port;
        }
    }

    /** Empty when neither the endpoints nor an issuer are configured (a JWK set URI only). */
    static Optional<Endpoints> endpoints(Environment env) {
        String issuer = trimSlash(env.getProperty(ISSUER, ""));
        String authorization = env.getProperty(AUTHORIZATION_URL, "");
        String token = env.getProperty(TOKEN_URL, "");
        if (authorization.isBlank() && !issuer.isBlank()) {
            authorization = issuer + "/protocol/openid-connect/auth";
        }
        if (token.isBlank() && !issuer.isBlank()) {
            token = issuer + "/protocol/openid-connect/token";
        }
        if (authorization.isBlank() || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Endpoints(authorization, token));
    }

    @Bean
    OpenApiCustomizer signInScheme(Environment env) {
        Optional<Endpoints> endpoints = endpoints(env);
        return openApi -> endpoints.ifPresent(found -> addScheme(openApi, found));
    }

    /**
     * springdoc writes the sign-in settings into Swagger UI's initializer script, reading the
     * script from its jar on every request; this reads it off the event loop.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
            name = {"springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled"},
            matchIfMissing = true)
    SwaggerIndexTransformer offLoopIndexTransformer(
            SwaggerUiConfigProperties ui,
            SwaggerUiOAuthProperties oauth,
            SwaggerWelcomeCommon welcome,
            ObjectMapperProvider mapper) {
        return new OffLoopIndexTransformer(ui, oauth, welcome, mapper);
    }

    private static final class OffLoopIndexTransformer extends SwaggerIndexPageTransformer {

        private static final String INITIALIZER = "swagger-initializer.js";

        OffLoopIndexTransformer(
                SwaggerUiConfigProperties ui,
                SwaggerUiOAuthProperties oauth,
                SwaggerWelcomeCommon welcome,
                ObjectMapperProvider mapper) {
            super(ui, oauth, welcome, mapper);
        }

        @Override
        public Mono<Resource> transform(
                ServerWebExchange exchange, Resource resource, ResourceTransformerChain chain) {
            if (!INITIALIZER.equals(resource.getFilename())) {
                return super.transform(exchange, resource, chain);
            }
            return Mono.defer(() -> super.transform(exchange, resource, chain))
                    .subscribeOn(Schedulers.boundedElastic());
        }
    }

    private static void addScheme(OpenAPI openApi, Endpoints endpoints) {
        Scopes scopes =
                new Scopes()
                        .addString("openid", "Sign in")
                        .addString("profile", "Your name")
                        .addString("email", "Your email address");
        OAuthFlow code =
                new OAuthFlow()
                        .authorizationUrl(endpoints.authorizationUrl())
                        .tokenUrl(endpoints.tokenUrl())
                        .scopes(scopes);
        openApi.getComponents()
                .addSecuritySchemes(
                        SCHEME,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2)
                                .description(
                                        "Sign in at the OIDC issuer (authorization code with"
                                                + " PKCE, public client); the access token is"
                                                + " sent as a bearer token")
                                .flows(new OAuthFlows().authorizationCode(code)));
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem path : openApi.getPaths().values()) {
            path.readOperations().forEach(SwaggerSignIn::offerSignIn);
        }
    }

    /** Wherever a bearer token is accepted, a token from signing in is too. */
    private static void offerSignIn(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        List<SecurityRequirement> requirements = new ArrayList<>(operation.getSecurity());
        boolean bearer = requirements.stream().anyMatch(r -> r.containsKey(BEARER));
        boolean signIn = requirements.stream().anyMatch(r -> r.containsKey(SCHEME));
        if (bearer && !signIn) {
            requirements.add(new SecurityRequirement().addList(SCHEME));
            operation.setSecurity(requirements);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
