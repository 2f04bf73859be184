package org.minka.recognition;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Bulk attendance per session, by the course's managers, all or nothing: a session of another
 * course or a user who is not enrolled fails the whole request and stores nothing. Marks that bring
 * a participant to the course's rule complete their enrolment in the same transaction; the
 * certificates follow once it has committed.
 */
@Service
class CourseAttendance {

    private final Courses courses;
    private final CourseRepository repository;
    private final CourseCertificates certificates;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;

    CourseAttendance(
            Courses courses,
            CourseRepository repository,
            CourseCertificates certificates,
            AuditLog audit,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.courses = courses;
        this.repository = repository;
        this.certificates = certificates;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Marks these participants present at the session; completes and certifies who qualify. */
    Mono<Course.AttendanceResult> mark(
            UUID courseId, UUID sessionId, List<UUID> userIds, CurrentUser user) {
        return courses.managed(courseId, user)
                .flatMap(course -> marked(course, sessionId, userIds, user))
                .flatMap(result -> certificates.issueDue(courseId).thenReturn(result));
    }

    private Mono<Course.AttendanceResult> marked(
            CourseRepository.Row course, UUID sessionId, List<UUID> userIds, CurrentUser user) {
        Mono<Course.AttendanceResult> write =
                ofCourse(course.id(), sessionId)
                        .then(enrolled(course.id(), userIds))
                        .then(repository.markAttendance(course.id(), sessionId, userIds, user.id()))
                        .flatMap(n -> completed(course.id(), sessionId, n))
                        .flatMap(result -> audited(course.id(), result, user).thenReturn(result));
        return write.as(tx::transactional);
    }

    private Mono<Void> ofCourse(UUID courseId, UUID sessionId) {
        return Checks.require(
                repository.sessionOf(courseId, sessionId),
                () -> new MinkaException(ProblemType.UNKNOWN_SESSION, sessionId.toString()));
    }

    private Mono<Void> enrolled(UUID courseId, List<UUID> userIds) {
        return repository
                .notEnrolled(courseId, userIds)
                .map(UUID::toString)
                .collectList()
                .flatMap(CourseAttendance::noneMissing);
    }

    private static Mono<Void> noneMissing(List<String> missing) {
        if (missing.isEmpty()) {
            return Mono.empty();
        }
        return Mono.error(new MinkaException(ProblemType.NOT_ENROLLED, String.join(", ", missing)));
    }

    private Mono<Course.AttendanceResult> completed(UUID courseId, UUID sessionId, long marked) {
        return repository
                .complete(courseId, clock.instant())
                .collectList()
                .map(done -> new Course.AttendanceResult(sessionId, marked, done));
    }

    private Mono<Void> audited(UUID courseId, Course.AttendanceResult r, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "courseId", courseId.toString(),
                        "sessionId", r.sessionId().toString(),
                        "marked", r.marked(),
                        "completed", r.completed().size());
        return audit.record(null, user.id(), "recognition.attendance.marked", details);
    }
}
