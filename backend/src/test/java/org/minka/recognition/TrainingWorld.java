package org.minka.recognition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;

/**
 * Callers of the training endpoints: anonymous, a citizen, an organizer of an event who did not
 * create the course, the organizer who created it, and an admin; one course with four sessions.
 */
final class TrainingWorld {

    final Api api;
    final User admin;
    final User citizen;
    final User otherOrganizer;
    final User creator;
    final UUID course;
    final List<UUID> sessions;

    TrainingWorld(Api api, Fixtures fixtures, int seats) {
        this.api = api;
        admin = fixtures.admin();
        citizen = fixtures.user("citizen");
        otherOrganizer = organizer(fixtures, admin);
        creator = organizer(fixtures, admin);
        Api.Reply created =
                api.post(
                                creator,
                                "/api/v1/recognition/courses",
                                courseBody("Datos abiertos", seats, 4))
                        .expect(201);
        course = created.id();
        sessions =
                created.<List<String>>json("$.sessions[*].id").stream()
                        .map(UUID::fromString)
                        .toList();
    }

    static User organizer(Fixtures fixtures, User admin) {
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        return organizer;
    }

    static Map<String, Object> courseBody(String title, int seats, int sessions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title + " " + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "Publicar, describir y mantener conjuntos de datos.");
        body.put("modality", "ONLINE");
        body.put("language", "es");
        body.put("seats", seats);
        body.put("completionPercent", 75);
        List<Map<String, Object>> list = new ArrayList<>();
        Instant start = Instant.parse("2027-03-01T15:00:00Z");
        for (int i = 0; i < sessions; i++) {
            list.add(
                    Map.of(
                            "startsAt",
                            start.plus(7L * i, ChronoUnit.DAYS).toString(),
                            "durationMinutes",
                            120,
                            "link",
                            "https://meet.example.org/datos-" + i));
        }
        body.put("sessions", list);
        return body;
    }

    /** Tokens in column order: anonymous, citizen, other organizer, creator, admin. */
    String[] tokens() {
        return new String[] {
            null, citizen.token(), otherOrganizer.token(), creator.token(), admin.token()
        };
    }

    String path(String template) {
        return template.replace("{c}", course.toString())
                .replace("{s}", sessions.get(0).toString());
    }
}
