package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.CursorPage;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.minka.security.UserDirectory.UserSummary;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Organizer views of registrations and teams: lists with search, CSV exports and counts. A page
 * costs the same number of statements whatever its size; a search reads only the event's people.
 */
@Service
class TeamReports {

    /** The UTF-8 byte order mark, so that spreadsheets read accented names right. */
    static final String BOM = "\uFEFF";

    static final String TEAMS_HEADER =
            Csv.line(
                    "team_id",
                    "name",
                    "region",
                    "members",
                    "max_size",
                    "below_minimum",
                    "member_list",
                    "challenges",
                    "created_at");

    static final String REGISTRATIONS_HEADER =
            Csv.line(
                    "user_id",
                    "name",
                    "email",
                    "region",
                    "age_bracket",
                    "skills",
                    "terms_version",
                    "consented_at",
                    "looking_for_team",
                    "teams",
                    "withdrawn_at",
                    "registered_at");

    /** What a teams export needs besides the teams: the rule, people and challenge titles. */
    private record TeamsExport(
            TeamViews.SizeRule rule, Map<UUID, UserSummary> people, Map<UUID, String> titles) {}

    private final ReportRepository reports;
    private final TeamViews views;
    private final EventAccess access;
    private final UserDirectory users;

    TeamReports(
            ReportRepository reports, TeamViews views, EventAccess access, UserDirectory users) {
        this.reports = reports;
        this.views = views;
        this.access = access;
        this.users = users;
    }

    Mono<CursorPage<Team>> teams(
            UUID eventId, Report.TeamQuery query, PageRequest page, CurrentUser user) {
        return access.organized(eventId, user)
                .flatMap(views::sizeRule)
                .flatMap(rule -> teamPage(eventId, query, rule, page));
    }

