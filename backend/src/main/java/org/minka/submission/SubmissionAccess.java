package org.minka.submission;

import java.util.UUID;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What other modules (comments on submissions) need to know of a submission and of the caller's
 * place around it. The rules for judges are the submission's own: they read it once JUDGING opens.
 */
@Component
public class SubmissionAccess {

    private final ArtifactRepository artifacts;
    private final SubmissionPolicy policy;
    private final SubmissionRepository submissions;

    SubmissionAccess(
            ArtifactRepository artifacts,
            SubmissionPolicy policy,
            SubmissionRepository submissions) {
        this.artifacts = artifacts;
        this.policy = policy;
        this.submissions = submissions;
    }

    /** A submission's place: its event, challenge and team, and the event's rules. */
    public record Facts(
            UUID id, UUID eventId, UUID challengeId, UUID teamId, EventSettings settings) {}

    /** The caller's roles around a submission; judges count only once JUDGING has opened. */
    public record Roles(boolean member, boolean mentor, boolean organizer, boolean judge) {}

    /** The submission with the caller's roles around it. */
    public record Reader(Facts facts, Roles roles) {}

    /**
     * The submission and the caller's roles, or 404 when the event is not visible to the caller or
     * the submission does not exist. The checks run one after the other, for callers that hold a
     * transaction.
     */
    public Mono<Reader> reader(UUID submissionId, CurrentUser user) {
        return policy.locate(submissionId, user).flatMap(ctx -> reader(ctx, user));
    }

    private Mono<Reader> reader(SubmissionPolicy.Context ctx, CurrentUser user) {
        var row = ctx.row();
        Facts facts =
                new Facts(row.id(), row.eventId(), row.challengeId(), row.teamId(), ctx.settings());
        return policy.roles(ctx, user).map(r -> new Reader(facts, roles(r)));
    }

    private static Roles roles(SubmissionPolicy.Roles r) {
        return new Roles(r.member(), r.mentor(), r.organizer(), r.judge());
    }

    /** Whether this user (by id, not the caller) judges the submission's challenge. */
    public Mono<Boolean> isJudge(Facts f, UUID userId) {
        return policy.isJudge(f.eventId(), f.challengeId(), userId);
    }

    /** The kind of one of the submission's artifacts; empty when it has no such artifact. */
    public Mono<String> artifactKind(UUID submissionId, UUID artifactId) {
        return artifacts.artifact(submissionId, artifactId).map(a -> a.view().kind().name());
    }

    // For judging: the work that is judged.

    /**
     * A team's counted version: the latest it submitted. Submits are accepted only while SUBMISSION
     * is open (plus grace), so the latest is the latest before the deadline.
     */
    public record CountedVersion(
            UUID submissionId,
            UUID teamId,
            UUID challengeId,
            int number,
            java.time.Instant submittedAt) {}

    /** Every counted version of the event, by challenge then submission id. */
    public reactor.core.publisher.Flux<CountedVersion> countedVersions(UUID eventId) {
        return submissions.countedVersions(eventId);
    }

    // For pairwise judging: one challenge's counted versions.

    /** The counted versions of one challenge of the event, by submission id. */
    public reactor.core.publisher.Flux<CountedVersion> countedVersions(
            UUID eventId, UUID challengeId) {
        return submissions.countedVersions(eventId, challengeId);
    }

    // For voting: the version a ballot is cast for.

    /**
     * A submission's place and its counted version ({@code number} 0 while it is a draft that was
     * never submitted).
     */
    public record Counted(
            UUID submissionId, UUID eventId, UUID challengeId, UUID teamId, int number) {

        /** Whether a version was submitted (the latest counts). */
        public boolean submitted() {
            return number > 0;
        }
    }

    /** The submission's place and counted version; empty when there is no such submission. */
    public Mono<Counted> counted(UUID submissionId) {
        return submissions.counted(submissionId);
    }

    // For results: the datasets each counted version declares.

    /** A dataset one counted version declares (its URL and the title the team gave it). */
    public record UsedDataset(UUID submissionId, String url, String title) {}

    /** The datasets every counted version of the event declares, by submission then order. */
    public reactor.core.publisher.Flux<UsedDataset> datasetsUsed(UUID eventId) {
        return submissions.datasetsUsed(eventId);
    }
}
