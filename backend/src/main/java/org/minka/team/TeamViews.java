package org.minka.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.CursorPage;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.minka.security.UserDirectory.UserSummary;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns team rows into what readers see. A page of teams costs one query for its members, one for
 * their names and one for its challenges, whatever the page size; the challenges are read while the
 * members are.
 */
@Component
class TeamViews {

    /** Below the minimum size: fewer members than the event's minimum once REGISTRATION closed. */
    record SizeRule(int min, boolean registrationClosed) {

        boolean below(int members) {
            return registrationClosed && members < min;
        }
    }

    /** The rule of an event whose REGISTRATION has not closed: no team is below. */
    static final SizeRule OPEN = new SizeRule(1, false);

    private record Rows(Map<UUID, List<Team.Member>> members, Map<UUID, List<UUID>> entries) {}

    private final TeamRepository teams;
    private final EntryRepository entryRows;
    private final EventAccess access;
    private final UserDirectory users;

    TeamViews(
            TeamRepository teams,
            EntryRepository entryRows,
            EventAccess access,
            UserDirectory users) {
        this.teams = teams;
        this.entryRows = entryRows;
        this.access = access;
        this.users = users;
    }

    /** The event's size rule, read through the event's facade in one statement. */
    Mono<SizeRule> sizeRule(UUID eventId, CurrentUser user) {
        return access.standing(eventId, user).map(TeamViews::sizeRule);
    }

    /** The size rule from a standing already read: its minimum, and whether REGISTRATION closed. */
    static SizeRule sizeRule(EventAccess.Standing standing) {
        Integer min = standing.event().settings().teamSizeMin();
        return new SizeRule(min == null ? 1 : min, standing.phases().registrationClosed());
    }

    /** The size rule of an event already read: its minimum, and whether REGISTRATION closed. */
    Mono<SizeRule> sizeRule(EventAccess.EventFacts event) {
        Integer min = event.settings().teamSizeMin();
        return access.hasClosed(event.id(), Phase.REGISTRATION)
                .map(closed -> new SizeRule(min == null ? 1 : min, closed));
    }

    /** One team, with emails and the join code when {@code insider}. */
    Mono<Team> one(TeamRepository.TeamRow team, boolean insider, CurrentUser user) {
        return sizeRule(team.eventId(), user).flatMap(rule -> one(team, insider, rule));
    }

    /** One team, under a size rule already known. */
    Mono<Team> one(TeamRepository.TeamRow team, boolean insider, SizeRule rule) {
        return page(List.of(team), insider, rule).map(list -> list.get(0));
    }

    /** Teams of one event, in the order given. */
    Mono<List<Team>> page(List<TeamRepository.TeamRow> rows, boolean insider, SizeRule rule) {
        return rows(rows).map(found -> teams(rows, found, insider, Map.of(), rule));
    }

    /** Teams of several events, each with its event's rule, in the order given. */
    Mono<List<Team>> page(
            List<TeamRepository.TeamRow> rows, boolean insider, Map<UUID, SizeRule> rules) {
        return rows(rows).map(found -> teams(rows, found, insider, rules, OPEN));
    }

    /** What the public sees of these teams, in the order given. */
    Mono<List<Team.Public>> publics(List<TeamRepository.TeamRow> rows) {
        return rows(rows).map(found -> publics(rows, found));
    }

    /** Join requests with the requesters' display names. */
    Mono<List<Invitation.Request>> named(List<Invitation.Request> requests) {
        List<UUID> ids = requests.stream().map(Invitation.Request::userId).toList();
        return users.findAllById(ids).map(byId -> named(requests, byId));
    }

    private Mono<Rows> rows(List<TeamRepository.TeamRow> rows) {
        List<UUID> ids = rows.stream().map(TeamRepository.TeamRow::id).toList();
        if (ids.isEmpty()) {
            return Mono.just(new Rows(Map.of(), Map.of()));
        }
        return Mono.zip(members(ids), entries(ids), Rows::new);
    }

    private Mono<Map<UUID, List<Team.Member>>> members(List<UUID> teamIds) {
        return teams.findMembers(teamIds).collectList().flatMap(this::withNames);
    }

