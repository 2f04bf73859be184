package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.http.MediaType;

/** Tokens the resource server must refuse, and the claims it must read. */
class JwtValidationIntegrationTests extends IntegrationTest {

    private static final String ME = "/api/v1/me";

    @Test
    void meWhenValidTokenThenOk() {
        web.get()
                .uri(ME)
                .headers(h -> h.setBearerAuth(tokens.user("jwt-valid", false)))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void meWhenNoTokenThenUnauthorizedWithChallenge() {
        assertRefused(null, "Bearer");
    }

    @Test
    void meWhenBearerHeaderMalformedThenInvalidToken() {
        // "Bearer <token68>" is read without the converter's regular expression (BearerTokens)
        String valid = tokens.user("jwt-malformed", false);
        assertRefused(valid + " " + valid, "Bearer error=\"invalid_token\"");
        assertRefused("abc=d", "Bearer error=\"invalid_token\"");
        assertRefused("", "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenOtherSchemeThenUnauthorizedWithPlainChallenge() {
        var result =
                web.get()
                        .uri(ME)
                        .header("Authorization", "Basic dXNlcjpwYXNz")
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("https://minka.dev/problems/unauthorized")
                        .returnResult();
        assertThat(result.getResponseHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void meWhenWrongIssuerThenUnauthorized() {
        String token =
                tokens.token(
                        "another-issuer",
                        "jwt-wrong-iss",
                        List.of(LocalServers.AUDIENCE),
                        Map.of(),
                        3600);
        assertRefused(token, "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenWrongAudienceThenUnauthorized() {
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        "jwt-wrong-aud",
                        List.of("some-other-api"),
                        Map.of(),
                        3600);
        assertRefused(token, "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenExpiredThenUnauthorized() {
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        "jwt-expired",
                        List.of(LocalServers.AUDIENCE),
                        Map.of(),
                        -3600);
        assertRefused(token, "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenSignatureTamperedThenUnauthorized() {
        String[] parts = tokens.user("jwt-tampered", false).split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"jwt-tampered\"", "\"jwt-someone-else\"");
        String forged =
                parts[0]
                        + "."
                        + Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                        + "."
                        + parts[2];
        assertRefused(forged, "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenSignedByUnknownKeyThenUnauthorized() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("minka").generate();
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("minka").build(),
                        new JWTClaimsSet.Builder()
                                .issuer(LocalServers.forTests().issuerUri())
                                .audience(LocalServers.AUDIENCE)
                                .subject("jwt-foreign-key")
                                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                                .build());
        jwt.sign(new RSASSASigner(key));
        assertRefused(jwt.serialize(), "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenAlgNoneThenUnauthorized() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header =
                b64.encodeToString(
                        "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims =
                b64.encodeToString(
                        ("{\"iss\":\""
                                        + LocalServers.forTests().issuerUri()
                                        + "\",\"aud\":\""
                                        + LocalServers.AUDIENCE
                                        + "\",\"sub\":\"jwt-none\",\"exp\":"
                                        + (System.currentTimeMillis() / 1000 + 600)
                                        + "}")
                                .getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + claims + ".", "Bearer error=\"invalid_token\"");
    }

    @Test
    void meWhenRolesClaimHasAdminThenAdmin() {
        web.get()
                .uri(ME)
                .headers(h -> h.setBearerAuth(tokens.user("jwt-admin", true)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.admin")
                .isEqualTo(true);
    }

    @Test
    void meWhenKeycloakRealmRoleAdminThenAdmin() {
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        "jwt-keycloak-admin",
                        List.of(LocalServers.AUDIENCE),
                        Map.of("realm_access", Map.of("roles", List.of("offline_access", "admin"))),
                        3600);
        web.get()
                .uri(ME)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.admin")
                .isEqualTo(true);
    }

    @Test
    void meWhenClaimsChangeThenUserUpdatedNotDuplicated() {
        String first =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        "jwt-rename",
                        List.of(LocalServers.AUDIENCE),
                        Map.of("name", "Ana", "email", "ana@example.org"),
                        3600);
        String second =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        "jwt-rename",
                        List.of(LocalServers.AUDIENCE),
                        Map.of(
                                "name",
                                "Ana María",
                                "email",
                                "ana@example.org",
                                "email_verified",
                                true),
                        3600);
        String id1 =
                web.get()
                        .uri(ME)
                        .headers(h -> h.setBearerAuth(first))
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("id")
                        .toString();
        web.get()
                .uri(ME)
                .headers(h -> h.setBearerAuth(second))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(id1)
                .jsonPath("$.name")
                .isEqualTo("Ana María")
                .jsonPath("$.emailVerified")
                .isEqualTo(true);
        assertThat(count("select count(*) from users where subject = $1", "jwt-rename"))
                .isEqualTo(1);
    }

    private void assertRefused(String token, String challenge) {
        var result =
                web.get()
                        .uri(ME)
                        .headers(
                                h -> {
                                    if (token != null) h.setBearerAuth(token);
                                })
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("https://minka.dev/problems/unauthorized")
                        .jsonPath("$.status")
                        .isEqualTo(401)
                        .jsonPath("$.requestId")
                        .isNotEmpty()
                        .returnResult();
        assertThat(result.getResponseHeaders().getFirst("WWW-Authenticate")).startsWith(challenge);
    }
}
