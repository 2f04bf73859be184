package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

class AccessRulesTests {

    private final AccessRules rules =
            new AccessRules(
                    List.of(SecurityConfiguration.OPEN),
                    List.of(SecurityConfiguration.PUBLIC_READS));

    @Test
    void isPublicWhenPreflightThenAnyPath() {
        assertThat(rules.isPublic(request(HttpMethod.OPTIONS, "/api/v1/me"))).isTrue();
    }

    @Test
    void isPublicWhenOpenPathThenAnyMethod() {
        assertThat(rules.isPublic(request(HttpMethod.GET, "/actuator/health/readiness"))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.POST, "/actuator/health"))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.GET, "/v3/api-docs.yaml"))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.GET, "/swagger-ui/index.html"))).isTrue();
    }

    @Test
    void isPublicWhenPublicReadThenOnlyGetAndHead() {
        String event = "/api/v1/events/0b575236-2375-455a-b223-914964b20253";
        assertThat(rules.isPublic(request(HttpMethod.GET, event))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.HEAD, event))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.GET, event + "/gallery/a/b"))).isTrue();
        assertThat(rules.isPublic(request(HttpMethod.GET, event + "/voting/tallies/stream")))
                .isTrue();
        assertThat(rules.isPublic(request(HttpMethod.PUT, event))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.DELETE, event))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.POST, "/api/v1/events"))).isFalse();
    }

    @Test
    void isPublicWhenNoRuleMatchesThenNot() {
        String ballots = "/api/v1/events/0b575236-2375-455a-b223-914964b20253/voting/ballots";
        assertThat(rules.isPublic(request(HttpMethod.POST, ballots))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.GET, ballots + "/mine"))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.GET, "/api/v1/me"))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.GET, "/actuator/env"))).isFalse();
        assertThat(rules.isPublic(request(HttpMethod.GET, "/api/v1/events/x/teams"))).isFalse();
    }

    @Test
    void authorizeWhenPublicThenGrantedWithoutAskingForTheUser() {
        Mono<Authentication> notAsked = Mono.error(new AssertionError("the user was asked for"));
        AuthorizationResult result =
                rules.authorize(notAsked, context(HttpMethod.GET, "/api/v1/events")).block();
        assertThat(result.isGranted()).isTrue();
    }

    @Test
    void authorizeWhenNotPublicThenOnlyAnAuthenticatedUser() {
        AuthorizationContext cast = context(HttpMethod.POST, "/api/v1/events/e/voting/ballots");
        Authentication user = new TestingAuthenticationToken("u", "p", "ROLE_USER");
        Authentication anonymous =
                new AnonymousAuthenticationToken(
                        "key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        assertThat(rules.authorize(Mono.just(user), cast).block().isGranted()).isTrue();
        assertThat(rules.authorize(Mono.just(anonymous), cast).block().isGranted()).isFalse();
        assertThat(rules.authorize(Mono.empty(), cast).block().isGranted()).isFalse();
    }

    private static MockServerHttpRequest request(HttpMethod method, String path) {
        return MockServerHttpRequest.method(method, path).build();
    }

    private static AuthorizationContext context(HttpMethod method, String path) {
        return new AuthorizationContext(MockServerWebExchange.from(request(method, path)));
    }
}
