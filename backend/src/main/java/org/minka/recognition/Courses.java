package org.minka.recognition;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.ChallengeDatasetPort;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The course catalogue: event organizers and admins create courses with their sessions; anyone
 * reads them. A course is managed (attendance, enrolments, revocation) by its creator and admins.
 */
@Service
class Courses {

    private final CourseRepository repository;
    private final ChallengeDatasetPort events;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    Courses(
            CourseRepository repository,
            ChallengeDatasetPort events,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.events = events;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Creates a course with its sessions (event organizers and admins). */
    Mono<Course> create(Course.Create request, CurrentUser user) {
        return requireCreator(user)
                .then(Mono.fromRunnable(() -> checkSessions(request)))
                .then(Mono.defer(() -> inserted(request, user)))
                .flatMap(this::course);
    }

    private Mono<Void> requireCreator(CurrentUser user) {
        Mono<Boolean> allowed =
                user.admin() ? Mono.just(true) : events.organizesAnyEvent(user.id());
        return Checks.require(allowed, MinkaException::forbidden);
    }

    private static void checkSessions(Course.Create request) {
        boolean inPerson = "IN_PERSON".equals(request.modality());
        for (int i = 0; i < request.sessions().size(); i++) {
            Course.NewSession s = request.sessions().get(i);
            boolean ok = inPerson ? present(s.place()) : present(s.link());
            if (!ok) {
                String field = "sessions[" + i + "]." + (inPerson ? "place" : "link");
                throw MinkaException.invalid(
                        field,
                        inPerson
                                ? "an in-person session needs a place"
                                : "an online session needs a link");
            }
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private Mono<UUID> inserted(Course.Create request, CurrentUser user) {
        Mono<UUID> write =
                repository
                        .insertCourse(request, user.id())
                        .flatMap(id -> sessionsInserted(id, request).thenReturn(id))
                        .flatMap(id -> created(id, request, user).thenReturn(id));
        return write.as(tx::transactional);
    }

    private Mono<Void> sessionsInserted(UUID courseId, Course.Create request) {
        return Flux.fromIterable(request.sessions())
                .concatMap(s -> repository.insertSession(courseId, s))
                .then();
    }

    private Mono<Void> created(UUID courseId, Course.Create request, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "courseId", courseId.toString(),
                        "title", request.title().strip(),
                        "sessions", request.sessions().size());
        return audit.record(null, user.id(), "recognition.course.created", details);
    }

    /** A course with its sessions, or 404. */
    Mono<Course> course(UUID id) {
        return row(id).flatMap(this::withSessions);
    }

    /** The course's row, or 404. */
    Mono<CourseRepository.Row> row(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(MinkaException.notFound("course")));
    }

    /** The course's row when the user manages it (creator or admin): else 403 (404 if none). */
    Mono<CourseRepository.Row> managed(UUID id, CurrentUser user) {
        return row(id).flatMap(r -> manages(r, user) ? Mono.just(r) : forbidden());
    }

    private static Mono<CourseRepository.Row> forbidden() {
        return Mono.error(MinkaException.forbidden());
    }

    static boolean manages(CourseRepository.Row row, CurrentUser user) {
        return user != null && (user.admin() || row.createdBy().equals(user.id()));
    }

    /** The catalogue, oldest first. */
    Mono<CursorPage<Course>> list(PageRequest page) {
        return repository.list(page).collectList().flatMap(rows -> paged(rows, page));
    }

    private Mono<CursorPage<Course>> paged(List<CourseRepository.Row> rows, PageRequest page) {
        List<UUID> ids = rows.stream().map(CourseRepository.Row::id).toList();
        return sessionsByCourse(ids)
                .map(
                        sessions ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        CourseRepository.Row::createdAt,
                                        CourseRepository.Row::id,
                                        r -> view(r, sessions.getOrDefault(r.id(), List.of()))));
    }

    private Mono<Map<UUID, List<Course.Session>>> sessionsByCourse(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return repository
                .sessionsOf(ids)
                .collect(
                        Collectors.groupingBy(
                                CourseRepository.SessionOf::courseId,
                                Collectors.mapping(
                                        CourseRepository.SessionOf::session, Collectors.toList())));
    }

    private Mono<Course> withSessions(CourseRepository.Row row) {
        return sessionsByCourse(List.of(row.id()))
                .map(s -> view(row, s.getOrDefault(row.id(), List.of())));
    }

    static Course view(CourseRepository.Row r, List<Course.Session> sessions) {
        return new Course(
                r.id(),
                r.title(),
                r.description(),
                r.modality(),
                r.language(),
                r.seats(),
                r.seats() - r.enrolled(),
                r.completionPercent(),
                r.completed(),
                sessions,
                r.createdAt(),
                r.version());
    }

    static MinkaException full() {
        return new MinkaException(ProblemType.COURSE_FULL);
    }
}
