package org.minka.submission;

import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What other modules (comments on submissions) need to know of a submission and of the caller's
 * place around it. The rules for judges are the submission's own: they read it once JUDGING opens.
 */
@Component
public class SubmissionAccess {

    private final SubmissionRepository repository;
    private final EventAccess access;
    private final TeamLookup teams;

    SubmissionAccess(SubmissionRepository repository, EventAccess access, TeamLookup teams) {
        this.repository = repository;
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
        return teams.isMember(f.teamId(), user.id())
                .flatMap(
                        member ->
                                access.isMentorOf(f.eventId(), f.challengeId(), user)
                                        .flatMap(
                                                mentor ->
                                                        access.isOrganizer(f.eventId(), user)
                                                                .flatMap(
                                                                        organizer ->
                                                                                judge(f, user)
                                                                                        .map(
                                                                                                judge ->
                                                                                                        new Roles(
                                                                                                                member,
                                                                                                                mentor,
                                                                                                                organizer,
                                                                                                                judge)))));
    }

    private Mono<Boolean> judge(Facts f, CurrentUser user) {
        return access.isJudgeOf(f.eventId(), f.challengeId(), user)
                .flatMap(judge -> judge ? judgingOpened(f.eventId()) : Mono.just(false));
    }

    private Mono<Boolean> judgingOpened(UUID eventId) {
        return access.isOpen(eventId, Phase.JUDGING)
                .flatMap(open -> open ? Mono.just(true) : access.hasClosed(eventId, Phase.JUDGING));
    }

    /** Whether this user (by id, not the caller) judges the submission's challenge. */
    public Mono<Boolean> isJudge(Facts f, UUID userId) {
        return access.isJudge(f.eventId(), f.challengeId(), userId)
                .flatMap(judge -> judge ? judgingOpened(f.eventId()) : Mono.just(false));
    }

    /** The kind of one of the submission's artifacts; empty when it has no such artifact. */
    public Mono<String> artifactKind(UUID submissionId, UUID artifactId) {
        return repository.artifact(submissionId, artifactId).map(a -> a.view().kind().name());
    }
}
