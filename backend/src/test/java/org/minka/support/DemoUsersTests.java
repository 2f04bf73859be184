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

    /** The same request as the README's curl line, and the token's claims. */
    private static Map<?, ?> claims(String clientId) throws Exception {
        String body = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=dev";
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(issuer.issuerUrl(LocalServers.ISSUER_ID) + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        String response =
                HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .body();
        String token = (String) JSON.readValue(response, Map.class).get("access_token");
        String payload = token.split("\\.")[1];
        return JSON.readValue(Base64.getUrlDecoder().decode(payload), Map.class);
    }
}
