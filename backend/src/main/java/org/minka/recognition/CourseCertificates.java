package org.minka.recognition;

import java.util.Map;
import java.util.UUID;
import org.minka.certificate.CertificateRevokerPort;
import org.minka.certificate.Certificates;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Certificates of course completion (kind {@code course}, subject the course): issued for every
 * completed enrolment that has none yet, so a run that failed half-way (storage down) is finished
 * by the next attendance of the course. A course's managers may revoke them.
 */
@Component
class CourseCertificates implements CertificateRevokerPort {

    static final String KIND = "course";

    private final CourseRepository repository;
    private final Certificates certificates;
    private final UserDirectory users;
    private final Notifier notifier;

    CourseCertificates(
            CourseRepository repository,
            Certificates certificates,
            UserDirectory users,
            Notifier notifier) {
        this.repository = repository;
        this.certificates = certificates;
        this.users = users;
        this.notifier = notifier;
    }

    /** Issues the certificates that completed enrolments of the course are due. */
    Mono<Void> issueDue(UUID courseId) {
        return repository
                .find(courseId)
                .flatMapMany(
                        course ->
                                repository
                                        .completedWithoutCertificate(courseId)
                                        .concatMap(userId -> issued(course, userId)))
                .then();
    }

    private Mono<Void> issued(CourseRepository.Row course, UUID userId) {
        return users.findById(userId)
                .map(u -> issue(course, userId, u.name()))
                .flatMap(certificates::issue)
                .flatMap(c -> recorded(course, userId, c));
    }

    private Mono<Void> recorded(CourseRepository.Row course, UUID userId, Certificates.Issued c) {
        Map<String, Object> data =
                Map.of(
                        "courseId", course.id().toString(),
                        "topic", course.title(),
                        "code", c.code(),
                        "url", c.verifyUrl());
        return repository
                .setCertificate(course.id(), userId, c.code())
                .then(notifier.notify(userId, null, "certificate.issued", data));
    }

    static Certificates.Issue issue(CourseRepository.Row course, UUID userId, String name) {
        boolean es = "es".equals(course.language());
        String who = name == null || name.isBlank() ? (es ? "Participante" : "Participant") : name;
        String achievement =
                es
                        ? "completó el curso \u201c" + course.title() + "\u201d"
                        : "completed the course \u201c" + course.title() + "\u201d";
        String context =
                es
                        ? "Programa de fortalecimiento de capacidades en datos abiertos"
                        : "Capacity building programme in open data";
        return new Certificates.Issue(
                KIND, course.id(), userId, who, achievement, context, course.language());
    }

    @Override
    public boolean handles(String kind) {
        return KIND.equals(kind);
    }

    @Override
    public Mono<Boolean> mayRevoke(String kind, UUID subjectId, CurrentUser user) {
        return repository.find(subjectId).map(c -> Courses.manages(c, user)).defaultIfEmpty(false);
    }
}
