package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.mock.env.MockEnvironment;

/** Swagger UI signs in at the issuer with the authorization-code flow and PKCE. */
class SwaggerSignInIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SSO =
            "https://sso.example.org/realms/minka/protocol/openid-connect";

    private JsonNode get(String uri) throws Exception {
        String body =
                web.mutate()
                        .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                        .build()
                        .get()
                        .uri(uri)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void apiDocsWhenIssuerConfiguredThenAuthorizationCodeSchemeWithItsEndpoints() throws Exception {
        JsonNode spec = get("/v3/api-docs");
        JsonNode scheme = spec.at("/components/securitySchemes/oidc");
        assertThat(scheme.path("type").asText()).isEqualTo("oauth2");
        JsonNode flow = scheme.at("/flows/authorizationCode");
        assertThat(flow.path("authorizationUrl").asText()).isEqualTo(SSO + "/auth");
        assertThat(flow.path("tokenUrl").asText()).isEqualTo(SSO + "/token");
        assertThat(flow.path("scopes").has("openid")).isTrue();
        assertThat(scheme.at("/flows/implicit").isMissingNode()).isTrue();
        assertThat(spec.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void apiDocsWhenOperationTakesBearerTokenThenSignInIsOfferedToo() throws Exception {
        JsonNode paths = get("/v3/api-docs").path("paths");
        List<String> withoutSignIn = new ArrayList<>();
        int bearerOperations = 0;
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode security = operation.getValue().path("security");
                boolean bearer = false;
                boolean signIn = false;
                for (JsonNode requirement : security) {
                    bearer |= requirement.has("bearer");
                    signIn |= requirement.has("oidc");
                }
                if (bearer) {
                    bearerOperations++;
                }
                if (bearer && !signIn) {
                    withoutSignIn.add(operation.getKey() + " " + path.getKey());
                }
            }
        }
        assertThat(bearerOperations).isGreaterThan(15);
        assertThat(withoutSignIn).isEmpty();
        JsonNode me = paths.at("/~1api~1v1~1me/get/security");
        assertThat(me.toString()).isEqualTo("[{\"bearer\":[]},{\"oidc\":[]}]");
    }

    @Test
    void swaggerUiWhenLoadedThenItSignsInWithPkceAndMayReachTheTokenEndpoint() {
        var result =
                web.get()
                        .uri("/swagger-ui/swagger-initializer.js")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult();
        String initializer = result.getResponseBody().replaceAll("\\s", "");
        // the browser may call the issuer's token endpoint, and nothing else off this origin
        assertThat(result.getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("connect-src 'self' https://sso.example.org;")
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(initializer)
                .contains("initOAuth(")
                .contains("\"clientId\":\"minka-spa\"")
                .contains("\"usePkceWithAuthorizationCodeGrant\":true")
                .contains("openid")
                .doesNotContain("clientSecret");
    }

    @Test
    void endpointsWhenOnlyIssuerSetThenKeycloakPathsUnderIt() {
        MockEnvironment env =
                new MockEnvironment()
                        .withProperty(SwaggerSignIn.ISSUER, "https://id.gob.pe/realms/minka/");
        SwaggerSignIn.Endpoints endpoints = SwaggerSignIn.endpoints(env).orElseThrow();
        assertThat(endpoints.authorizationUrl())
                .isEqualTo("https://id.gob.pe/realms/minka/protocol/openid-connect/auth");
        assertThat(endpoints.tokenUrl())
                .isEqualTo("https://id.gob.pe/realms/minka/protocol/openid-connect/token");
        assertThat(endpoints.tokenOrigin()).isEqualTo("https://id.gob.pe");
    }

    @Test
    void endpointsWhenSetExplicitlyThenTheyWinOverTheIssuer() {
        MockEnvironment env =
                new MockEnvironment()
                        .withProperty(SwaggerSignIn.ISSUER, "http://localhost:8090/minka")
                        .withProperty(
                                SwaggerSignIn.AUTHORIZATION_URL,
                                "http://localhost:8090/minka/authorize")
                        .withProperty(SwaggerSignIn.TOKEN_URL, "http://localhost:8090/minka/token");
        SwaggerSignIn.Endpoints endpoints = SwaggerSignIn.endpoints(env).orElseThrow();
        assertThat(endpoints.authorizationUrl()).isEqualTo("http://localhost:8090/minka/authorize");
        assertThat(endpoints.tokenOrigin()).isEqualTo("http://localhost:8090");
    }

    @Test
    void endpointsWhenNoIssuerNorEndpointsThenNoSignInScheme() {
        MockEnvironment env =
                new MockEnvironment()
                        .withProperty(
                                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                                "https://id.gob.pe/jwks");
        assertThat(SwaggerSignIn.endpoints(env)).isEmpty();
    }
}
