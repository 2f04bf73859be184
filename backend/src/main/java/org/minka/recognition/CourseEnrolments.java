package org.minka.recognition;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Enrolment within the seat limit: the enrolment row and its seat (a conditional update of the
 * course row, whose row lock orders concurrent enrolments, backed by {@code courses_seats_held})
 * are written in one transaction, so the last seat goes to exactly one caller.
 */
@Service
class CourseEnrolments {

    private final Courses courses;
    private final CourseRepository repository;
    private final CatalogLookup catalog;
    private final UserDirectory users;
    private final TransactionalOperator tx;

    CourseEnrolments(
            Courses courses,
            CourseRepository repository,
            CatalogLookup catalog,
            UserDirectory users,
            ReactiveTransactionManager transactions) {
        this.courses = courses;
        this.repository = repository;
        this.catalog = catalog;
        this.users = users;
        this.tx = TransactionalOperator.create(transactions);
    }

    /**
     * Enrols the caller: as an official of {@code publisherId} (they must be its member) or, when
     * null, as a citizen. 409 {@code course-full} or {@code already-enrolled}.
     */
    Mono<Course.Enrolment> enrol(UUID courseId, UUID publisherId, CurrentUser user) {
        return courses.row(courseId)
                .then(official(publisherId, user))
                .then(Mono.defer(() -> seated(courseId, publisherId, user)))
                .then(Mono.defer(() -> mine(courseId, user)));
    }

    private Mono<Void> official(UUID publisherId, CurrentUser user) {
        if (publisherId == null) {
            return Mono.empty();
        }
        Mono<Void> known =
                catalog.publisher(publisherId)
                        .switchIfEmpty(Mono.error(unknownPublisher(publisherId)))
                        .then();
        Mono<Boolean> member = catalog.isMember(publisherId, user.id());
        return known.then(Checks.require(member, CourseEnrolments::notAMember));
    }

    private static MinkaException unknownPublisher(UUID publisherId) {
        return new MinkaException(ProblemType.UNKNOWN_PUBLISHER, publisherId.toString());
    }

    private static MinkaException notAMember() {
        return new MinkaException(ProblemType.NOT_A_MEMBER);
    }

    private Mono<Void> seated(UUID courseId, UUID publisherId, CurrentUser user) {
        Mono<Void> row =
                repository
                        .insertEnrolment(courseId, user.id(), publisherId)
                        .onErrorMap(DuplicateKeyException.class, e -> alreadyEnrolled());
        Mono<Void> seat = Checks.updatedOrFail(repository.takeSeat(courseId), Courses::full);
        return row.then(seat).as(tx::transactional);
    }

    private static MinkaException alreadyEnrolled() {
        return new MinkaException(ProblemType.ALREADY_ENROLLED);
    }

    /** The caller's own enrolment (404 when not enrolled). */
    Mono<Course.Enrolment> mine(UUID courseId, CurrentUser user) {
        return repository
                .enrolment(courseId, user.id())
                .switchIfEmpty(Mono.error(MinkaException.notFound("enrolment")));
    }

    /** The course's enrolments with names, oldest first (the course's managers). */
    Mono<CursorPage<Course.Enrolment>> list(UUID courseId, PageRequest page, CurrentUser user) {
        return courses.managed(courseId, user)
                .flatMapMany(c -> repository.enrolments(courseId, page))
                .collectList()
                .flatMap(rows -> named(rows, page));
    }

    private Mono<CursorPage<Course.Enrolment>> named(
            List<Course.Enrolment> rows, PageRequest page) {
        List<UUID> ids = rows.stream().map(Course.Enrolment::userId).toList();
        return users.namesOf(ids)
                .map(
                        names ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        Course.Enrolment::enrolledAt,
                                        Course.Enrolment::userId,
                                        e -> withName(e, names)));
    }

    private static Course.Enrolment withName(Course.Enrolment e, Map<UUID, String> names) {
        return new Course.Enrolment(
                e.courseId(),
                e.userId(),
                names.get(e.userId()),
                e.publisherId(),
                e.enrolledAt(),
                e.attended(),
                e.sessions(),
                e.completedAt(),
                e.certificateCode());
    }
}
