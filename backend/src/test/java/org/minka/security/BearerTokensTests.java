package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * {@link BearerTokens} against Spring Security's own converter on sample headers, and against its
 * expression with every UTF-16 character at each place of a header.
 */
class BearerTokensTests {

    private static final String JWT =
            "eyJraWQiOiJkZWZhdWx0IiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ"
                    + ".eyJzdWIiOiJ2b3Rlci0xIiwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdDo5MDAwL2RlZmF1bHQifQ"
                    + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLXNvbWUtbW9yZV8tfg";

    // ServerBearerTokenAuthenticationConverter's (Spring Security 7.0); the samples above hold the
    // converter itself to it
    private static final Pattern SPRING =
            Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);

    private final ServerAuthenticationConverter spring =
            new ServerBearerTokenAuthenticationConverter();
    private final ServerAuthenticationConverter ours = new BearerTokens();

    @Test
    void headersWhenSamplesThenSameOutcomeAsSpringSecurity() {
        String[] samples = {
            null,
            "",
            "Basic dXNlcjpwYXNz",
            "bearer",
            "Bearer",
            "Bearer ",
            "Bearer  abc",
            "Bearer abc ",
            "Bearer abc\n",
            "Bearer\tabc",
            "Bearerabc",
            "BEARER abc==",
            "bEaReR abc",
            "Bearer abc=d",
            "Bearer ===",
            "Bearer a==",
            "Bearer a=",
            "Bearer -._~+/",
            "Bearer a.b.c",
            "Bearers abc",
            "Bearer " + JWT,
            "bearer " + JWT,
            "Bearer " + JWT + "==",
            "Bearer " + JWT + " " + JWT,
            "Bearer a\uD83D\uDE00c",
            "Bearer a\u00e9c",
            "\u212Aearer abc"
        };
        List<String> differ = new ArrayList<>();
        for (String header : samples) {
            compare(header, differ);
            if (header != null && !Objects.equals(expected(header), actual(header))) {
                differ.add("expression: " + header);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void everyCharacterWhenAtEachPlaceThenSameVerdictAsSpringSecuritysExpression() {
        List<String> differ = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String ch = String.valueOf((char) c);
            for (String header :
                    List.of(
                            ch + "earer abc",
                            "beAre" + ch + " abc",
                            "Bearer" + ch + "abc",
                            "Bearer " + ch,
                            "Bearer a" + ch + "c",
                            "Bearer abc=" + ch)) {
                if (!Objects.equals(expected(header), actual(header))) {
                    differ.add(header);
                }
            }
        }
        assertThat(differ).isEmpty();
    }

    /** Spring Security 7's rule: {@code startsWithIgnoreCase("bearer")}, then the expression. */
    private static String expected(String header) {
        if (!StringUtils.startsWithIgnoreCase(header, "bearer")) {
            return "none";
        }
        Matcher matcher = SPRING.matcher(header);
        return matcher.matches() ? matcher.group("token") : "malformed";
    }

    private static String actual(String header) {
        if (!BearerTokens.startsWithScheme(header)) {
            return "none";
        }
        return Objects.requireNonNullElse(BearerTokens.token(header), "malformed");
    }

    private void compare(String header, List<String> differ) {
        String expected = outcome(spring, header);
        String actual = outcome(ours, header);
        if (!expected.equals(actual)) {
            differ.add(header + ": " + expected + " vs " + actual);
        }
    }

    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/me");
        if (header != null) {
            request.header(HttpHeaders.AUTHORIZATION, header);
        }
        try {
            return converter
                    .convert(MockServerWebExchange.from(request))
                    .map(Authentication::getCredentials)
                    .map(token -> "token " + token)
                    .switchIfEmpty(Mono.just("none"))
                    .block();
        } catch (OAuth2AuthenticationException ex) {
            return "error " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
        }
    }
}
