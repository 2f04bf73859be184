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
import reactor.core.publisher.Flux;
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

    Mono<EventFacts> beforeSubmissionCloses(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(EventFacts::published)
                .switchIfEmpty(Mono.error(MinkaException.notFound("event")))
                .filterWhen(
                        event -> access.hasClosed(eventId, Phase.SUBMISSION).map(closed -> !closed))
                .switchIfEmpty(
                        Mono.error(new MinkaException(ProblemType.PHASE_CLOSED, Phase.SUBMISSION)));
    }

    Mono<TeamRepository.TeamRow> captainTeam(UUID eventId, UUID teamId, CurrentUser user) {
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
                                checkRegion(event, "region", answers.region())
                                        .then(checkInterests(eventId, answers.interestIds()))
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
                .flatMap(
                        event ->
                                checkRegion(event, "region", answers.region())
                                        .then(checkInterests(eventId, answers.interestIds())))
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
                                checkRegion(event, "region", request.region())
                                        .then(takeTeamSeat(event, user.id()))
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
                                        .flatMap(team -> addMember(event, team, user.id())))
                .flatMap(team -> view(team, true));
    }

    /**
     * Seats a registered citizen in the team, within the event's limit of teams per citizen and the
     * team's size cap, both conditional updates. Returns the team as it is afterwards.
     */
    Mono<TeamRepository.TeamRow> addMember(
            EventFacts event, TeamRepository.TeamRow team, UUID userId) {
        return teams.isMember(team.id(), userId)
                .flatMap(
                        member ->
                                member
                                        ? fail(ProblemType.ALREADY_MEMBER)
                                        : takeTeamSeat(event, userId))
                .then(teams.takeSeat(team.id()))
                .flatMap(
                        seats ->
                                seats == 0
                                        ? fail(ProblemType.TEAM_FULL)
                                        : teams.insertMember(
                                                team.id(), event.id(), userId, "MEMBER"))
                .then(teams.findTeam(event.id(), team.id()));
    }

    static <T> Mono<T> fail(ProblemType type, Object... args) {
        return Mono.error(new MinkaException(type, args));
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

    /**
     * Changes a team's name, description, "looking for members" flag, skills wanted or region
     * (captain, until SUBMISSION closes). {@code expectedVersion} comes from If-Match.
     */
    @Transactional
    public Mono<Team> update(
            UUID eventId,
            UUID teamId,
            Team.Update request,
            Long expectedVersion,
            CurrentUser user) {
        return beforeSubmissionCloses(eventId, user)
                .flatMap(
                        event ->
                                captainTeam(eventId, teamId, user)
                                        .flatMap(
                                                team ->
                                                        checkRegion(
                                                                        event,
                                                                        "region",
                                                                        request.region())
                                                                .then(
                                                                        Mono.fromRunnable(
                                                                                () ->
                                                                                        org.minka
                                                                                                .common
                                                                                                .HttpCaching
                                                                                                .checkVersion(
                                                                                                        expectedVersion,
                                                                                                        team
                                                                                                                .version())))
                                                                .then(
                                                                        teams.updateTeam(
                                                                                team, request))))
                .onErrorMap(
                        DuplicateKeyException.class,
                        ex -> new MinkaException(ProblemType.TEAM_NAME_TAKEN, request.name()))
                .switchIfEmpty(fail(ProblemType.STALE_VERSION))
                .flatMap(team -> view(team, true));
    }

    /**
     * Seats a registered citizen in a team at any phase (organizer, audited). The size cap and the
     * event's limit of teams per citizen still hold.
     */
    @Transactional
    public Mono<Team> organizerAdd(UUID eventId, UUID teamId, UUID userId, CurrentUser user) {
        return organizerTeam(eventId, teamId, user)
                .flatMap(
                        team ->
                                access.visible(eventId, user)
                                        .flatMap(event -> addMember(event, team, userId)))
                .flatMap(
                        team ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "team.member.added",
                                                Map.of(
                                                        "teamId",
                                                        teamId.toString(),
                                                        "userId",
                                                        userId.toString()))
                                        .then(view(team, true)));
    }

    /**
     * Moves a member to another team of the event in one transaction (organizer, audited): the
     * member leaves the first team (a captain only when alone in it) and takes a seat in the other.
     */
    @Transactional
    public Mono<Team> organizerMove(
            UUID eventId, UUID teamId, UUID userId, UUID toTeamId, CurrentUser user) {
        if (teamId.equals(toTeamId)) {
            return fail(ProblemType.ALREADY_MEMBER);
        }
        return organizerTeam(eventId, teamId, user)
                .flatMap(
                        from ->
                                teams.findTeam(eventId, toTeamId)
                                        .switchIfEmpty(
                                                Mono.error(
                                                        MinkaException.invalid(
                                                                "toTeamId",
                                                                "no such team in this event")))
                                        .flatMap(
                                                to ->
                                                        remove(from, userId)
                                                                .then(access.visible(eventId, user))
                                                                .flatMap(
                                                                        event ->
                                                                                addMember(
                                                                                        event, to,
                                                                                        userId))))
                .flatMap(
                        team ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "team.member.moved",
                                                Map.of(
                                                        "fromTeamId",
                                                        teamId.toString(),
                                                        "toTeamId",
                                                        toTeamId.toString(),
                                                        "userId",
                                                        userId.toString()))
                                        .then(view(team, true)));
    }

    private Mono<TeamRepository.TeamRow> organizerTeam(
            UUID eventId, UUID teamId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    /**
     * Whether the event shows its gallery to everyone: published, gallery public, and SUBMISSION
     * closed at the database's now().
     */
    Mono<Boolean> galleryOpen(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(
                        event ->
                                event.published()
                                        && Boolean.TRUE.equals(event.settings().galleryPublic()))
                .flatMap(event -> access.hasClosed(eventId, Phase.SUBMISSION))
                .defaultIfEmpty(false);
    }

    /** The public page of a team, once the gallery is public; 404 before. */
    public Mono<Team.Public> publicTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return galleryOpen(eventId, user)
                .filter(open -> open)
                .flatMap(open -> teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(this::publicView);
    }

    /** Teams of a public gallery, in creation order, with cursor paging; 404 before. */
    public Mono<org.minka.common.CursorPage<Team.Public>> publicTeams(
            UUID eventId, org.minka.common.PageRequest page, CurrentUser user) {
        return galleryOpen(eventId, user)
                .filter(open -> open)
                .switchIfEmpty(Mono.error(MinkaException.notFound("gallery")))
                .flatMap(open -> teams.findTeams(eventId, page).collectList())
                .flatMap(
                        rows ->
                                Flux.fromIterable(rows)
                                        .concatMap(this::publicView)
                                        .collectMap(Team.Public::id)
                                        .map(
                                                views ->
                                                        org.minka.common.CursorPage.of(
                                                                rows,
                                                                page,
                                                                TeamRepository.TeamRow::createdAt,
                                                                TeamRepository.TeamRow::id,
                                                                row -> views.get(row.id()))));
    }

    private Mono<Team.Public> publicView(TeamRepository.TeamRow team) {
        return teams.findMembers(team.id())
                .map(m -> m.displayName() == null ? "" : m.displayName())
                .collectList()
                .zipWhen(
                        members -> teams.findEntries(team.id()).collectList(),
                        (members, entries) ->
                                new Team.Public(team.id(), team.name(), members, entries));
    }

    /** The event if this user may see it; a not-found problem otherwise. */
    Mono<EventFacts> visibleEvent(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user);
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

    Mono<TeamRepository.TeamRow> memberTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .filterWhen(team -> teams.isMember(team.id(), user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    Mono<Boolean> insider(TeamRepository.TeamRow team, CurrentUser user) {
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
    Mono<EventFacts> openEvent(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(EventFacts::published)
                .switchIfEmpty(Mono.error(MinkaException.notFound("event")))
                .filterWhen(event -> access.isOpen(eventId, Phase.REGISTRATION))
                .switchIfEmpty(
                        Mono.error(
                                new MinkaException(ProblemType.PHASE_CLOSED, Phase.REGISTRATION)));
    }

    private Mono<Void> takeTeamSeat(EventFacts event, UUID userId) {
        int cap = Boolean.TRUE.equals(event.settings().allowMultipleTeams()) ? MULTI_TEAM_CAP : 1;
        return teams.takeTeamSeat(event.id(), userId, cap)
                .flatMap(
                        n ->
                                n == 1
                                        ? Mono.<Void>empty()
                                        : teams.findActiveRegistration(event.id(), userId)
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

    static Mono<Void> checkRegion(EventFacts event, String field, String region) {
        if (region == null
                || region.isBlank()
                || event.settings().regions().contains(region.strip())) {
            return Mono.empty();
        }
        return Mono.error(
                new MinkaException(
                        ProblemType.VALIDATION_FAILED,
                        "problem.validation-failed.detail",
                        List.of(
                                new Problem.FieldViolation(
                                        field, "must be one of the event's regions")),
                        1));
    }

    private Mono<Void> checkInterests(UUID eventId, List<UUID> challengeIds) {
        return Flux.fromIterable(challengeIds)
                .concatMap(
                        id ->
                                challenges
                                        .belongsTo(eventId, id)
                                        .flatMap(
                                                known ->
                                                        known
                                                                ? Mono.<Void>empty()
                                                                : fail(
                                                                        ProblemType
                                                                                .UNKNOWN_CHALLENGE,
                                                                        List.of(id))))
                .then();
    }

    Mono<Team> view(TeamRepository.TeamRow team, boolean insider) {
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
                                                team.region(),
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
