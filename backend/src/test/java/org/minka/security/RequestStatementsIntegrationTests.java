package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.StatementCounter;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

/**
 * Issue 12, item 13: what every authenticated request costs before its own work. Statements are
 * counted where the application creates them, on a connection factory that records each SQL text.
 */
@Import(StatementCounter.class)
class RequestStatementsIntegrationTests extends IntegrationTest {

    @Test
    void getWhenOrganizerReadsUnpublishedEventThenOneStatementBeforeItsOwnWork() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        List<String> seen =
                StatementCounter.fewest(
                        () ->
                                web.get()
                                        .uri("/api/v1/events/{id}", event)
                                        .headers(h -> h.setBearerAuth(organizer.token()))
                                        .exchange()
                                        .expectStatus()
                                        .isOk());
        // one for the caller's standing in the event, one for its phases (the read itself)
        assertThat(seen).as("statements: %s", seen).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void patchWhenOrganizerEditsEventThenOneStatementBeforeItsOwnWork() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        List<String> seen =
                StatementCounter.fewest(
                        () ->
                                web.patch()
                                        .uri("/api/v1/events/{id}", event)
                                        .headers(h -> h.setBearerAuth(organizer.token()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(Map.of("title", "T " + UUID.randomUUID()))
                                        .exchange()
                                        .expectStatus()
                                        .isOk());
        // the standing check, then its own work: the update, the audit entry and the phases
        assertThat(seen).as("statements: %s", seen).hasSizeLessThanOrEqualTo(4);
    }
}