    private Mono<Map<UUID, List<Team.Member>>> withNames(List<TeamRepository.MemberRow> rows) {
        List<UUID> ids = rows.stream().map(TeamRepository.MemberRow::userId).toList();
        return users.findAllById(ids).map(byId -> byTeam(rows, byId));
    }

    private Mono<Map<UUID, List<UUID>>> entries(List<UUID> teamIds) {
        return entryRows
                .findEntries(teamIds)
                .collectMultimap(
                        EntryRepository.EntryRow::teamId, EntryRepository.EntryRow::challengeId)
                .map(TeamViews::asLists);
    }

    private static Map<UUID, List<UUID>> asLists(
            Map<UUID, ? extends java.util.Collection<UUID>> m) {
        return m.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    private static Map<UUID, List<Team.Member>> byTeam(
            List<TeamRepository.MemberRow> rows, Map<UUID, UserSummary> byId) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(
                                TeamRepository.MemberRow::teamId,
                                Collectors.mapping(
                                        row -> member(row, byId.get(row.userId())),
                                        Collectors.toList())));
    }

    private static Team.Member member(TeamRepository.MemberRow row, UserSummary user) {
        return new Team.Member(
                row.userId(),
                user == null ? null : user.name(),
                user == null ? null : user.email(),
                row.role(),
                row.joinedAt());
    }

    private static List<Team> teams(
            List<TeamRepository.TeamRow> rows,
            Rows found,
            boolean insider,
            Map<UUID, SizeRule> rules,
            SizeRule rule) {
        List<Team> views = new ArrayList<>(rows.size());
        for (TeamRepository.TeamRow row : rows) {
            List<Team.Member> members = found.members().getOrDefault(row.id(), List.of());
            views.add(
                    team(
                            row,
                            insider ? members : withoutEmails(members),
                            found.entries().getOrDefault(row.id(), List.of()),
                            insider,
                            rules.getOrDefault(row.eventId(), rule)));
        }
        return views;
    }

    private static List<Team.Member> withoutEmails(List<Team.Member> members) {
        return members.stream()
                .map(
                        m ->
                                new Team.Member(
                                        m.userId(), m.displayName(), null, m.role(), m.joinedAt()))
                .toList();
    }

    private static Team team(
            TeamRepository.TeamRow team,
            List<Team.Member> members,
            List<UUID> challengeIds,
            boolean insider,
            SizeRule rule) {
        return new Team(
                team.id(),
                team.eventId(),
                team.name(),
                team.description(),
                team.lookingForMembers(),
                team.skillsWanted(),
                team.region(),
                team.captainId(),
                team.maxSize(),
                members,
                challengeIds,
                insider ? team.joinCode() : null,
                rule.below(team.memberCount()),
                team.version(),
                team.createdAt());
    }

    private static List<Team.Public> publics(List<TeamRepository.TeamRow> rows, Rows found) {
        return rows.stream()
                .map(
                        row ->
                                new Team.Public(
                                        row.id(),
                                        row.name(),
                                        names(found.members().getOrDefault(row.id(), List.of())),
                                        found.entries().getOrDefault(row.id(), List.of())))
                .toList();
    }

    private static List<String> names(List<Team.Member> members) {
        return members.stream().map(m -> m.displayName() == null ? "" : m.displayName()).toList();
    }

    private static List<Invitation.Request> named(
            List<Invitation.Request> requests, Map<UUID, UserSummary> byId) {
        return requests.stream().map(r -> r.withDisplayName(nameOf(byId.get(r.userId())))).toList();
    }

    private static String nameOf(UserSummary user) {
        return user == null ? null : user.name();
    }

    /** A cursor page of views made from the rows fetched for it, in the same order. */
    static <T> CursorPage<T> paged(
            List<TeamRepository.TeamRow> rows, List<T> views, PageRequest page) {
        java.util.Map<UUID, T> byId = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byId.put(rows.get(i).id(), views.get(i));
        }
        return CursorPage.of(
                rows,
                page,
                TeamRepository.TeamRow::createdAt,
                TeamRepository.TeamRow::id,
                row -> byId.get(row.id()));
    }
}
