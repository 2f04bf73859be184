package org.minka.team;

import java.util.List;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
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
    private final JoinCodes codes;

    TeamService(TeamRepository teams, EventAccess access, JoinCodes codes) {
        this.teams = teams;
        this.access = access;
        this.codes = codes;
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
        return memberTeam(eventId, teamId, user)
                .flatMap(
                        team ->
                                team.captainId().equals(user.id())
                                        ? teams.rotateCode(teamId, codes.next()).map(Team.Code::new)
                                        : Mono.error(MinkaException.forbidden()));
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
        return teams.findMembers(team.id())
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
                .collectList()
                .map(
                        members ->
                                new Team(
                                        team.id(),
                                        team.eventId(),
                                        team.name(),
                                        team.description(),
                                        team.lookingForMembers(),
                                        team.skillsWanted(),
                                        team.captainId(),
                                        team.maxSize(),
                                        members,
                                        insider ? team.joinCode() : null,
                                        team.version(),
                                        team.createdAt()));
    }
}
