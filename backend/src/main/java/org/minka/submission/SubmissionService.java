package org.minka.submission;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.Challenge;
import org.minka.event.ChallengeService;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.minka.team.TeamLookup;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Submissions: one per team and challenge entered, edited by the team's members while SUBMISSION is
 * open, and frozen into immutable numbered versions by "submit". Every write checks the phase at
 * the database's now() when it commits, with the event's grace period.
 */
@Service
public class SubmissionService {

    private final SubmissionRepository repository;
    private final EventAccess access;
    private final ChallengeService challenges;
    private final TeamLookup teams;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    SubmissionService(
            SubmissionRepository repository,
            EventAccess access,
            ChallengeService challenges,
            TeamLookup teams,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.access = access;
        this.challenges = challenges;
        this.teams = teams;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** How much of a submission a caller may read. */
    enum Reach {
        /** The draft, its artifacts and every version. */
        FULL,
        /** Submitted versions only: the public gallery. */
        PUBLIC_VERSIONS
    }

    /** A submission with what the caller may do with it. */
    record Context(SubmissionRepository.Row row, EventSettings settings, Reach reach) {}

    /** Creates the team's submission for a challenge it entered (team members only). */
    public Mono<Submission> create(UUID eventId, Submission.Create request, CurrentUser user) {
        return access.visible(eventId, user)
                .flatMap(
                        event ->
                                require(
                                                teams.isMember(request.teamId(), user.id()),
                                                MinkaException.forbidden())
                                        .then(
                                                require(
                                                        teams.hasEntered(
                                                                eventId,
                                                                request.teamId(),
                                                                request.challengeId()),
                                                        new MinkaException(
                                                                ProblemType.CHALLENGE_NOT_ENTERED)))
                                        .then(checkLicence(request.licence()))
                                        .then(
                                                checkDatasets(
                                                        eventId,
                                                        request.challengeId(),
                                                        request.datasets(),
                                                        user))
                                        .then(
                                                whileEditable(
                                                                eventId,
                                                                repository.insert(
                                                                        eventId, request,
                                                                        user.id()))
                                                        .onErrorMap(
                                                                DataIntegrityViolationException
                                                                        .class,
                                                                ex ->
                                                                        new MinkaException(
                                                                                ProblemType
                                                                                        .SUBMISSION_EXISTS))))
                .flatMap(row -> view(new Context(row, null, Reach.FULL)));
    }

    /**
     * The submission, for its team, organizers, its challenge's mentors and (from JUDGING) judges.
     */
    public Mono<Submission> get(UUID id, CurrentUser user) {
        return readable(id, user)
                .flatMap(
                        ctx ->
                                ctx.reach() == Reach.FULL
                                        ? view(ctx)
                                        : Mono.error(MinkaException.forbidden()));
    }

    /** Changes the draft (team members, while SUBMISSION is open). */
    Mono<Submission> update(UUID id, Submission.Update u, Long expectedVersion, CurrentUser user) {
        return editable(id, user)
                .flatMap(
                        ctx -> {
                            var r = ctx.row();
                            long expected = expectedVersion == null ? r.version() : expectedVersion;
                            var changed =
                                    new SubmissionRepository.Row(
                                            r.id(),
                                            r.eventId(),
                                            r.teamId(),
                                            r.challengeId(),
                                            u.title() != null ? u.title().strip() : r.title(),
                                            u.summary() != null ? u.summary() : r.summary(),
                                            u.links() != null ? u.links() : r.links(),
                                            u.datasets() != null ? u.datasets() : r.datasets(),
                                            u.licence() != null ? u.licence() : r.licence(),
                                            r.latestVersion(),
                                            r.createdAt(),
                                            r.updatedAt(),
                                            r.version());
                            Mono<Void> checks =
                                    checkLicence(changed.licence())
                                            .then(
                                                    u.datasets() == null
                                                            ? Mono.empty()
                                                            : checkDatasets(
                                                                    r.eventId(),
                                                                    r.challengeId(),
                                                                    u.datasets(),
                                                                    user));
                            return checks.then(
                                    whileEditable(
                                            r.eventId(),
                                            repository
                                                    .update(changed, expected)
                                                    .switchIfEmpty(
                                                            Mono.error(
                                                                    new MinkaException(
                                                                            ProblemType
                                                                                    .STALE_VERSION)))));
                        })
                .flatMap(row -> view(new Context(row, null, Reach.FULL)));
    }

    /**
     * Freezes the draft as the next numbered version (team members, before the deadline plus the
     * grace period). The submission row is locked first, so that the artifacts frozen are those
     * committed by then (an artifact delete holds the same lock).
     */
    Mono<Submission.Version> submit(UUID id, CurrentUser user) {
        return writable(id, user)
                .flatMap(
                        ctx ->
                                whileAccepting(
                                                ctx.row().eventId(),
                                                ctx.settings(),
                                                freeze(ctx.row(), user))
                                        .flatMap(n -> version(ctx, n)));
    }

    private Mono<Integer> freeze(SubmissionRepository.Row row, CurrentUser user) {
        return repository
                .lock(row.id())
                .then(repository.freezeVersion(row.id(), user.id()))
                .flatMap(
                        n ->
                                audit.record(
                                                row.eventId(),
                                                user.id(),
                                                "submission.submitted",
                                                Map.of(
                                                        "submissionId", row.id(),
                                                        "teamId", row.teamId(),
                                                        "version", n))
                                        .thenReturn(n));
    }

    /** One submitted version: for full readers, and for everyone once the gallery is public. */
    Mono<Submission.Version> version(UUID id, int number, CurrentUser user) {
        return readable(id, user).flatMap(ctx -> version(ctx, number));
    }

    private Mono<Submission.Version> version(Context ctx, int number) {
        return repository
                .version(ctx.row().id(), number)
                .switchIfEmpty(Mono.error(MinkaException.notFound("version")))
                .flatMap(
                        v ->
                                repository
                                        .artifacts(v.artifactIds())
                                        .map(SubmissionRepository.ArtifactRow::view)
                                        .collectList()
                                        .flatMap(
                                                artifacts ->
                                                        repository
                                                                .find(ctx.row().id())
                                                                .map(
                                                                        latest ->
                                                                                new Submission
                                                                                        .Version(
                                                                                        v
                                                                                                .submissionId(),
                                                                                        v.number(),
                                                                                        v.title(),
                                                                                        v.summary(),
                                                                                        v.links(),
                                                                                        v
                                                                                                .datasets(),
                                                                                        v.licence(),
                                                                                        artifacts,
                                                                                        v
                                                                                                .submittedBy(),
                                                                                        v
                                                                                                .submittedAt(),
                                                                                        latest
                                                                                                        .latestVersion()
                                                                                                == v
                                                                                                        .number()))));
    }

    /**
     * The submission if the caller may read some of it: 404 when they cannot see the event or the
     * submission does not exist, 403 when they may see the event but not this submission.
     */
    Mono<Context> readable(UUID id, CurrentUser user) {
        return repository
                .find(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")))
                .flatMap(
                        row ->
                                access.visible(row.eventId(), user)
                                        .flatMap(
                                                event ->
                                                        reach(row, event, user)
                                                                .map(
                                                                        reach ->
                                                                                new Context(
                                                                                        row,
                                                                                        event
                                                                                                .settings(),
                                                                                        reach))
                                                                .switchIfEmpty(
                                                                        Mono.error(
                                                                                refusal(user)))));
    }

    /** Anonymous callers are asked to sign in; signed-in ones are refused. */
    private static MinkaException refusal(CurrentUser user) {
        return user == null
                ? new MinkaException(ProblemType.UNAUTHORIZED)
                : MinkaException.forbidden();
    }

    /**
     * The submission if the caller is on its team and SUBMISSION is open (checked again at commit).
     */
    Mono<Context> writable(UUID id, CurrentUser user) {
        return member(id, user).flatMap(this::whileOpen);
    }

    /**
     * The submission if the caller is on its team and SUBMISSION is open, without the grace period:
     * for draft edits, which the grace period does not cover.
     */
    Mono<Context> editable(UUID id, CurrentUser user) {
        return member(id, user)
                .flatMap(
                        ctx ->
                                repository
                                        .acceptingNow(ctx.row().eventId(), 0)
                                        .flatMap(
                                                open ->
                                                        open
                                                                ? Mono.just(ctx)
                                                                : Mono.<Context>error(closed())));
    }

    private Mono<Context> whileOpen(Context ctx) {
        return repository
                .acceptingNow(ctx.row().eventId(), grace(ctx.settings()))
                .flatMap(open -> open ? Mono.just(ctx) : Mono.<Context>error(closed()));
    }

    /** The submission if the caller is on its team, whatever the phase. */
    Mono<Context> member(UUID id, CurrentUser user) {
        return repository
                .find(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")))
                .flatMap(
                        row ->
                                access.visible(row.eventId(), user)
                                        .flatMap(event -> memberContext(row, event, user)));
    }

    private Mono<Context> memberContext(
            SubmissionRepository.Row row, EventAccess.EventFacts event, CurrentUser user) {
        return teams.isMember(row.teamId(), user.id())
                .flatMap(
                        member ->
                                member
                                        ? Mono.just(new Context(row, event.settings(), Reach.FULL))
                                        : readable(row.id(), user)
                                                .then(
                                                        Mono.<Context>error(
                                                                MinkaException.forbidden())));
    }

    private Mono<Reach> reach(
            SubmissionRepository.Row row, EventAccess.EventFacts event, CurrentUser user) {
        UUID userId = user == null ? null : user.id();
        Mono<Boolean> full =
                teams.isMember(row.teamId(), userId)
                        .flatMap(m -> m ? Mono.just(true) : access.isOrganizer(row.eventId(), user))
                        .flatMap(
                                o ->
                                        o
                                                ? Mono.just(true)
                                                : access.isMentorOf(
                                                        row.eventId(), row.challengeId(), user))
                        .flatMap(
                                m ->
                                        m
                                                ? Mono.just(true)
                                                : judgeOf(row.eventId(), row.challengeId(), user));
        return full.flatMap(
                f -> {
                    if (f) {
                        return Mono.just(Reach.FULL);
                    }
                    return galleryOpen(event)
                            .flatMap(
                                    open -> open ? Mono.just(Reach.PUBLIC_VERSIONS) : Mono.empty());
                });
    }

    /**
     * Whether the event shows submitted versions to everyone: published, its gallery public, and
     * SUBMISSION closed at the database's now().
     */
    private Mono<Boolean> galleryOpen(EventAccess.EventFacts event) {
        if (!event.published() || !Boolean.TRUE.equals(event.settings().galleryPublic())) {
            return Mono.just(false);
        }
        return access.hasClosed(event.id(), Phase.SUBMISSION);
    }

    /**
     * The public gallery: each submission's latest submitted version (the one that counts), in
     * creation order with cursor paging, optionally for one challenge. Not found until the gallery
     * is public, for everyone.
     */
    /**
     * The event's submissions the caller may read in full: organizers list all; team members pass
     * their {@code teamId}; mentors of a challenge, and its judges once JUDGING opens, pass its
     * {@code challengeId}. Anyone else gets 403.
     */
    public Mono<CursorPage<Submission.Listed>> list(
            UUID eventId, UUID teamId, UUID challengeId, PageRequest page, CurrentUser user) {
        return access.visible(eventId, user)
                .then(mayList(eventId, teamId, challengeId, user))
                .flatMap(
                        may ->
                                may
                                        ? repository
                                                .list(eventId, teamId, challengeId, page)
                                                .collectList()
                                        : Mono.error(MinkaException.forbidden()))
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        SubmissionRepository.Row::createdAt,
                                        SubmissionRepository.Row::id,
                                        r ->
                                                new Submission.Listed(
                                                        r.id(),
                                                        r.teamId(),
                                                        r.challengeId(),
                                                        r.title(),
                                                        r.latestVersion(),
                                                        r.createdAt(),
                                                        r.updatedAt())));
    }

    private Mono<Boolean> mayList(UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return access.isOrganizer(eventId, user)
                .flatMap(
                        organizer -> {
                            if (organizer) {
                                return Mono.just(true);
                            }
                            Mono<Boolean> member =
                                    teamId == null
                                            ? Mono.just(false)
                                            : teams.isMember(teamId, user.id());
                            return member.flatMap(
                                    m ->
                                            m || challengeId == null
                                                    ? Mono.just(m)
                                                    : access.isMentorOf(eventId, challengeId, user)
                                                            .flatMap(
                                                                    mentor ->
                                                                            mentor
                                                                                    ? Mono.just(
                                                                                            true)
                                                                                    : judgeOf(
                                                                                            eventId,
                                                                                            challengeId,
                                                                                            user)));
                        });
    }

    /** Whether the caller judges this challenge and JUDGING has opened: when judges read. */
    Mono<Boolean> judgeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.isJudgeOf(eventId, challengeId, user)
                .flatMap(judge -> judge ? judgingOpened(eventId) : Mono.just(false));
    }