    Mono<CursorPage<Report.Registrant>> registrants(
            UUID eventId, Report.RegistrationQuery query, PageRequest page, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .thenMany(registrantRows(eventId, query, page))
                .collectList()
                .flatMap(this::withUsers)
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        Report.Registrant::createdAt,
                                        Report.Registrant::userId,
                                        r -> r));
    }

    /** The teams CSV, streamed row by row after the organizer check. */
    Mono<Flux<String>> teamsCsv(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(teamsExport(eventId, user))
                .map(export -> teamLines(eventId, export));
    }

    /** The registrations CSV: each row goes straight to a CSV line, after the organizer check. */
    Mono<Flux<String>> registrationsCsv(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(registrantsById(eventId))
                .map(people -> registrationLines(eventId, people));
    }

    Mono<Report.Stats> stats(UUID eventId, CurrentUser user) {
        return access.organized(eventId, user)
                .flatMap(views::sizeRule)
                .flatMap(rule -> reports.totals(eventId, rule))
                .flatMap(totals -> withCounts(eventId, totals));
    }

    private Mono<Report.Stats> withCounts(UUID eventId, ReportRepository.Totals totals) {
        return perChallenge(eventId)
                .zipWith(
                        reports.perRegion(eventId).collectList(),
                        (challenges, regions) -> stats(totals, challenges, regions));
    }

    private Mono<CursorPage<Team>> teamPage(
            UUID eventId, Report.TeamQuery query, TeamViews.SizeRule rule, PageRequest page) {
        return matchingMembers(eventId, query.q())
                .flatMapMany(matched -> reports.teams(eventId, query, rule, matched, page))
                .collectList()
                .flatMap(rows -> teamViews(rows, rule, page));
    }

    private Mono<CursorPage<Team>> teamViews(
            List<TeamRepository.TeamRow> rows, TeamViews.SizeRule rule, PageRequest page) {
        return views.page(rows, true, rule).map(list -> TeamViews.paged(rows, list, page));
    }

    /** The event's team members whose name or email holds the text; none without text. */
    private Mono<List<UUID>> matchingMembers(UUID eventId, String q) {
        if (q == null) {
            return Mono.just(List.of());
        }
        return reports.memberIds(eventId)
                .collectList()
                .flatMapMany(ids -> users.matching(ids, q))
                .collectList();
    }

    private Flux<Report.Registrant> registrantRows(
            UUID eventId, Report.RegistrationQuery query, PageRequest page) {
        if (query.q() == null) {
            return reports.registrants(eventId, query, null, page);
        }
        return reports.registrantIds(eventId)
                .collectList()
                .flatMapMany(ids -> users.matching(ids, query.q()))
                .collectList()
                .filter(matched -> !matched.isEmpty())
                .flatMapMany(matched -> reports.registrants(eventId, query, matched, page));
    }

    private Mono<List<Report.Registrant>> withUsers(List<Report.Registrant> rows) {
        List<UUID> ids = rows.stream().map(Report.Registrant::userId).toList();
        return users.findAllById(ids).map(byId -> withUsers(rows, byId));
    }

    private static List<Report.Registrant> withUsers(
            List<Report.Registrant> rows, Map<UUID, UserSummary> byId) {
        return rows.stream().map(r -> withUser(r, byId.get(r.userId()))).toList();
    }

    private static Report.Registrant withUser(Report.Registrant row, UserSummary user) {
        return user == null ? row : row.withUser(user.name(), user.email());
    }

    private Mono<TeamsExport> teamsExport(UUID eventId, CurrentUser user) {
        Mono<Map<UUID, UserSummary>> people =
                reports.memberIds(eventId).collectList().flatMap(users::findAllById);
        Mono<Map<UUID, String>> titles =
                access.challengeTitles(eventId)
                        .collectMap(
                                EventAccess.ChallengeTitle::id, EventAccess.ChallengeTitle::title);
        return Mono.zip(views.sizeRule(eventId, user), people, titles)
                .map(all -> new TeamsExport(all.getT1(), all.getT2(), all.getT3()));
    }

    private Flux<String> teamLines(UUID eventId, TeamsExport export) {
        return Flux.concat(
                Flux.just(BOM + TEAMS_HEADER),
                reports.teamLines(eventId).map(line -> teamLine(line, export)));
    }

    private static String teamLine(ReportRepository.TeamLine t, TeamsExport export) {
        return Csv.line(
                t.id(),
                t.name(),
                t.region(),
                t.members(),
                t.maxSize(),
                export.rule().below(t.members()),
                memberList(t, export.people()),
                challengeList(t, export.titles()),
                t.createdAt());
    }

    private static String memberList(ReportRepository.TeamLine t, Map<UUID, UserSummary> people) {
        if (t.memberIds().isEmpty()) {
            return null;
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < t.memberIds().size(); i++) {
            UserSummary person = people.get(t.memberIds().get(i));
            list.append(i == 0 ? "" : "; ")
                    .append(person == null || person.name() == null ? "" : person.name())
                    .append(" <")
                    .append(person == null || person.email() == null ? "" : person.email())
                    .append('>')
                    .append("CAPTAIN".equals(t.memberRoles().get(i)) ? " (captain)" : "");
        }
        return list.toString();
    }

    private static String challengeList(ReportRepository.TeamLine t, Map<UUID, String> titles) {
        if (t.challengeIds().isEmpty()) {
            return null;
        }
        return t.challengeIds().stream().map(titles::get).collect(Collectors.joining("; "));
    }

    private Mono<Map<UUID, UserSummary>> registrantsById(UUID eventId) {
        return reports.registrantIds(eventId).collectList().flatMap(users::findAllById);
    }

    private Flux<String> registrationLines(UUID eventId, Map<UUID, UserSummary> people) {
        return Flux.concat(
                Flux.just(BOM + REGISTRATIONS_HEADER),
                reports.registrationLines(eventId, row -> registrationLine(row, people)));
    }

    private static String registrationLine(Readable row, Map<UUID, UserSummary> people) {
        UUID userId = row.get("user_id", UUID.class);
        UserSummary person = people.get(userId);
        return Csv.line(
                userId,
                person == null ? null : person.name(),
                person == null ? null : person.email(),
                row.get("region", String.class),
                row.get("age_bracket", String.class),
                row.get("skills", String.class),
                row.get("terms_version", String.class),
                row.get("consented_at", Instant.class),
                row.get("looking_for_team", Boolean.class),
                row.get("teams", String.class),
                row.get("withdrawn_at", Instant.class),
                row.get("created_at", Instant.class));
    }

    private Mono<List<Report.PerChallenge>> perChallenge(UUID eventId) {
        return reports.challengeCounts(eventId)
                .collectMap(ReportRepository.ChallengeCount::challengeId)
                .flatMap(counts -> perChallenge(eventId, counts));
    }

    private Mono<List<Report.PerChallenge>> perChallenge(
            UUID eventId, Map<UUID, ReportRepository.ChallengeCount> counts) {
        return access.challengeTitles(eventId)
                .map(c -> perChallenge(c, counts.get(c.id())))
                .collectList();
    }

    private static Report.PerChallenge perChallenge(
            EventAccess.ChallengeTitle challenge, ReportRepository.ChallengeCount count) {
        return new Report.PerChallenge(
                challenge.id(),
                challenge.title(),
                count == null ? 0 : count.teams(),
                count == null ? 0 : count.participants());
    }

    private static Report.Stats stats(
            ReportRepository.Totals totals,
            List<Report.PerChallenge> challenges,
            List<Report.PerRegion> regions) {
        return new Report.Stats(
                totals.registrations(),
                totals.teams(),
                totals.below(),
                totals.seated(),
                challenges,
                regions);
    }
}
