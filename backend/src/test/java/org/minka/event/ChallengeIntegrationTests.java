package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class ChallengeIntegrationTests extends IntegrationTest {

    @Test
    void createWhenOrganizerThenStoredWithDatasetsAndReadableOncePublished() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID challenge = fixtures.challenge(event, admin, "Brechas de vacunación");
        web.get()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .exchange()
                .expectStatus()
                .isNotFound();
        web.post()
                .uri("/api/v1/events/{id}/publish", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists(HttpHeaders.ETAG)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Brechas de vacunación")
                .jsonPath("$.eventId")
                .isEqualTo(event.toString())
                .jsonPath("$.themes[0]")
                .isEqualTo("salud")
                .jsonPath("$.datasets[0].landingUrl")
                .value(
                        url ->
                                assertThat((String) url)
                                        .startsWith("https://www.datosabiertos.gob.pe/dataset/"))
                .jsonPath("$.datasets[0].portalId")
                .isEqualTo("vacunacion-contra-covid-19");
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'challenge.created'",
                                event))
                .isEqualTo(1);
    }

    @Test
    void listWhenPublishedThenPagedWithDatasets() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        for (int i = 0; i < 3; i++) {
            fixtures.challenge(event, admin, "Reto " + i);
        }
        var first =
                web.get()
                        .uri("/api/v1/events/{e}/challenges?limit=2", event)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .exists(HttpHeaders.LINK)
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) first.get("items")).get(0)).get("datasets"))
                .asList()
                .hasSize(1);
        web.get()
                .uri(
                        "/api/v1/events/{e}/challenges?limit=2&cursor={c}",
                        event,
                        first.get("nextCursor"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(1)
                .jsonPath("$.items[0].title")
                .isEqualTo("Reto 2")
                .jsonPath("$.nextCursor")
                .doesNotExist();
    }

    @Test
    void createWhenNoDatasetThenValidationProblemAndNothingStored() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        Map<String, Object> body = new HashMap<>(Fixtures.challengeBody("Sin datos"));
        body.put("datasets", List.of());
        post(event, admin, body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("datasets");
        assertThat(count("select count(*) from challenges where event_id = $1", event)).isZero();
    }

    @Test
    void createWhenDatasetUrlInvalidThenValidationProblemAndNothingStored() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        Map<String, Object> body = new HashMap<>(Fixtures.challengeBody("URL mala"));
        body.put("datasets", List.of(Map.of("title", "Algo", "landingUrl", "javascript:alert(1)")));
        post(event, admin, body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("datasets[0].landingUrl")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be an http or https URL");
        assertThat(count("select count(*) from challenges where event_id = $1", event)).isZero();
    }

    @Test
    void createWhenTitleMissingThenValidationProblem() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        Map<String, Object> body = new HashMap<>(Fixtures.challengeBody("x"));
        body.remove("title");
        post(event, admin, body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("title");
        post(event, admin, "[1,2").expectStatus().isBadRequest();
        assertThat(count("select count(*) from challenges where event_id = $1", event)).isZero();
    }

    @Test
    void createWhenEventUnknownThenNotFound() {
        post(UUID.randomUUID(), fixtures.admin(), Fixtures.challengeBody("x"))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void updateWhenDatasetsReplacedThenNewListAndVersionBumped() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        UUID challenge = fixtures.challenge(event, admin, "Aire");
        web.patch()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "\"0\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of(
                                "datasets",
                                List.of(
                                        Map.of(
                                                "title",
                                                "Calidad del aire A",
                                                "landingUrl",
                                                "https://www.datosabiertos.gob.pe/dataset/a"),
                                        Map.of(
                                                "title",
                                                "Calidad del aire B",
                                                "landingUrl",
                                                "https://www.datosabiertos.gob.pe/dataset/b"))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody()
                .jsonPath("$.datasets.length()")
                .isEqualTo(2)
                .jsonPath("$.datasets[1].title")
                .isEqualTo("Calidad del aire B")
                .jsonPath("$.title")
                .isEqualTo("Aire");
    }

    @Test
    void updateWhenStaleThenPreconditionFailedAndUnchanged() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID challenge = fixtures.challenge(event, admin, "Original");
        web.patch()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "\"5\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Cambiado"))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        assertThat(
                        count(
                                "select count(*) from challenges where id = $1 and title = 'Original'",
                                challenge))
                .isEqualTo(1);
    }

    @Test
    void updateWhenEmptyDatasetListThenValidationProblemAndDatasetsKept() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID challenge = fixtures.challenge(event, admin, "Con datos");
        web.patch()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("datasets", List.of()))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(
                        count(
                                "select count(*) from challenge_datasets where challenge_id = $1",
                                challenge))
                .isEqualTo(1);
    }

    @Test
    void deleteWhenOrganizerThenGoneWithDatasets() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        UUID challenge = fixtures.challenge(event, admin, "Temporal");
        web.delete()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        web.get()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(
                        count(
                                "select count(*) from challenge_datasets where challenge_id = $1",
                                challenge))
                .isZero();
        web.delete()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void deleteWhenStaleThenPreconditionFailedAndKept() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID challenge = fixtures.challenge(event, admin, "Se queda");
        web.delete()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "\"3\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        assertThat(count("select count(*) from challenges where id = $1", challenge)).isEqualTo(1);
    }

    @Test
    void getWhenChallengeOfAnotherEventThenNotFound() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        UUID other = fixtures.event(admin, true);
        UUID challenge = fixtures.challenge(other, admin, "Ajeno");
        web.get()
                .uri("/api/v1/events/{e}/challenges/{c}", event, challenge)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
            UUID event, User user, Object body) {
        return web.post()
                .uri("/api/v1/events/{e}/challenges", event)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