    /** Whether JUDGING is open or over. */
    Mono<Boolean> judgingOpened(UUID eventId) {
        return opened(eventId, Phase.JUDGING);
    }

    public Mono<CursorPage<Submission.GalleryEntry>> gallery(
            UUID eventId, UUID challengeId, PageRequest page, CurrentUser user) {
        return access.visible(eventId, user)
                .filterWhen(this::galleryOpen)
                .switchIfEmpty(Mono.error(MinkaException.notFound("gallery")))
                .flatMap(event -> repository.gallery(eventId, challengeId, page).collectList())
                .flatMap(
                        rows -> {
                            List<UUID> ids =
                                    rows.stream()
                                            .flatMap(r -> r.version().artifactIds().stream())
                                            .distinct()
                                            .toList();
                            Mono<Map<UUID, Submission.Artifact>> artifacts =
                                    ids.isEmpty()
                                            ? Mono.just(Map.of())
                                            : repository
                                                    .artifacts(ids)
                                                    .map(SubmissionRepository.ArtifactRow::view)
                                                    .collectMap(Submission.Artifact::id);
                            return artifacts.map(
                                    byId ->
                                            CursorPage.of(
                                                    rows,
                                                    page,
                                                    SubmissionRepository.GalleryRow::createdAt,
                                                    SubmissionRepository.GalleryRow::submissionId,
                                                    row -> galleryEntry(row, byId)));
                        });
    }

