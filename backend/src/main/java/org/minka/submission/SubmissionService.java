package org.minka.submission;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.Challenge;
import org.minka.event.ChallengeService;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionPolicy.Context;
import org.minka.submission.SubmissionPolicy.Reach;
import org.minka.team.TeamLookup;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Drafts: one submission per team and challenge entered, edited by the team's members while
 * SUBMISSION is open, and frozen into immutable numbered versions by "submit". Every write checks
 * the phase at the database's now() when it commits, with the event's grace period.
 */
@Service
class SubmissionService {

    private final SubmissionRepository repository;
    private final ArtifactRepository artifacts;
    private final SubmissionPolicy policy;
    private final SubmissionWindow window;
    private final SubmissionVersions versions;
    private final EventAccess access;
    private final ChallengeService challenges;
    private final TeamLookup teams;
    private final AuditLog audit;

    SubmissionService(
            SubmissionRepository repository,
            ArtifactRepository artifacts,
            SubmissionPolicy policy,
            SubmissionWindow window,
            SubmissionVersions versions,
            EventAccess access,
            ChallengeService challenges,
            TeamLookup teams,
            AuditLog audit) {
        this.repository = repository;
        this.artifacts = artifacts;
        this.policy = policy;
        this.window = window;
        this.versions = versions;
        this.access = access;
        this.challenges = challenges;
        this.teams = teams;
        this.audit = audit;
    }

    /** Creates the team's submission for a challenge it entered (team members only). */
    Mono<Submission> create(UUID eventId, Submission.Create request, CurrentUser user) {
        return access.visible(eventId, user)
                .then(checkCreate(eventId, request, user))
                .then(insert(eventId, request, user))
                .flatMap(row -> view(new Context(row, null, Reach.FULL, null)));
    }

    private Mono<Void> checkCreate(UUID eventId, Submission.Create request, CurrentUser user) {
        return Checks.require(
                        teams.isMember(request.teamId(), user.id()), MinkaException::forbidden)
                .then(
                        Checks.require(
                                teams.hasEntered(eventId, request.teamId(), request.challengeId()),
                                () -> new MinkaException(ProblemType.CHALLENGE_NOT_ENTERED)))
                .then(checkLicence(request.licence()))
                .then(checkDatasets(eventId, request.challengeId(), request.datasets(), user));
    }

    private Mono<SubmissionRepository.Row> insert(
            UUID eventId, Submission.Create request, CurrentUser user) {
        return window.whileEditable(eventId, repository.insert(eventId, request, user.id()))
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        ex -> new MinkaException(ProblemType.SUBMISSION_EXISTS));
    }

    /**
     * The submission, for its team, organizers, its challenge's mentors and (from JUDGING) judges.
     */
    Mono<Submission> get(UUID id, CurrentUser user) {
        return policy.readable(id, user)
                .filter(ctx -> ctx.reach() == Reach.FULL)
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .flatMap(this::view);
    }

    /** Changes the draft (team members, while SUBMISSION is open). */
    Mono<Submission> update(UUID id, Submission.Update u, Long expectedVersion, CurrentUser user) {
        return policy.editable(id, user)
                .flatMap(ctx -> save(ctx.row(), u, expectedVersion, user))
                .flatMap(row -> view(new Context(row, null, Reach.FULL, null)));
    }

    private Mono<SubmissionRepository.Row> save(
            SubmissionRepository.Row r,
            Submission.Update u,
            Long expectedVersion,
            CurrentUser user) {
        long expected = expectedVersion == null ? r.version() : expectedVersion;
        SubmissionRepository.Row changed = changed(r, u);
        Mono<SubmissionRepository.Row> write =
                repository
                        .update(changed, expected)
                        .switchIfEmpty(
                                Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)));
        return checkLicence(changed.licence())
                .then(checkUsedDatasets(r, u, user))
                .then(window.whileEditable(r.eventId(), write));
    }

    private Mono<Void> checkUsedDatasets(
            SubmissionRepository.Row r, Submission.Update u, CurrentUser user) {
        return u.datasets() == null
                ? Mono.empty()
                : checkDatasets(r.eventId(), r.challengeId(), u.datasets(), user);
    }

    private static SubmissionRepository.Row changed(
            SubmissionRepository.Row r, Submission.Update u) {
        return new SubmissionRepository.Row(
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
    }

    /**
     * Freezes the draft as the next numbered version (team members, before the deadline plus the
     * grace period). The submission row is locked first, so that the artifacts frozen are those
     * committed by then (an artifact delete holds the same lock). Every instance then forgets the
     * event's kept facts, which include counted versions (voting keeps them for its casts).
     */
    Mono<Submission.Version> submit(UUID id, CurrentUser user) {
        return policy.writable(id, user).flatMap(ctx -> submitted(ctx, user));
    }

    private Mono<Submission.Version> submitted(Context ctx, CurrentUser user) {
        UUID eventId = ctx.row().eventId();
        return window.whileAccepting(eventId, ctx.settings(), freeze(ctx.row(), user))
                .flatMap(n -> versions.of(ctx, n));
    }

    private Mono<Integer> freeze(SubmissionRepository.Row row, CurrentUser user) {
        return repository
                .lock(row.id())
                .then(repository.freezeVersion(row.id(), user.id()))
                .flatMap(n -> auditSubmit(row, user, n).thenReturn(n))
                .flatMap(n -> access.forgetEverywhere(row.eventId()).thenReturn(n));
    }

    private Mono<Void> auditSubmit(SubmissionRepository.Row row, CurrentUser user, int n) {
        Map<String, Object> details =
                Map.of("submissionId", row.id(), "teamId", row.teamId(), "version", n);
        return audit.record(row.eventId(), user.id(), "submission.submitted", details);
    }

    private Mono<Submission> view(Context ctx) {
        var r = ctx.row();
        return artifacts
                .artifacts(r.id())
                .map(ArtifactRepository.ArtifactRow::view)
                .collectList()
                .flatMap(list -> withVersions(r, list));
    }

    private Mono<Submission> withVersions(
            SubmissionRepository.Row r, List<Submission.Artifact> artifacts) {
        return repository.versions(r.id()).collectList().map(v -> view(r, artifacts, v));
    }

    private static Submission view(
            SubmissionRepository.Row r,
            List<Submission.Artifact> artifacts,
            List<Submission.VersionSummary> versions) {
        return new Submission(
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
                r.version());
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
                .flatMap(challenge -> Checks.require(usesOne(challenge, used), this::noDataset));
    }

    private static boolean usesOne(Challenge challenge, List<Submission.DatasetUse> used) {
        Set<String> official =
                challenge.datasets().stream()
                        .map(Challenge.DatasetRef::landingUrl)
                        .collect(Collectors.toSet());
        return used.stream()
                .map(Submission.DatasetUse::url)
                .filter(Objects::nonNull)
                .anyMatch(official::contains);
    }

    private MinkaException noDataset() {
        return new MinkaException(
                ProblemType.CHALLENGE_DATASET_REQUIRED,
                "problem.challenge-dataset-required.detail",
                List.of(
                        new Problem.FieldViolation(
                                "datasets", "none is a dataset of the challenge")));
    }
}
