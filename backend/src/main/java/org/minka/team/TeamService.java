package org.minka.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.ChallengeService;
import org.minka.event.EventAccess;
import org.minka.event.EventAccess.EventFacts;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Registrations and teams. Every write checks, at the database's now(), that REGISTRATION is open,
 * and every cap (team size, teams per citizen) is a conditional update in the same transaction.
 */
@Service
public class TeamService {

    /** How many teams a citizen may join when the event allows more than one. */
    static final int MULTI_TEAM_CAP = 10;

    private final TeamRepository teams;
    private final EventAccess access;
    private final ChallengeService challenges;
    private final AuditLog audit;
    private final JoinCodes codes;

    TeamService(
            TeamRepository teams,
            EventAccess access,
            ChallengeService challenges,
            AuditLog audit,
            JoinCodes codes) {
        this.teams = teams;
        this.access = access;
        this.challenges = challenges;
        this.audit = audit;
        this.codes = codes;
    }

    /** Hands captaincy to another member while REGISTRATION is open (captain only). */
    @Transactional
    public Mono<Team> transferCaptaincy(
            UUID eventId, UUID teamId, UUID newCaptain, CurrentUser user) {
        return openEvent(eventId, user)
                .then(captainTeam(eventId, teamId, user))
                .flatMap(
                        team ->
                                teams.transferCaptaincy(teamId, user.id(), newCaptain)
                                        .flatMap(
                                                n ->
                                                        n == 0
                                                                ? Mono
                                                                        .<TeamRepository.TeamRow>
                                                                                error(
                                                                                        new MinkaException(
                                                                                                ProblemType
                                                                                                        .NOT_A_MEMBER))
                                                                : teams.findTeam(eventId, teamId)))
                .flatMap(team -> view(team, true));
    }

    /**
     * Removes a member: the captain while REGISTRATION is open, an organizer at any time (audited).
     * The captain is not removed while others remain; they transfer captaincy first.
     */
    @Transactional
    public Mono<Void> removeMember(UUID eventId, UUID teamId, UUID memberId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(
                        team ->
                                access.isOrganizer(eventId, user)
                                        .flatMap(
                                                organizer ->
                                                        organizer
                                                                ? remove(team, memberId)
                                                                        .then(
                                                                                audit.record(
                                                                                        eventId,
                                                                                        user.id(),
                                                                                        "team.member.removed",
                                                                                        Map.of(
                                                                                                "teamId",
                                                                                                teamId
                                                                                                        .toString(),
                                                                                                "userId",
                                                                                                memberId
                                                                                                        .toString())))
                                                                : captainRemoves(
                                                                        team, memberId, user)));
    }

    private Mono<Void> captainRemoves(
            TeamRepository.TeamRow team, UUID memberId, CurrentUser user) {
        return teams.isMember(team.id(), user.id())
                .flatMap(
                        member -> {
                            if (!member) {
                                return Mono.error(MinkaException.notFound("team"));
                            }
                            if (!team.captainId().equals(user.id())) {
                                return Mono.error(MinkaException.forbidden());
                            }
                            if (memberId.equals(user.id())) {
                                return Mono.error(
                                        new MinkaException(ProblemType.CAPTAIN_MUST_TRANSFER));
                            }
                            return openEvent(team.eventId(), user).then(remove(team, memberId));
                        });
    }

    private Mono<Void> remove(TeamRepository.TeamRow team, UUID memberId) {
        if (team.captainId().equals(memberId) && team.memberCount() > 1) {
            return Mono.error(new MinkaException(ProblemType.CAPTAIN_MUST_TRANSFER));
        }
        return teams.deleteMember(team.id(), memberId)
                .flatMap(
                        n ->
                                n == 0
                                        ? Mono.<Void>error(
                                                new MinkaException(ProblemType.NOT_A_MEMBER))
                                        : teams.releaseTeamSeat(team.eventId(), memberId)
                                                .then(teams.freeSeat(team.id()))
                                                .flatMap(
                                                        left ->
                                                                left == 0
                                                                        ? teams.deleteTeam(
                                                                                team.id())
                                                                        : Mono.empty()));
    }