    private static Submission.GalleryEntry galleryEntry(
            SubmissionRepository.GalleryRow row, Map<UUID, Submission.Artifact> artifacts) {
        var v = row.version();
        return new Submission.GalleryEntry(
                row.submissionId(),
                row.teamId(),
                row.challengeId(),
                v.number(),
                v.title(),
                v.summary(),
                v.links(),
                v.datasets(),
                v.licence(),
                v.artifactIds().stream().map(artifacts::get).filter(Objects::nonNull).toList(),
                v.submittedAt());
    }

    private Mono<Boolean> opened(UUID eventId, Phase phase) {
        return access.isOpen(eventId, phase)
                .flatMap(open -> open ? Mono.just(true) : access.hasClosed(eventId, phase));
    }

    /**
     * Runs the write in a transaction that first checks, at the database's now(), that SUBMISSION
     * (plus grace) is still open: the deadline applies when the request finishes.
     */
    <T> Mono<T> whileAccepting(UUID eventId, EventSettings settings, Mono<T> write) {
        return repository
                .acceptingNow(eventId, grace(settings))
                .flatMap(open -> open ? write : Mono.<T>error(closed()))
                .as(tx::transactional);
    }

    /**
     * Runs a draft edit in a transaction that first checks, at the database's now(), that
     * SUBMISSION is open. The grace period does not apply: it is for the final submit and for
     * uploads that finish late, not for edits after the deadline.
     */
    <T> Mono<T> whileEditable(UUID eventId, Mono<T> write) {
        return repository
                .acceptingNow(eventId, 0)
                .flatMap(open -> open ? write : Mono.<T>error(closed()))
                .as(tx::transactional);
    }

