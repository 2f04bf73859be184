package org.minka.recognition;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.common.Cursor;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reads of dataset reports: the public list (triaged only, no personal data), the publisher's queue
 * (every report, with names), and one report (open ones only for the reporter, the publisher's
 * members and admins: to anyone else an open report does not exist).
 */
@Service
class FeedbackViews {

    static final List<String> KINDS =
            List.of(
                    "BROKEN_LINK",
                    "MISSING_VALUES",
                    "WRONG_LICENCE",
                    "STALE_DATA",
                    "MISSING_DOCUMENTATION");
    static final List<String> TRIAGED = List.of("FIXED", "ACKNOWLEDGED", "DECLINED");

    private final FeedbackRepository repository;
    private final CatalogLookup catalog;
    private final UserDirectory users;

    FeedbackViews(FeedbackRepository repository, CatalogLookup catalog, UserDirectory users) {
        this.repository = repository;
        this.catalog = catalog;
        this.users = users;
    }

    /** The public list of triaged reports, oldest first. */
    Mono<CursorPage<DatasetReport>> triaged(
            UUID publisherId, UUID datasetId, String kind, String status, PageRequest page) {
        checkKind(kind);
        if (status != null && !TRIAGED.contains(status)) {
            throw MinkaException.invalid("status", "must be one of " + TRIAGED);
        }
        var filter = new FeedbackRepository.Filter(publisherId, datasetId, kind, status, true);
        return repository.list(filter, page).collectList().flatMap(rows -> page(rows, page, false));
    }

    /** The publisher's queue, every status, oldest first (its members and admins). */
    Mono<CursorPage<DatasetReport>> queue(
            UUID publisherId,
            UUID datasetId,
            String kind,
            String status,
            PageRequest page,
            CurrentUser user) {
        checkKind(kind);
        if (status != null && !"OPEN".equals(status) && !TRIAGED.contains(status)) {
            throw MinkaException.invalid("status", "must be OPEN or one of " + TRIAGED);
        }
        var filter = new FeedbackRepository.Filter(publisherId, datasetId, kind, status, false);
        return member(publisherId, user)
                .thenMany(repository.list(filter, page))
                .collectList()
                .flatMap(rows -> page(rows, page, true));
    }

    private static void checkKind(String kind) {
        if (kind != null && !KINDS.contains(kind)) {
            throw MinkaException.invalid("kind", "must be one of " + KINDS);
        }
    }

    /** Fails unless the publisher exists (404) and the user is its member or an admin (403). */
    Mono<Void> member(UUID publisherId, CurrentUser user) {
        Mono<Void> known =
                catalog.publisher(publisherId)
                        .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                        .then();
        return known.then(isMember(publisherId, user))
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(MinkaException.forbidden()));
    }

    Mono<Boolean> isMember(UUID publisherId, CurrentUser user) {
        if (user == null) {
            return Mono.just(false);
        }
        return user.admin() ? Mono.just(true) : catalog.isMember(publisherId, user.id());
    }

    /** How a caller may see a report. */
    enum Sight {
        NONE,
        PUBLIC,
        REPORTER,
        PUBLISHER
    }

    Mono<Sight> sight(FeedbackRepository.Row row, CurrentUser user) {
        return isMember(row.publisherId(), user).map(member -> sight(row, user, member));
    }

    private static Sight sight(FeedbackRepository.Row row, CurrentUser user, boolean member) {
        if (member) {
            return Sight.PUBLISHER;
        }
        if (user != null && row.reporterId().equals(user.id())) {
            return Sight.REPORTER;
        }
        return "OPEN".equals(row.status()) ? Sight.NONE : Sight.PUBLIC;
    }

    /** One report as the caller may see it; 404 when they may not. */
    Mono<DatasetReport> one(UUID reportId, CurrentUser user) {
        return row(reportId).flatMap(row -> sight(row, user).flatMap(s -> viewOf(row, s)));
    }

    Mono<FeedbackRepository.Row> row(UUID reportId) {
        return repository
                .find(reportId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("report")));
    }

    Mono<DatasetReport> viewOf(FeedbackRepository.Row row, Sight sight) {
        if (sight == Sight.NONE) {
            return Mono.error(MinkaException.notFound("report"));
        }
        return views(List.of(row), sight != Sight.PUBLIC).map(list -> list.get(0));
    }

    private Mono<CursorPage<DatasetReport>> page(
            List<FeedbackRepository.Row> rows, PageRequest page, boolean personal) {
        boolean more = rows.size() > page.limit();
        List<FeedbackRepository.Row> shown = more ? rows.subList(0, page.limit()) : rows;
        FeedbackRepository.Row last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        String next = more ? new Cursor(last.createdAt(), last.id()).encode() : null;
        return views(shown, personal).map(views -> new CursorPage<>(views, next));
    }

    private Mono<List<DatasetReport>> views(List<FeedbackRepository.Row> rows, boolean personal) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        List<UUID> ids = rows.stream().map(FeedbackRepository.Row::id).toList();
        return repository
                .answers(ids)
                .collectList()
                .flatMap(answers -> named(rows, answers, personal));
    }

    private Mono<List<DatasetReport>> named(
            List<FeedbackRepository.Row> rows,
            List<FeedbackRepository.AnswerRow> answers,
            boolean personal) {
        Set<UUID> people = new HashSet<>();
        if (personal) {
            rows.forEach(r -> people.add(r.reporterId()));
            answers.forEach(a -> people.add(a.authorId()));
        }
        Mono<Map<UUID, String>> names =
                people.isEmpty() ? Mono.just(Map.of()) : users.namesOf(people);
        Map<UUID, List<FeedbackRepository.AnswerRow>> byReport =
                answers.stream()
                        .collect(Collectors.groupingBy(FeedbackRepository.AnswerRow::reportId));
        return names.map(n -> rows.stream().map(r -> view(r, byReport, n, personal)).toList());
    }

    private static DatasetReport view(
            FeedbackRepository.Row r,
            Map<UUID, List<FeedbackRepository.AnswerRow>> answers,
            Map<UUID, String> names,
            boolean personal) {
        List<DatasetReport.Answer> shown =
                answers.getOrDefault(r.id(), List.of()).stream()
                        .map(a -> answer(a, names, personal))
                        .toList();
        return new DatasetReport(
                r.id(),
                r.datasetId(),
                r.datasetTitle(),
                r.publisherId(),
                r.kind(),
                r.text(),
                personal ? r.evidence() : publicEvidence(r.evidence()),
                r.status(),
                r.createdAt(),
                r.firstAnsweredAt(),
                r.triagedAt(),
                personal ? names.get(r.reporterId()) : null,
                shown,
                r.version());
    }

    private static DatasetReport.Answer answer(
            FeedbackRepository.AnswerRow a, Map<UUID, String> names, boolean personal) {
        return new DatasetReport.Answer(
                a.status(), a.text(), a.at(), personal ? names.get(a.authorId()) : null);
    }

    /** The public sees the resource URL, not which team's submission showed the problem. */
    private static DatasetReport.Evidence publicEvidence(DatasetReport.Evidence e) {
        if (e == null || e.resourceUrl() == null) {
            return null;
        }
        return new DatasetReport.Evidence(e.resourceUrl(), null, null, null);
    }

    static MinkaException notInChallenge(UUID datasetId) {
        return new MinkaException(ProblemType.DATASET_NOT_IN_CHALLENGE, datasetId.toString());
    }
}
