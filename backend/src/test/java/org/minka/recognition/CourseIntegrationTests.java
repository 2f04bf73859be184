package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** Issue 16 item 4: courses, seats under concurrency, bulk attendance, completion, signal. */
class CourseIntegrationTests extends IntegrationTest {

    @Autowired org.minka.storage.ObjectStore bucket;

    /** Certificates are stored: the bucket is there even if startup could not create it. */
    @org.junit.jupiter.api.BeforeEach
    void bucketReady() {
        bucket.ensureBucket().block();
    }

    @Autowired ScoreSignals signals;

    private Api api;

    @BeforeEach
    void setUp() {
        api = new Api(web, fixtures);
    }

    private long courses(String title) {
        return count("select count(*) from courses where title = $1", title);
    }

    private Api.Reply attend(TrainingWorld w, User by, UUID session, List<User> users) {
        return api.call(
                HttpMethod.PUT,
                by,
                "/api/v1/recognition/courses/{c}/sessions/{s}/attendance",
                Map.of("userIds", users.stream().map(u -> u.id().toString()).toList()),
                w.course,
                session);
    }

    private void enrol(TrainingWorld w, User user) {
        api.post(user, "/api/v1/recognition/courses/{c}/enrolments", null, w.course).expect(201);
    }

    @Test
    void createWhenOrganizerThenCataloguePublicWithSessionsAndEtag() {
        TrainingWorld w = new TrainingWorld(api, fixtures, 30);

        Api.Reply read = api.get(null, "/api/v1/recognition/courses/{c}", w.course).expect(200);
        assertThat(read.<Integer>json("$.seatsLeft")).isEqualTo(30);
        assertThat(read.<List<Object>>json("$.sessions")).hasSize(4);
        assertThat(read.<String>json("$.modality")).isEqualTo("ONLINE");
        String etag = read.headers().getETag();
        web.get()
                .uri("/api/v1/recognition/courses/{c}", w.course)
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void createWhenBadInputThen400AndNothingStored() {
        User organizer = TrainingWorld.organizer(fixtures, fixtures.admin());
        Map<String, Object> noSessions = TrainingWorld.courseBody("Vacío", 10, 0);
        Map<String, Object> noSeats = TrainingWorld.courseBody("Sin cupos", 0, 2);
        Map<String, Object> inPersonNoPlace = TrainingWorld.courseBody("Presencial", 10, 2);
        inPersonNoPlace.put("modality", "IN_PERSON");
        Map<String, Object> badModality = TrainingWorld.courseBody("Modalidad", 10, 2);
        badModality.put("modality", "HYBRID");

        for (Map<String, Object> body :
                List.of(noSessions, noSeats, inPersonNoPlace, badModality)) {
            api.post(organizer, "/api/v1/recognition/courses", body)
                    .problem(400, "validation-failed");
            assertThat(courses((String) body.get("title"))).isZero();
        }
    }

    @Test
    void enrolWhenLastSeatRacedThenExactlyOneWins() throws Exception {
        TrainingWorld w = new TrainingWorld(api, fixtures, 1);
        int racers = 6;
        List<User> users = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            users.add(fixtures.user("racer"));
        }
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (User user : users) {
                Callable<Api.Reply> call =
                        () -> {
                            start.await();
                            return api.post(
                                    user,
                                    "/api/v1/recognition/courses/{c}/enrolments",
                                    null,
                                    w.course);
                        };
                replies.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                Api.Reply r = reply.get();
                statuses.add(r.status());
                if (r.status() == 409) {
                    r.problem(409, "course-full");
                }
            }
            assertThat(statuses).containsOnlyOnce(201);
            assertThat(statuses.stream().filter(s -> s == 409)).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from course_enrolments where course_id = $1", w.course))
                .isEqualTo(1);
        assertThat(count("select enrolled::bigint from courses where id = $1", w.course))
                .isEqualTo(1);
    }

    @Test
    void enrolWhenTwiceOrNotMemberOrUnknownPublisherThenProblemAndSeatKept() {
        TrainingWorld w = new TrainingWorld(api, fixtures, 5);
        enrol(w, w.citizen);
        api.post(w.citizen, "/api/v1/recognition/courses/{c}/enrolments", null, w.course)
                .problem(409, "already-enrolled");

        UUID publisher = publisher(w.admin);
        User outsider = fixtures.user("outsider");
        api.post(
                        outsider,
                        "/api/v1/recognition/courses/{c}/enrolments",
                        Map.of("publisherId", publisher.toString()),
                        w.course)
                .problem(422, "not-a-member");
        api.post(
                        outsider,
                        "/api/v1/recognition/courses/{c}/enrolments",
                        Map.of("publisherId", UUID.randomUUID().toString()),
                        w.course)
                .problem(422, "unknown-publisher");
        api.post(outsider, "/api/v1/recognition/courses/{c}/enrolments", null, UUID.randomUUID())
                .problem(404, "not-found");

        assertThat(
                        api.get(null, "/api/v1/recognition/courses/{c}", w.course)
                                .<Integer>json("$.seatsLeft"))
                .isEqualTo(4);
        assertThat(
                        count(
                                "select count(*) from course_enrolments where user_id = $1",
                                outsider.id()))
                .isZero();
    }