    /** Appends an audit entry for the submission's event; join it to the caller's transaction. */
    Mono<Void> audit(UUID eventId, CurrentUser user, String action, Map<String, ?> details) {
        return audit.record(eventId, user.id(), action, details);
    }

    static int grace(EventSettings settings) {
        return settings == null || settings.gracePeriodMinutes() == null
                ? 0
                : settings.gracePeriodMinutes();
    }

    static MinkaException closed() {
        return new MinkaException(ProblemType.PHASE_CLOSED, Phase.SUBMISSION.name());
    }

    Mono<Submission> view(Context ctx) {
        var r = ctx.row();
        return repository
                .artifacts(r.id())
                .map(SubmissionRepository.ArtifactRow::view)
                .collectList()
                .flatMap(
                        artifacts ->
                                repository
                                        .versions(r.id())
                                        .collectList()
                                        .map(
                                                versions ->
                                                        new Submission(
                                                                r.id(),
                                                                r.eventId(),
                                                                r.teamId(),
                                                                r.challengeId(),
                                                                r.title(),
                                                                r.summary(),
                                                                r.links(),
                                                                r.datasets(),
                                                                r.licence(),
                                                                r.latestVersion(),
                                                                artifacts,
                                                                versions,
                                                                r.createdAt(),
                                                                r.updatedAt(),
                                                                r.version())));
    }