    /**
     * Enters a challenge of the event (captain only, until SUBMISSION closes). The event's limits
     * on challenges per team and teams per challenge are conditional updates in one transaction.
     */
    @Transactional
    public Mono<Team> enterChallenge(
            UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return beforeSubmissionCloses(eventId, user)
                .flatMap(
                        event ->
                                captainTeam(eventId, teamId, user)
                                        .flatMap(
                                                team ->
                                                        challenges
                                                                .belongsTo(eventId, challengeId)
                                                                .flatMap(
                                                                        known ->
                                                                                known
                                                                                        ? Mono
                                                                                                .<Void>
                                                                                                        empty()
                                                                                        : Mono
                                                                                                .error(
                                                                                                        new MinkaException(
                                                                                                                ProblemType
                                                                                                                        .UNKNOWN_CHALLENGE,
                                                                                                                List
                                                                                                                        .of(
                                                                                                                                challengeId))))
                                                                .then(
                                                                        teams.takeChallengeEntry(
                                                                                teamId,
                                                                                event.settings()
                                                                                        .challengesPerTeam()))
                                                                .flatMap(
                                                                        n ->
                                                                                n == 0
                                                                                        ? Mono
                                                                                                .<Long>
                                                                                                        error(
                                                                                                                new MinkaException(
                                                                                                                        ProblemType
                                                                                                                                .CHALLENGE_LIMIT_REACHED))
                                                                                        : teams
                                                                                                .takeChallengeSlot(
                                                                                                        challengeId,
                                                                                                        event.settings()
                                                                                                                .maxTeamsPerChallenge()))
                                                                .flatMap(
                                                                        n ->
                                                                                n == 0
                                                                                        ? Mono
                                                                                                .<Void>
                                                                                                        error(
                                                                                                                new MinkaException(
                                                                                                                        ProblemType
                                                                                                                                .CHALLENGE_FULL))
                                                                                        : teams.insertEntry(
                                                                                                        teamId,
                                                                                                        challengeId,
                                                                                                        eventId)
                                                                                                .onErrorMap(
                                                                                                        DuplicateKeyException
                                                                                                                .class,
                                                                                                        ex ->
                                                                                                                new MinkaException(
                                                                                                                        ProblemType
                                                                                                                                .ALREADY_ENTERED)))
                                                                .then(view(team, true))));
    }

    /** Withdraws from a challenge until SUBMISSION closes (captain only). */
    @Transactional
    public Mono<Void> withdrawChallenge(
            UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return beforeSubmissionCloses(eventId, user)
                .then(captainTeam(eventId, teamId, user))
                .then(teams.deleteEntry(teamId, challengeId))
                .flatMap(n -> n == 0 ? Mono.error(MinkaException.notFound("entry")) : Mono.empty());
    }

    private Mono<EventFacts> beforeSubmissionCloses(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(EventFacts::published)
                .switchIfEmpty(Mono.error(MinkaException.notFound("event")))
                .filterWhen(
                        event -> access.hasClosed(eventId, Phase.SUBMISSION).map(closed -> !closed))
                .switchIfEmpty(
                        Mono.error(new MinkaException(ProblemType.PHASE_CLOSED, Phase.SUBMISSION)));
    }

