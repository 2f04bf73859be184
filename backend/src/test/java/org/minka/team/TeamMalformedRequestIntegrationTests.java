package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every team endpoint that takes a JSON body refuses other media types with 415 and broken JSON
 * with 400, and every id in a team path is checked, all as problem+json with nothing stored.
 */
class TeamMalformedRequestIntegrationTests extends IntegrationTest {

    private static final UUID E = UUID.randomUUID();
    private static final UUID T = UUID.randomUUID();

    static Stream<Arguments> bodies() {
        String base = "/api/v1/events/" + E;
        String team = base + "/teams/" + T;
        return Stream.of(
                Arguments.of(HttpMethod.POST, base + "/registrations"),
                Arguments.of(HttpMethod.PUT, base + "/registrations/me"),
                Arguments.of(HttpMethod.POST, base + "/teams"),
                Arguments.of(HttpMethod.POST, base + "/teams/join"),
                Arguments.of(HttpMethod.PATCH, team),
                Arguments.of(HttpMethod.POST, team + "/captain"),
                Arguments.of(HttpMethod.POST, team + "/members"),
                Arguments.of(HttpMethod.POST, team + "/members/" + T + "/move"),
                Arguments.of(HttpMethod.POST, team + "/challenges"),
                Arguments.of(HttpMethod.POST, team + "/invitations"),
                Arguments.of(HttpMethod.POST, team + "/join-requests"));
    }

    static Stream<Arguments> ids() {
        String base = "/api/v1/events/" + E;
        String team = base + "/teams/" + T;
        return Stream.of(
                Arguments.of(HttpMethod.PATCH, base + "/teams/x", "teamId"),
                Arguments.of(HttpMethod.POST, team + "/members/x/move", "userId"),
                Arguments.of(HttpMethod.GET, base + "/teams/x/invitations", "teamId"),
                Arguments.of(HttpMethod.DELETE, team + "/invitations/x", "invitationId"),
                Arguments.of(HttpMethod.POST, base + "/invitations/x/accept", "invitationId"),
                Arguments.of(HttpMethod.POST, base + "/invitations/x/decline", "invitationId"),
                Arguments.of(HttpMethod.GET, base + "/teams/x/join-requests", "teamId"),
                Arguments.of(HttpMethod.POST, team + "/join-requests/x/approve", "requestId"),
                Arguments.of(HttpMethod.POST, team + "/join-requests/x/decline", "requestId"),
                Arguments.of(HttpMethod.DELETE, base + "/join-requests/x", "requestId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/x/teams", "eventId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/x/team-stats", "eventId"),
                Arguments.of(HttpMethod.GET, "/api/v1/events/x/finder/people", "eventId"),
                Arguments.of(HttpMethod.GET, base + "/gallery/teams/x", "teamId"),
                Arguments.of(
                        HttpMethod.GET, "/api/v1/events/x/registrations/me/export", "eventId"));
    }

    private long stored() {
        return count(
                "select (select count(*) from teams) + (select count(*) from registrations)"
                        + " + (select count(*) from team_invitations) + (select count(*) from team_join_requests)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bodies")
    void wrongMediaTypeThen415AndBrokenJsonThen400(HttpMethod method, String path) {
        String token = tokens.user("malformed-team", true);
        long before = stored();
        web.method(method)
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/unsupported-media-type");
        web.method(method)
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/malformed-request")
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).doesNotContain("Exception"));
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ids")
    void malformedIdThenBadRequestNamingIt(HttpMethod method, String path, String parameter) {
        var request =
                web.method(method)
                        .uri(path)
                        .headers(h -> h.setBearerAuth(tokens.user("malformed-team", true)));
        var response =
                method == HttpMethod.PATCH || path.endsWith("/move")
                        ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                        : request.exchange();
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

    static Stream<Arguments> pages() {
        String base = "/api/v1/events/" + E;
        return Stream.of(
                Arguments.of(base + "/teams?limit=0", "validation-failed"),
                Arguments.of(base + "/teams?cursor=garbage", "invalid-cursor"),
                Arguments.of(base + "/teams?challenge=x", "malformed-request"),
                Arguments.of(base + "/teams?belowMinimum=maybe", "malformed-request"),
                Arguments.of(base + "/registrations?limit=101", "validation-failed"),
                Arguments.of(base + "/registrations?inTeam=perhaps", "malformed-request"),
                Arguments.of(base + "/finder/teams?cursor=garbage", "invalid-cursor"),
                Arguments.of(base + "/finder/people?limit=-1", "validation-failed"),
                Arguments.of(base + "/gallery/teams?limit=0", "validation-failed"));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("pages")
    void badQueryParametersThenBadRequest(String path, String slug) {
        web.get()
                .uri(path)
                .headers(h -> h.setBearerAuth(tokens.user("malformed-team", true)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/" + slug);
    }
}
