package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The application's JWT decoder keeps verified tokens; a changed token is verified again. */
class VerifiedTokensIntegrationTests extends IntegrationTest {

    @Autowired ReactiveJwtDecoder decoder;

    private int me(String token) {
        return web.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    @Test
    void meWhenSignedInThenTheTokenIsKeptAndATamperedCopyStillRefused() {
        assertThat(decoder).isInstanceOf(VerifiedTokens.class);
        User ana = fixtures.user("kept-token");

        assertThat(me(ana.token())).isEqualTo(200);
        assertThat(((VerifiedTokens) decoder).size()).isPositive();
        assertThat(me(ana.token())).isEqualTo(200);

        // a signature character that carries only signature bits (not the last one's padding)
        String token = ana.token();
        int at = token.lastIndexOf('.') + 10;
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, at) + flipped + token.substring(at + 1);
        assertThat(me(tampered)).isEqualTo(401);
    }
}