    private static Mono<Void> require(Mono<Boolean> check, MinkaException otherwise) {
        return check.flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(otherwise));
    }

    private static Mono<Void> checkLicence(String licence) {
        if (Licence.isKnown(licence)) {
            return Mono.empty();
        }
        String known =
                Arrays.stream(Licence.values())
                        .map(Licence::spdx)
                        .collect(Collectors.joining(", "));
        return Mono.error(new MinkaException(ProblemType.UNKNOWN_LICENCE, known));
    }

    private Mono<Void> checkDatasets(
            UUID eventId, UUID challengeId, List<Submission.DatasetUse> used, CurrentUser user) {
        return challenges
                .get(eventId, challengeId, user)
                .onErrorMap(
                        MinkaException.class,
                        ex -> new MinkaException(ProblemType.CHALLENGE_NOT_ENTERED))
                .flatMap(
                        challenge -> {
                            Set<String> official =
                                    challenge.datasets().stream()
                                            .map(Challenge.DatasetRef::landingUrl)
                                            .collect(Collectors.toSet());
                            boolean usesOne =
                                    used.stream()
                                            .map(Submission.DatasetUse::url)
                                            .filter(Objects::nonNull)
                                            .anyMatch(official::contains);
                            return usesOne
                                    ? Mono.<Void>empty()
                                    : Mono.error(
                                            new MinkaException(
                                                    ProblemType.CHALLENGE_DATASET_REQUIRED,
                                                    "problem.challenge-dataset-required.detail",
                                                    List.of(
                                                            new Problem.FieldViolation(
                                                                    "datasets",
                                                                    "none is a dataset of the challenge"))));
                        });
    }
}
