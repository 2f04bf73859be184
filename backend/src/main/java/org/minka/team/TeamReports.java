package org.minka.team;

import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organizer views of registrations and teams: lists with search, CSV exports and counts. */
@Service
class TeamReports {

    /** The UTF-8 byte order mark, so that spreadsheets read accented names right. */
    static final String BOM = "\uFEFF";

    private final ReportRepository reports;
    private final TeamService teams;
    private final EventAccess access;

    TeamReports(ReportRepository reports, TeamService teams, EventAccess access) {
        this.reports = reports;
        this.teams = teams;
        this.access = access;
    }

    Mono<CursorPage<Team>> teams(
            UUID eventId, Report.TeamQuery query, PageRequest page, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .thenMany(reports.teams(eventId, query, page))
                .collectList()
                .flatMap(
                        rows ->
                                Flux.fromIterable(rows)
                                        .concatMap(row -> teams.view(row, true))
                                        .collectMap(Team::id)
                                        .map(
                                                views ->
                                                        CursorPage.of(
                                                                rows,
                                                                page,
                                                                TeamRepository.TeamRow::createdAt,
                                                                TeamRepository.TeamRow::id,
                                                                row -> views.get(row.id()))));
    }

    Mono<CursorPage<Report.Registrant>> registrants(
            UUID eventId, Report.RegistrationQuery query, PageRequest page, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .thenMany(reports.registrants(eventId, query, page))
                .collectList()
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
                .thenReturn(
                        Flux.concat(
                                Flux.just(
                                        BOM
                                                + Csv.line(
                                                        "team_id",
                                                        "name",
                                                        "region",
                                                        "members",
                                                        "max_size",
                                                        "below_minimum",
                                                        "member_list",
                                                        "challenges",
                                                        "created_at")),
                                reports.teamLines(eventId)
                                        .map(
                                                t ->
                                                        Csv.line(
                                                                t.id(),
                                                                t.name(),
                                                                t.region(),
                                                                t.members(),
                                                                t.maxSize(),
                                                                t.belowMinimum(),
                                                                t.memberList(),
                                                                t.challenges(),
                                                                t.createdAt()))));
    }

    /** The registrations CSV, streamed row by row after the organizer check. */
    Mono<Flux<String>> registrationsCsv(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .thenReturn(
                        Flux.concat(
                                Flux.just(
                                        BOM
                                                + Csv.line(
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
                                                        "registered_at")),
                                reports.registrants(
                                                eventId,
                                                new Report.RegistrationQuery(null, null, null),
                                                null)
                                        .map(
                                                r ->
                                                        Csv.line(
                                                                r.userId(),
                                                                r.displayName(),
                                                                r.email(),
                                                                r.region(),
                                                                r.ageBracket(),
                                                                String.join("; ", r.skills()),
                                                                r.termsVersion(),
                                                                r.consentedAt(),
                                                                r.lookingForTeam(),
                                                                String.join("; ", r.teamNames()),
                                                                r.withdrawnAt(),
                                                                r.createdAt()))));
    }

    Mono<Report.Stats> stats(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(reports.totals(eventId))
                .flatMap(
                        totals ->
                                reports.perChallenge(eventId)
                                        .collectList()
                                        .flatMap(
                                                challenges ->
                                                        reports.perRegion(eventId)
                                                                .collectList()
                                                                .map(
                                                                        regions ->
                                                                                new Report.Stats(
                                                                                        totals[0],
                                                                                        totals[1],
                                                                                        totals[2],
                                                                                        totals[3],
                                                                                        challenges,
                                                                                        regions))));
    }
}