    private UUID publisher(User admin) {
        return api.post(
                        admin,
                        "/api/v1/catalog/publishers",
                        Map.of(
                                "name",
                                "Municipalidad " + UUID.randomUUID().toString().substring(0, 8),
                                "type",
                                "MUNICIPALITY"))
                .expect(201)
                .id();
    }

    private void grant(User admin, UUID publisher, User member) {
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/catalog/publishers/{p}/members/{u}",
                        null,
                        publisher,
                        member.id())
                .expect(204);
    }

    @Test
    void attendanceWhenSessionOfAnotherCourseOrUserNotEnrolledThen422AndNothingStored() {
        TrainingWorld w = new TrainingWorld(api, fixtures, 10);
        TrainingWorld other = new TrainingWorld(api, fixtures, 10);
        enrol(w, w.citizen);
        User stranger = fixtures.user("stranger");

        attend(w, w.creator, other.sessions.get(0), List.of(w.citizen))
                .problem(422, "unknown-session");
        attend(w, w.creator, w.sessions.get(0), List.of(w.citizen, stranger))
                .problem(422, "not-enrolled");
        api.call(
                        HttpMethod.PUT,
                        w.creator,
                        "/api/v1/recognition/courses/{c}/sessions/{s}/attendance",
                        Map.of("userIds", List.of()),
                        w.course,
                        w.sessions.get(0))
                .problem(400, "validation-failed");

        assertThat(count("select count(*) from course_attendance where course_id = $1", w.course))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from course_attendance where session_id = $1",
                                other.sessions.get(0)))
                .isZero();
    }

    @Test
    void attendanceWhenRuleReachedThenCompletedWithCertificateAndOfficialCounted() {
        TrainingWorld w = new TrainingWorld(api, fixtures, 10);
        UUID publisher = publisher(w.admin);
        User official = fixtures.user("official");
        grant(w.admin, publisher, official);
        api.post(
                        official,
                        "/api/v1/recognition/courses/{c}/enrolments",
                        Map.of("publisherId", publisher.toString()),
                        w.course)
                .expect(201);
        enrol(w, w.citizen);
        Instant before = Instant.now().minusSeconds(5);

        // 4 sessions at 75 %: 3 attended completes (300 >= 75 * 4), 2 do not (200 < 300)
        attend(w, w.creator, w.sessions.get(0), List.of(official, w.citizen)).expect(200);
        Api.Reply second = attend(w, w.creator, w.sessions.get(1), List.of(official, w.citizen));
        assertThat(second.<List<String>>json("$.completed")).isEmpty();
        Api.Reply third = attend(w, w.admin, w.sessions.get(2), List.of(official)).expect(200);
        assertThat(third.<List<String>>json("$.completed"))
                .containsExactly(official.id().toString());
        Api.Reply again = attend(w, w.creator, w.sessions.get(2), List.of(official)).expect(200);
        assertThat(again.<Integer>json("$.marked")).isZero();

        Api.Reply mine =
                api.get(official, "/api/v1/recognition/courses/{c}/enrolments/me", w.course)
                        .expect(200);
        assertThat(mine.<Integer>json("$.attended")).isEqualTo(3);
        String code = mine.json("$.certificateCode");
        assertThat(code).matches("[A-Z2-7]{26}");
        Api.Reply citizen =
                api.get(w.citizen, "/api/v1/recognition/courses/{c}/enrolments/me", w.course)
                        .expect(200);
        assertThat(citizen.<String>json("$.certificateCode")).isNull();
        assertThat(citizen.<String>json("$.completedAt")).isNull();

        Api.Reply cert = api.get(null, "/api/v1/certificates/{code}", code).expect(200);
        assertThat(cert.<String>json("$.kind")).isEqualTo("course");
        assertThat(cert.<String>json("$.subjectId")).isEqualTo(w.course.toString());
        assertThat(cert.<Boolean>json("$.revoked")).isFalse();
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = $2",
                                official.id(),
                                "certificate.issued"))
                .isEqualTo(1);

        Instant after = Instant.now().plus(Duration.ofMinutes(1));
        assertThat(
                        signals.officialsTrained(List.of(publisher), before, after)
                                .collectList()
                                .block())
                .containsExactly(new ScoreSignals.Trained(publisher, 1));
        assertThat(
                        signals.officialsTrained(List.of(publisher), after, after.plusSeconds(60))
                                .collectList()
                                .block())
                .isEmpty();

        Api.Reply list =
                api.get(w.creator, "/api/v1/recognition/courses/{c}/enrolments", w.course)
                        .expect(200);
        assertThat(list.<List<Object>>json("$.items")).hasSize(2);
        assertThat(
                        api.get(null, "/api/v1/recognition/courses/{c}", w.course)
                                .<Integer>json("$.completed"))
                .isEqualTo(1);

        // the course's creator may revoke its certificates; another organizer may not
        Map<String, Object> reason = Map.of("reason", "Asistencia registrada por error");
        api.post(w.otherOrganizer, "/api/v1/certificates/{code}/revocation", reason, code)
                .problem(403, "forbidden");
        api.post(w.creator, "/api/v1/certificates/{code}/revocation", reason, code).expect(200);
        assertThat(api.get(null, "/api/v1/certificates/{code}", code).<Boolean>json("$.revoked"))
                .isTrue();
    }
}
