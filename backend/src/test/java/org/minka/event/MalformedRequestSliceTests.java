package org.minka.event;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.common.HttpCaching;
import org.minka.common.Messages;
import org.minka.common.ProblemFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The event module's endpoints answer a malformed id in the path, or a body that is not JSON, with
 * a 400 problem, before any service runs: a web slice with the services mocked, no database.
 */
@WebFluxTest(
        controllers = {
            EventController.class,
            ChallengeController.class,
            MembershipController.class
        },
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern =
                                "org\\.minka\\.(security|catalog|team|submission|mentoring)\\..*"))
@Import({
    ProblemFactory.class,
    Messages.class,
    HttpCaching.class,
    MalformedRequestSliceTests.SliceClock.class
})
class MalformedRequestSliceTests {

    private static final String EVENT = "00000000-0000-0000-0000-000000000001";

    @Autowired WebTestClient web;

    @MockitoBean EventService events;
    @MockitoBean ChallengeService challenges;
    @MockitoBean MembershipService memberships;
    @MockitoBean DatabaseClient db;

    @TestConfiguration(proxyBeanMethods = false)
    static class SliceClock {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/events/x1", "eventId"),
                Arguments.of(HttpMethod.PATCH, "/api/v1/events/x1", "eventId"),
                Arguments.of(HttpMethod.PUT, "/api/v1/events/x1/phases", "eventId"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/x1/publish", "eventId"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/x1/unpublish", "eventId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/x1/challenges", "eventId"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/x1/challenges", "eventId"),
                Arguments.of(
                        HttpMethod.GET,
                        "/api/v1/events/" + EVENT + "/challenges/x2",
                        "challengeId"),
                Arguments.of(
                        HttpMethod.PATCH,
                        "/api/v1/events/" + EVENT + "/challenges/x2",
                        "challengeId"),
                Arguments.of(
                        HttpMethod.DELETE,
                        "/api/v1/events/" + EVENT + "/challenges/x2",
                        "challengeId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/x1/memberships", "eventId"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/x1/memberships", "eventId"),
                Arguments.of(
                        HttpMethod.DELETE,
                        "/api/v1/events/" + EVENT + "/memberships/x3",
                        "membershipId"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("paths")
    void callWhenIdMalformedThenBadRequestNamingIt(
            HttpMethod method, String path, String parameter) {
        var request = web.mutateWith(mockJwt()).mutateWith(csrf()).method(method).uri(path);
        var response =
                method == HttpMethod.GET || method == HttpMethod.DELETE || path.endsWith("publish")
                        ? request.exchange()
                        : request.contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{}")
                                .exchange();
        response.expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/malformed-request")
                .jsonPath("$.detail")
                .isEqualTo("The value of '" + parameter + "' is not valid.")
                .jsonPath("$.requestId")
                .exists();
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/v1/events", "{\"title\": "),
                Arguments.of(HttpMethod.POST, "/api/v1/events", "[1, 2]"),
                Arguments.of(HttpMethod.PATCH, "/api/v1/events/" + EVENT, "not json"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/" + EVENT + "/challenges", "{,}"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/" + EVENT + "/memberships", "\""));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("bodies")
    void callWhenBodyIsNotJsonThenBadRequestProblem(HttpMethod method, String path, String body) {
        web.mutateWith(mockJwt())
                .mutateWith(csrf())
                .method(method)
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/malformed-request")
                .jsonPath("$.detail")
                .value(
                        detail ->
                                org.assertj.core.api.Assertions.assertThat(detail.toString())
                                        .doesNotContain("Jackson", "Exception", "tools.jackson"));
    }
}
