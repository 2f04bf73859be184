package org.minka.recognition;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Dataset feedback, from datathon to entity: a team member, mentor or organizer of an event whose
 * challenge uses a dataset reports a problem (the publisher's members are notified); the members
 * answer and set its status (the reporter is notified). Each write is audited with it.
 */
@Service
class DatasetFeedback {

    private final FeedbackRepository repository;
    private final FeedbackViews views;
    private final CatalogLookup catalog;
    private final DatasetReporterPort reporters;
    private final FeedbackEvidence evidence;
    private final Notifier notifier;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;

    DatasetFeedback(
            FeedbackRepository repository,
            FeedbackViews views,
            CatalogLookup catalog,
            DatasetReporterPort reporters,
            FeedbackEvidence evidence,
            Notifier notifier,
            AuditLog audit,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.views = views;
        this.catalog = catalog;
        this.reporters = reporters;
        this.evidence = evidence;
        this.notifier = notifier;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /**
     * Reports a problem on a dataset; 404 unknown dataset, 422 no challenge uses it, 403, 422
     * evidence that does not hold.
     */
    Mono<DatasetReport> report(UUID datasetId, DatasetReport.Create request, CurrentUser user) {
        return Mono.fromCallable(() -> checked(request))
                .flatMap(checked -> reportChecked(datasetId, checked, user));
    }

    private Mono<DatasetReport> reportChecked(
            UUID datasetId, DatasetReport.Create checked, CurrentUser user) {
        return dataset(datasetId)
                .flatMap(d -> allowed(d, user).thenReturn(d))
                .flatMap(d -> evidenced(d, checked, user).thenReturn(d))
                .flatMap(d -> stored(d, checked, user))
                .flatMap(views::row)
                .flatMap(row -> views.viewOf(row, FeedbackViews.Sight.REPORTER));
    }

    private static DatasetReport.Create checked(DatasetReport.Create request) {
        DatasetReport.Evidence e = request.evidence();
        if (e == null) {
            return request;
        }
        boolean empty =
                e.resourceUrl() == null
                        && e.submissionId() == null
                        && e.artifactId() == null
                        && e.cell() == null;
        if ((e.submissionId() == null) != (e.cell() == null)
                || (e.artifactId() != null && e.cell() == null)) {
            throw MinkaException.invalid(
                    "evidence", "a notebook cell needs its submissionId and cell index");
        }
        return empty ? new DatasetReport.Create(request.kind(), request.text(), null) : request;
    }

    private Mono<CatalogLookup.LinkedDataset> dataset(UUID datasetId) {
        return catalog.datasets(List.of(datasetId))
                .next()
                .switchIfEmpty(Mono.error(MinkaException.notFound("dataset")));
    }

    private Mono<Void> allowed(CatalogLookup.LinkedDataset dataset, CurrentUser user) {
        return reporters
                .standing(dataset.id(), user.id())
                .flatMap(standing -> standing(dataset.id(), standing));
    }

    private static Mono<Void> standing(UUID datasetId, DatasetReporterPort.Standing standing) {
        return switch (standing) {
            case ALLOWED -> Mono.empty();
            case NOT_USED -> Mono.error(FeedbackViews.notInChallenge(datasetId));
            case NOT_ALLOWED -> Mono.error(MinkaException.forbidden());
        };
    }

    private Mono<Void> evidenced(
            CatalogLookup.LinkedDataset d, DatasetReport.Create request, CurrentUser user) {
        return evidence.check(d.id(), request.evidence(), user);
    }

    private Mono<UUID> stored(
            CatalogLookup.LinkedDataset d, DatasetReport.Create request, CurrentUser user) {
        Mono<UUID> write =
                repository
                        .insert(request, d.id(), d.title(), d.publisherId(), user.id(), now())
                        .flatMap(id -> reported(id, d, request, user).thenReturn(id));
        return write.as(tx::transactional);
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Mono<Void> reported(
            UUID id, CatalogLookup.LinkedDataset d, DatasetReport.Create r, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "reportId", id.toString(),
                        "datasetId", d.id().toString(),
                        "publisherId", d.publisherId().toString(),
                        "kind", r.kind());
        Map<String, Object> data =
                Map.of("reportId", id.toString(), "topic", d.title(), "kind", r.kind());
        Mono<Void> notified =
                catalog.publisherMembers(List.of(d.publisherId()))
                        .map(CatalogLookup.PublisherMember::userId)
                        .collectList()
                        .flatMap(
                                ids ->
                                        notifier.notifyAll(
                                                ids, null, "recognition.report.received", data));
        return audit.record(null, user.id(), "recognition.report.created", details).then(notified);
    }

    /**
     * Answers a report and sets its status (the publisher's members and admins); 412 when {@code
     * If-Match} names another version.
     */
    Mono<DatasetReport> answer(
            UUID reportId, DatasetReport.AnswerRequest request, Long expected, CurrentUser user) {
        return views.row(reportId)
                .flatMap(row -> answerer(row, user).thenReturn(row))
                .flatMap(row -> answered(row, request, expected, user))
                .then(Mono.defer(() -> views.row(reportId)))
                .flatMap(row -> views.viewOf(row, FeedbackViews.Sight.PUBLISHER));
    }

    private Mono<Void> answerer(FeedbackRepository.Row row, CurrentUser user) {
        return views.sight(row, user).flatMap(DatasetFeedback::mayAnswer);
    }

    private static Mono<Void> mayAnswer(FeedbackViews.Sight sight) {
        return switch (sight) {
            case PUBLISHER -> Mono.empty();
            case NONE -> Mono.error(MinkaException.notFound("report"));
            default -> Mono.error(MinkaException.forbidden());
        };
    }

    private Mono<Void> answered(
            FeedbackRepository.Row row,
            DatasetReport.AnswerRequest request,
            Long expected,
            CurrentUser user) {
        java.time.Instant at = now();
        Mono<Void> status =
                Checks.updatedOrFail(
                        repository.answered(row.id(), request.status(), at, expected),
                        () -> new MinkaException(ProblemType.STALE_VERSION));
        Mono<Void> write =
                status.then(repository.insertAnswer(row.id(), user.id(), request, at))
                        .then(answerRecorded(row, request, user));
        return write.as(tx::transactional);
    }

    private Mono<Void> answerRecorded(
            FeedbackRepository.Row row, DatasetReport.AnswerRequest request, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "reportId", row.id().toString(),
                        "publisherId", row.publisherId().toString(),
                        "status", request.status());
        Map<String, Object> data =
                Map.of(
                        "reportId", row.id().toString(),
                        "topic", row.datasetTitle(),
                        "status", request.status());
        return audit.record(null, user.id(), "recognition.report.answered", details)
                .then(notifier.notify(row.reporterId(), null, "recognition.report.answered", data));
    }
}
