package org.minka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The dev issuer of {@code make run}: the demo roles, and any other client id as its own user. */
class DemoUsersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MockOAuth2Server issuer;

    @BeforeAll
    static void start() throws Exception {
        issuer = new MockOAuth2Server(OAuth2Config.Companion.fromJson(DemoUsers.issuerConfig()));
        issuer.start(InetAddress.getByName("localhost"), 0);
    }

    @AfterAll
    static void stop() {
        issuer.shutdown();
    }

    @Test
    void tokenWhenClientIdIsADemoRoleThenDemoUser() throws Exception {
        Map<?, ?> claims = claims("organizer");
        assertThat(claims.get("sub")).isEqualTo("demo-organizer");
        assertThat(claims.get("email")).isEqualTo("organizer@minka.local");
        assertThat(claims.get("aud")).isEqualTo(LocalServers.AUDIENCE);
    }

    @Test
    void tokenWhenClientIdIsAnyOtherNameThenThatNameIsTheSubject() throws Exception {
        for (String name : new String[] {"alice", "user-0042"}) {
            Map<?, ?> claims = claims(name);
            assertThat(claims.get("sub")).isEqualTo(name);
            assertThat(claims.get("email")).isEqualTo(name + "@minka.local");
            assertThat(claims.get("email_verified")).isEqualTo(true);
            assertThat(claims.get("aud")).isEqualTo(LocalServers.AUDIENCE);
            assertThat(claims.get("iss"))
                    .isEqualTo(issuer.issuerUrl(LocalServers.ISSUER_ID).toString());
            assertThat((java.util.List<?>) claims.get("roles")).isEmpty();
        }
    }

    @Test
    void signInWhenUserNameIsADemoRoleThenDemoUser() throws Exception {
        Map<?, ?> claims = payload(signIn("citizen", VERIFIER, VERIFIER));
        assertThat(claims.get("sub")).isEqualTo("demo-citizen");
        assertThat(claims.get("email")).isEqualTo("citizen@minka.local");
        assertThat(claims.get("name")).isEqualTo("Demo citizen");
        assertThat(claims.get("aud")).isEqualTo(LocalServers.AUDIENCE);
        assertThat((java.util.List<?>) claims.get("roles")).isEmpty();
        assertThat(payload(signIn("admin", VERIFIER, VERIFIER)).get("roles"))
                .isEqualTo(java.util.List.of("admin"));
    }

    @Test
    void signInWhenUserNameIsAnyOtherNameThenThatNameIsTheSubject() throws Exception {
        Map<?, ?> claims = payload(signIn("maria-quispe", VERIFIER, VERIFIER));
        assertThat(claims.get("sub")).isEqualTo("maria-quispe");
        assertThat(claims.get("email")).isEqualTo("maria-quispe@minka.local");
        assertThat(claims.get("email_verified")).isEqualTo(true);
        assertThat(claims.get("aud")).isEqualTo(LocalServers.AUDIENCE);
    }

    @Test
    void signInWhenCodeVerifierDoesNotMatchThenNoToken() throws Exception {
        String response = signIn("citizen", VERIFIER, VERIFIER.replace('a', 'b'));
        assertThat(JSON.readValue(response, Map.class))
                .containsEntry("error", "invalid_grant")
                .doesNotContainKey("access_token");
    }

    private static final String VERIFIER = "a".repeat(20) + "-verifier-of-swagger-ui-0123456789";
    private static final String REDIRECT = "http://localhost:8080/swagger-ui/oauth2-redirect.html";

    /**
     * What Swagger UI does: the authorization request with an S256 challenge, the sign-in form with
     * a user name, then the code exchanged with the verifier; the token endpoint's answer.
     */
    private static String signIn(String userName, String verifier, String sentVerifier)
            throws Exception {
        byte[] digest =
                java.security.MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        String authorize =
                issuer.issuerUrl(LocalServers.ISSUER_ID)
                        + "/authorize?client_id="
                        + DemoUsers.SPA_CLIENT_ID
                        + "&response_type=code&scope=openid%20profile%20email&state=s1"
                        + "&redirect_uri="
                        + java.net.URLEncoder.encode(
                                REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                        + "&code_challenge="
                        + challenge
                        + "&code_challenge_method=S256";
        HttpClient http = Http.client();
        HttpResponse<String> page =
                http.send(
                        Http.request(URI.create(authorize)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("name=\"username\"");
        HttpResponse<String> login =
                http.send(
                        Http.request(URI.create(authorize))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "username=" + userName + "&claims="))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT).contains("state=s1");
        String code = location.replaceFirst(".*[?&]code=([^&]+).*", "$1");
        String body =
                "grant_type=authorization_code&client_id="
                        + DemoUsers.SPA_CLIENT_ID
                        + "&code="
                        + code
                        + "&redirect_uri="
                        + java.net.URLEncoder.encode(
                                REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                        + "&code_verifier="
                        + sentVerifier;
        return http.send(
                        Http.request(
                                        URI.create(
                                                issuer.issuerUrl(LocalServers.ISSUER_ID)
                                                        + "/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Map<?, ?> payload(String tokenResponse) {
        String token = (String) JSON.readValue(tokenResponse, Map.class).get("access_token");
        assertThat(token).as(tokenResponse).isNotNull();
        return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
    }

    /** The same request as the README's curl line, and the token's claims. */
    private static Map<?, ?> claims(String clientId) throws Exception {
        String body = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=dev";
        HttpRequest request =
                Http.request(URI.create(issuer.issuerUrl(LocalServers.ISSUER_ID) + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        String response = Http.client().send(request, HttpResponse.BodyHandlers.ofString()).body();
        String token = (String) JSON.readValue(response, Map.class).get("access_token");
        String payload = token.split("\\.")[1];
        return JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
    }
}
