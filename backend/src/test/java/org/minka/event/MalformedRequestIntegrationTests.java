package org.minka.event;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Endpoints outside the event module with an id in their path answer a malformed id with a 400
 * problem naming it, through the whole stack; the event module's own run as a web slice ({@link
 * MalformedRequestSliceTests}).
 */
class MalformedRequestIntegrationTests extends IntegrationTest {

    private static final String EVENT = "00000000-0000-0000-0000-000000000001";

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/events/x1/registrations/me", "eventId"),
                Arguments.of(HttpMethod.POST, "/api/v1/events/x1/teams", "eventId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/" + EVENT + "/teams/x4", "teamId"),
                Arguments.of(
                        HttpMethod.POST, "/api/v1/events/" + EVENT + "/teams/x4/leave", "teamId"),
                Arguments.of(
                        HttpMethod.DELETE,
                        "/api/v1/events/" + EVENT + "/teams/" + EVENT + "/members/x5",
                        "userId"),
                Arguments.of(
                        HttpMethod.DELETE,
                        "/api/v1/events/" + EVENT + "/teams/" + EVENT + "/challenges/x6",
                        "challengeId"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("paths")
    void malformedIdThenBadRequestNamingIt(HttpMethod method, String path, String parameter) {
        var request =
                web.method(method)
                        .uri(path)
                        .headers(h -> h.setBearerAuth(tokens.user("malformed", true)));
        var response =
                method == HttpMethod.GET
                                || method == HttpMethod.DELETE
                                || path.endsWith("publish")
                                || path.endsWith("leave")
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
                .isEqualTo("The value of '" + parameter + "' is not valid.");
    }
}
