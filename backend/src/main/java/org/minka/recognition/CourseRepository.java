package org.minka.recognition;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class CourseRepository {

    private static final String COURSE =
            """
            c.id, c.title, c.description, c.modality, c.language, c.seats, c.enrolled,
            c.completion_percent, c.created_by, c.created_at, c.version,
            (select count(*) from course_enrolments e
              where e.course_id = c.id and e.completed_at is not null) as completed""";

    private final DatabaseClient db;

    CourseRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A course row, without its sessions. */
    record Row(
            UUID id,
            String title,
            String description,
            String modality,
            String language,
            int seats,
            int enrolled,
            int completionPercent,
            UUID createdBy,
            Instant createdAt,
            long version,
            long completed) {}

    Mono<UUID> insertCourse(Course.Create c, UUID by) {
        return db.sql(
                        """
                        insert into courses (title, description, modality, language, seats,
                          completion_percent, created_by)
                        values (:title, :description, :modality, :language, :seats, :percent, :by)
                        returning id""")
                .bind("title", c.title().strip())
                .bind("description", c.description() == null ? "" : c.description())
                .bind("modality", c.modality())
                .bind("language", c.language() == null ? "es" : c.language())
                .bind("seats", c.seats())
                .bind("percent", c.completionPercent() == null ? 75 : c.completionPercent())
                .bind("by", by)
                .map(row -> row.get(0, UUID.class))
                .one();
    }

    Mono<Void> insertSession(UUID courseId, Course.NewSession s) {
        return db.sql(
                        """
                        insert into course_sessions (course_id, starts_at, duration_minutes,
                          place, link)
                        values (:c, :at, :minutes, :place, :link)""")
                .bind("c", courseId)
                .bind("at", s.startsAt())
                .bind("minutes", s.durationMinutes())
                .bind("place", Parameter.fromOrEmpty(blankToNull(s.place()), String.class))
                .bind("link", Parameter.fromOrEmpty(blankToNull(s.link()), String.class))
                .then();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    Mono<Row> find(UUID id) {
        return db.sql("select " + COURSE + " from courses c where c.id = :id")
                .bind("id", id)
                .map(CourseRepository::row)
                .one();
    }

    Flux<Row> list(PageRequest page) {
        Cursor after = page.after();
        String where = after == null ? "" : " where (c.created_at, c.id) > (:at, :id)";
        var spec =
                db.sql(
                        "select "
                                + COURSE
                                + " from courses c"
                                + where
                                + " order by c.created_at, c.id limit :n");
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.bind("n", page.fetchSize()).map(CourseRepository::row).all();
    }

    /** Sessions with their course id, for grouping. */
    record SessionOf(UUID courseId, Course.Session session) {}

    Flux<SessionOf> sessionsOf(Collection<UUID> courseIds) {
        return db.sql(
                        """
                        select id, course_id, starts_at, duration_minutes, place, link
                        from course_sessions where course_id = any(:ids)
                        order by starts_at, id""")
                .bind("ids", courseIds.toArray(UUID[]::new))
                .map(r -> new SessionOf(r.get("course_id", UUID.class), session(r)))
                .all();
    }

    /** Takes a seat; 0 when the course is full (or gone). */
    Mono<Long> takeSeat(UUID courseId) {
        return db.sql(
                        """
                        update courses set enrolled = enrolled + 1, version = version + 1
                        where id = :c and enrolled < seats""")
                .bind("c", courseId)
                .fetch()
                .rowsUpdated();
    }

    Mono<Void> insertEnrolment(UUID courseId, UUID userId, UUID publisherId) {
        return db.sql(
                        """
                        insert into course_enrolments (course_id, user_id, publisher_id)
                        values (:c, :u, :p)""")
                .bind("c", courseId)
                .bind("u", userId)
                .bind("p", Parameter.fromOrEmpty(publisherId, UUID.class))
                .then();
    }

    private static final String ENROLMENT =
            """
            e.course_id, e.user_id, e.publisher_id, e.enrolled_at, e.completed_at,
            e.certificate_code,
            (select count(*) from course_attendance a
              where a.course_id = e.course_id and a.user_id = e.user_id) as attended,
            (select count(*) from course_sessions s where s.course_id = e.course_id) as sessions""";

    Mono<Course.Enrolment> enrolment(UUID courseId, UUID userId) {
        return db.sql(
                        "select "
                                + ENROLMENT
                                + " from course_enrolments e where e.course_id = :c"
                                + " and e.user_id = :u")
                .bind("c", courseId)
                .bind("u", userId)
                .map(CourseRepository::enrolment)
                .one();
    }

    Flux<Course.Enrolment> enrolments(UUID courseId, PageRequest page) {
        Cursor after = page.after();
        String where = after == null ? "" : " and (e.enrolled_at, e.user_id) > (:at, :id)";
        var spec =
                db.sql(
                        "select "
                                + ENROLMENT
                                + " from course_enrolments e where e.course_id = :c"
                                + where
                                + " order by e.enrolled_at, e.user_id limit :n");
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.bind("c", courseId)
                .bind("n", page.fetchSize())
                .map(CourseRepository::enrolment)
                .all();
    }

    Mono<Boolean> sessionOf(UUID courseId, UUID sessionId) {
        return db.sql(
                        """
                        select exists (select 1 from course_sessions
                          where course_id = :c and id = :s)""")
                .bind("c", courseId)
                .bind("s", sessionId)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }

    /** Of these users, the ones not enrolled in the course, in the order given. */
    Flux<UUID> notEnrolled(UUID courseId, List<UUID> userIds) {
        return db.sql(
                        """
                        select u from unnest(cast(:users as uuid[])) with ordinality as t(u, n)
                        where not exists (select 1 from course_enrolments e
                          where e.course_id = :c and e.user_id = t.u)
                        order by n""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("c", courseId)
                .map(row -> row.get(0, UUID.class))
                .all();
    }

    Mono<Long> markAttendance(UUID courseId, UUID sessionId, List<UUID> userIds, UUID by) {
        return db.sql(
                        """
                        insert into course_attendance (course_id, session_id, user_id, marked_by)
                        select :c, :s, u, :by from unnest(cast(:users as uuid[])) as u
                        on conflict do nothing""")
                .bind("c", courseId)
                .bind("s", sessionId)
                .bind("users", userIds.stream().distinct().toArray(UUID[]::new))
                .bind("by", by)
                .fetch()
                .rowsUpdated();
    }

    /** Marks complete the enrolments that reached the course's rule; returns their users. */
    Flux<UUID> complete(UUID courseId, Instant at) {
        return db.sql(
                        """
                        update course_enrolments e set completed_at = :at
                        from courses c
                        where c.id = e.course_id and e.course_id = :c and e.completed_at is null
                          and (select count(*) from course_attendance a
                               where a.course_id = e.course_id and a.user_id = e.user_id) * 100
                            >= c.completion_percent
                               * (select count(*) from course_sessions s where s.course_id = :c)
                        returning e.user_id""")
                .bind("c", courseId)
                .bind("at", at)
                .map(row -> row.get(0, UUID.class))
                .all();
    }

    /** Completed enrolments of the course that have no certificate yet. */
    Flux<UUID> completedWithoutCertificate(UUID courseId) {
        return db.sql(
                        """
                        select user_id from course_enrolments
                        where course_id = :c and completed_at is not null
                          and certificate_code is null
                        order by completed_at, user_id""")
                .bind("c", courseId)
                .map(row -> row.get(0, UUID.class))
                .all();
    }

    Mono<Void> setCertificate(UUID courseId, UUID userId, String code) {
        return db.sql(
                        """
                        update course_enrolments set certificate_code = :code
                        where course_id = :c and user_id = :u and certificate_code is null""")
                .bind("code", code)
                .bind("c", courseId)
                .bind("u", userId)
                .then();
    }

    /** Per publisher, its officials (distinct users) who completed a course in [from, to). */
    Flux<ScoreSignals.Trained> trained(Collection<UUID> publisherIds, Instant from, Instant to) {
        return db.sql(
                        """
                        select publisher_id, count(distinct user_id) as n from course_enrolments
                        where publisher_id = any(:p) and completed_at >= :from
                          and completed_at < :to
                        group by publisher_id order by publisher_id""")
                .bind("p", publisherIds.toArray(UUID[]::new))
                .bind("from", from)
                .bind("to", to)
                .map(r -> new ScoreSignals.Trained(r.get(0, UUID.class), r.get(1, Long.class)))
                .all();
    }

    private static Row row(Readable r) {
        return new Row(
                r.get("id", UUID.class),
                r.get("title", String.class),
                r.get("description", String.class),
                r.get("modality", String.class),
                r.get("language", String.class),
                r.get("seats", Integer.class),
                r.get("enrolled", Integer.class),
                r.get("completion_percent", Integer.class),
                r.get("created_by", UUID.class),
                r.get("created_at", Instant.class),
                r.get("version", Long.class),
                r.get("completed", Long.class));
    }

    private static Course.Session session(Readable r) {
        return new Course.Session(
                r.get("id", UUID.class),
                r.get("starts_at", Instant.class),
                r.get("duration_minutes", Integer.class),
                r.get("place", String.class),
                r.get("link", String.class));
    }

    private static Course.Enrolment enrolment(Readable r) {
        return new Course.Enrolment(
                r.get("course_id", UUID.class),
                r.get("user_id", UUID.class),
                null,
                r.get("publisher_id", UUID.class),
                r.get("enrolled_at", Instant.class),
                r.get("attended", Long.class).intValue(),
                r.get("sessions", Long.class).intValue(),
                r.get("completed_at", Instant.class),
                r.get("certificate_code", String.class));
    }
}
