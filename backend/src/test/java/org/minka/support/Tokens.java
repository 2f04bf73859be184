package org.minka.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/** Real RS256 tokens signed by the running mock-oauth2-server. */
public final class Tokens {

    private final MockOAuth2Server issuer;

    public Tokens(MockOAuth2Server issuer) {
        this.issuer = issuer;
    }

    /** A token for a user with a verified email derived from the subject. */
    public String user(String subject, boolean admin) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@example.org");
        claims.put("email_verified", true);
        claims.put("name", "User " + subject);
        if (admin) {
            claims.put("roles", List.of("admin"));
        }
        return token(LocalServers.ISSUER_ID, subject, List.of(LocalServers.AUDIENCE), claims, 3600);
    }

    public String token(
            String issuerId,
            String subject,
            List<String> audience,
            Map<String, Object> claims,
            long expirySeconds) {
        return issuer.issueToken(
                        issuerId,
                        subject,
                        new DefaultOAuth2TokenCallback(
                                issuerId, subject, "JWT", audience, claims, expirySeconds))
                .serialize();
    }
}
