package org.minka.submission;

import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What other modules (comments on submissions) need to know of a submission and of the caller's
 * place around it. The rules for judges are the submission's own: they read it once JUDGING opens.
 */
@Component
public class SubmissionAccess {

    private final SubmissionRepository repository;
    private final SubmissionService submissions;
    private final EventAccess access;
    private final TeamLookup teams;

    SubmissionAccess(
            SubmissionRepository repository,
            SubmissionService submissions,
            EventAccess access,
            TeamLookup teams) {
        this.repository = repository;
        this.submissions = submissions;
        this.access = access;
        this.teams = teams;
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
        return repository
                .find(submissionId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")))
                .flatMap(
                        row ->
                                access.visible(row.eventId(), user)
                                        .map(
                                                event ->
                                                        new Facts(
                                                                row.id(),
                                                                row.eventId(),
                                                                row.challengeId(),
                                                                row.teamId(),
                                                                event.settings())))
                .flatMap(facts -> roles(facts, user).map(roles -> new Reader(facts, roles)));
    }

    private Mono<Roles> roles(Facts f, CurrentUser user) {
        if (user == null) {
            return Mono.just(new Roles(false, false, false, false));
        }
        // one after the other (concat, not zip): callers may hold a transaction
        return Flux.concat(
                        teams.isMember(f.teamId(), user.id()),
                        access.isMentorOf(f.eventId(), f.challengeId(), user),
                        access.isOrganizer(f.eventId(), user),
                        submissions.judgeOf(f.eventId(), f.challengeId(), user))
                .collectList()
                .map(r -> new Roles(r.get(0), r.get(1), r.get(2), r.get(3)));
    }

    /** Whether this user (by id, not the caller) judges the submission's challenge. */
    public Mono<Boolean> isJudge(Facts f, UUID userId) {
        return access.isJudge(f.eventId(), f.challengeId(), userId)
                .flatMap(
                        judge -> judge ? submissions.judgingOpened(f.eventId()) : Mono.just(false));
    }

    /** The kind of one of the submission's artifacts; empty when it has no such artifact. */
    public Mono<String> artifactKind(UUID submissionId, UUID artifactId) {
        return repository.artifact(submissionId, artifactId).map(a -> a.view().kind().name());
    }
}