    private Mono<TeamRepository.TeamRow> captainTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return memberTeam(eventId, teamId, user)
                .flatMap(
                        team ->
                                team.captainId().equals(user.id())
                                        ? Mono.just(team)
                                        : Mono.error(MinkaException.forbidden()));
    }

    /** Registers the citizen for a published event while REGISTRATION is open. */
    @Transactional
    public Mono<Registration> register(
            UUID eventId, Registration.Answers answers, CurrentUser user) {
        return openEvent(eventId, user)
                .flatMap(
                        event ->
                                checkRegion(event, answers)
                                        .then(teams.register(eventId, user.id(), answers))
                                        .switchIfEmpty(
                                                Mono.error(
                                                        new MinkaException(
                                                                ProblemType.ALREADY_REGISTERED))));
    }

    /** The citizen's own active registration. */
    public Mono<Registration> myRegistration(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findActiveRegistration(eventId, user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("registration")));
    }

    /** Changes the citizen's answers; accepting a new terms version records a new consent time. */
    @Transactional
    public Mono<Registration> updateRegistration(
            UUID eventId, Registration.Answers answers, CurrentUser user) {
        return access.visible(eventId, user)
                .flatMap(event -> checkRegion(event, answers))
                .then(teams.updateRegistration(eventId, user.id(), answers))
                .switchIfEmpty(Mono.error(MinkaException.notFound("registration")));
    }

    /** Withdraws the registration; the citizen must leave their teams first. */
    @Transactional
    public Mono<Void> withdraw(UUID eventId, CurrentUser user) {
        return myRegistration(eventId, user)
                .then(teams.withdraw(eventId, user.id()))
                .flatMap(
                        n ->
                                n == 0
                                        ? Mono.error(new MinkaException(ProblemType.STILL_IN_TEAM))
                                        : Mono.empty());
    }

    /** Creates a team; its registered creator becomes captain and takes the first seat. */
    @Transactional
    public Mono<Team> create(UUID eventId, Team.Create request, CurrentUser user) {
        return openEvent(eventId, user)
                .flatMap(
                        event ->
                                takeTeamSeat(event, user)
                                        .then(
                                                teams.insertTeam(
                                                                eventId,
                                                                request,
                                                                user.id(),
                                                                codes.next(),
                                                                event.settings().teamSizeMax())
                                                        .onErrorMap(
                                                                DuplicateKeyException.class,
                                                                ex ->
                                                                        new MinkaException(
                                                                                ProblemType
                                                                                        .TEAM_NAME_TAKEN,
                                                                                request.name()
                                                                                        .strip())))
                                        .flatMap(
                                                team ->
                                                        teams.insertMember(
                                                                        team.id(), eventId,
                                                                        user.id(), "CAPTAIN")
                                                                .then(view(team, true))));
    }

    /**
     * Joins the team whose code this is. Exactly one of many concurrent joiners gets the last seat.
     */
    @Transactional
    public Mono<Team> join(UUID eventId, String code, CurrentUser user) {
        return openEvent(eventId, user)
                .flatMap(
                        event ->
                                teams.findByCode(eventId, JoinCodes.normalize(code))
                                        .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                                        .flatMap(
                                                team ->
                                                        teams.isMember(team.id(), user.id())
                                                                .flatMap(
                                                                        member ->
                                                                                member
                                                                                        ? Mono
                                                                                                .error(
                                                                                                        new MinkaException(
                                                                                                                ProblemType
                                                                                                                        .ALREADY_MEMBER))
                                                                                        : takeTeamSeat(
                                                                                                event,
                                                                                                user))
                                                                .then(teams.takeSeat(team.id()))
                                                                .flatMap(
                                                                        seats ->
                                                                                seats == 0
                                                                                        ? Mono
                                                                                                .error(
                                                                                                        new MinkaException(
                                                                                                                ProblemType
                                                                                                                        .TEAM_FULL))
                                                                                        : teams
                                                                                                .insertMember(
                                                                                                        team
                                                                                                                .id(),
                                                                                                        eventId,
                                                                                                        user
                                                                                                                .id(),
                                                                                                        "MEMBER"))
                                                                .then(
                                                                        teams.findTeam(
                                                                                eventId, team.id()))
                                                                .flatMap(
                                                                        joined ->
                                                                                view(
                                                                                        joined,
                                                                                        true))));
    }

    /**
     * Leaves a team while REGISTRATION is open. A captain must transfer captaincy first, unless
     * they are the last member, whose leaving dissolves the team.
     */
    @Transactional
    public Mono<Void> leave(UUID eventId, UUID teamId, CurrentUser user) {
        return openEvent(eventId, user)
                .then(memberTeam(eventId, teamId, user))
                .flatMap(
                        team -> {
                            if (team.captainId().equals(user.id()) && team.memberCount() > 1) {
                                return Mono.error(
                                        new MinkaException(ProblemType.CAPTAIN_MUST_TRANSFER));
                            }
                            return teams.deleteMember(teamId, user.id())
                                    .then(teams.releaseTeamSeat(eventId, user.id()))
                                    .then(teams.freeSeat(teamId))
                                    .flatMap(
                                            left ->
                                                    left == 0
                                                            ? teams.deleteTeam(teamId)
                                                            : Mono.empty());
                        });
    }

    /** A team, with emails and the join code only for its members and the event's organizers. */
    public Mono<Team> get(UUID eventId, UUID teamId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(
                        team ->
                                insider(team, user)
                                        .flatMap(
                                                insider ->
                                                        insider
                                                                ? view(team, true)
                                                                : Mono.error(
                                                                        MinkaException.notFound(
                                                                                "team"))));
    }

    /** Replaces the join code (captain only); the old code stops working at once. */
    @Transactional
    public Mono<Team.Code> rotateCode(UUID eventId, UUID teamId, CurrentUser user) {
        return captainTeam(eventId, teamId, user)
                .flatMap(team -> teams.rotateCode(teamId, codes.next()).map(Team.Code::new));
    }

    private Mono<TeamRepository.TeamRow> memberTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .filterWhen(team -> teams.isMember(team.id(), user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    private Mono<Boolean> insider(TeamRepository.TeamRow team, CurrentUser user) {
        if (user == null) {
            return Mono.just(false);
        }
        return teams.isMember(team.id(), user.id())
                .flatMap(
                        member ->
                                member
                                        ? Mono.just(true)
                                        : access.isOrganizer(team.eventId(), user));
    }

    /**
     * The event, visible to the user and published, with REGISTRATION open at the database's now().
     */
    private Mono<EventFacts> openEvent(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(EventFacts::published)
                .switchIfEmpty(Mono.error(MinkaException.notFound("event")))
                .filterWhen(event -> access.isOpen(eventId, Phase.REGISTRATION))
                .switchIfEmpty(
                        Mono.error(
                                new MinkaException(ProblemType.PHASE_CLOSED, Phase.REGISTRATION)));
    }

    private Mono<Void> takeTeamSeat(EventFacts event, CurrentUser user) {
        int cap = Boolean.TRUE.equals(event.settings().allowMultipleTeams()) ? MULTI_TEAM_CAP : 1;
        return teams.takeTeamSeat(event.id(), user.id(), cap)
                .flatMap(
                        n ->
                                n == 1
                                        ? Mono.<Void>empty()
                                        : teams.findActiveRegistration(event.id(), user.id())
                                                .hasElement()
                                                .flatMap(
                                                        registered ->
                                                                Mono.error(
                                                                        new MinkaException(
                                                                                registered
                                                                                        ? ProblemType
                                                                                                .TEAM_LIMIT_REACHED
                                                                                        : ProblemType
                                                                                                .NOT_REGISTERED))));
    }

    private static Mono<Void> checkRegion(EventFacts event, Registration.Answers answers) {
        if (event.settings().regions().contains(answers.region().strip())) {
            return Mono.empty();
        }
        return Mono.error(
                new MinkaException(
                        ProblemType.VALIDATION_FAILED,
                        "problem.validation-failed.detail",
                        List.of(
                                new Problem.FieldViolation(
                                        "region", "must be one of the event's regions")),
                        1));
    }

    private Mono<Team> view(TeamRepository.TeamRow team, boolean insider) {
        Mono<List<Team.Member>> members =
                teams.findMembers(team.id())
                        .map(
                                m ->
                                        insider
                                                ? m
                                                : new Team.Member(
                                                        m.userId(),
                                                        m.displayName(),
                                                        null,
                                                        m.role(),
                                                        m.joinedAt()))
                        .collectList();
        Mono<List<UUID>> entries = teams.findEntries(team.id()).collectList();
        return members.flatMap(
                list ->
                        entries.map(
                                challengeIds ->
                                        new Team(
                                                team.id(),
                                                team.eventId(),
                                                team.name(),
                                                team.description(),
                                                team.lookingForMembers(),
                                                team.skillsWanted(),
                                                team.captainId(),
                                                team.maxSize(),
                                                list,
                                                challengeIds,
                                                insider ? team.joinCode() : null,
                                                team.belowMinimum(),
                                                team.version(),
                                                team.createdAt())));
    }
}
