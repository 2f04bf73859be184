package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.security.UserDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Round 1 progress for organizers, per judge and per challenge. An assignment is overdue when its
 * judge has not submitted a score and the due time has passed at the database's now(): the due time
 * is {@code dueAt} when the organizer gives one (an internal deadline), else the close of the
 * JUDGING window.
 */
@Service
class JudgingProgress {

    /** The counts of a judge, a challenge or the whole event. */
    @Schema(name = "JudgingProgressCounts")
    record Counts(
            @Schema(nullable = true) UUID id,
            @Schema(nullable = true, example = "Ana Quispe") String name,
            @Schema(example = "12") int assigned,
            @Schema(description = "Not started: no score saved yet", example = "3") int notStarted,
            @Schema(description = "Saved as a draft, not submitted", example = "2") int drafted,
            @Schema(example = "7") int submitted,
            @Schema(description = "Not submitted once the due time passed", example = "0")
                    int overdue) {}

    /** The event's progress. */
    @Schema(name = "JudgingProgress")
    record View(
            @Schema(nullable = true, description = "The due time asked for; null: JUDGING's close")
                    Instant dueAt,
            @Schema(description = "Whether the due time has passed") boolean duePassed,
            Counts total,
            List<Counts> judges,
            List<Counts> challenges) {}

    private record Line(UUID judgeId, UUID challengeId, int assigned, int drafted, int submitted) {}

    private final DatabaseClient db;
    private final EventAccess events;
    private final UserDirectory users;

    JudgingProgress(DatabaseClient db, EventAccess events, UserDirectory users) {
        this.db = db;
        this.events = events;
        this.users = users;
    }

    /** Progress per judge and per challenge (organizers). */
    Mono<View> progress(UUID eventId, Instant dueAt, org.minka.security.CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(Mono.zip(duePassed(eventId, dueAt), lines(eventId)))
                .flatMap(t -> named(dueAt, t.getT1(), t.getT2()));
    }

    private Mono<Boolean> duePassed(UUID eventId, Instant dueAt) {
        if (dueAt == null) {
            return events.hasClosed(eventId, Phase.JUDGING);
        }
        return db.sql("select now() >= :due as passed")
                .bind("due", dueAt)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("passed", Boolean.class)))
                .one();
    }

    private Mono<List<Line>> lines(UUID eventId) {
        return db.sql(
                        """
                        select a.judge_id, a.challenge_id, count(*) as assigned,
                          count(*) filter (where s.status = 'DRAFT') as drafted,
                          count(*) filter (where s.status = 'SUBMITTED') as submitted
                        from judging_assignments a left join judging_scores s
                          on s.submission_id = a.submission_id and s.judge_id = a.judge_id
                        where a.event_id = :event group by a.judge_id, a.challenge_id""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Line(
                                        row.get("judge_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        row.get("assigned", Long.class).intValue(),
                                        row.get("drafted", Long.class).intValue(),
                                        row.get("submitted", Long.class).intValue()))
                .all()
                .collectList();
    }

    private Mono<View> named(Instant dueAt, boolean passed, List<Line> lines) {
        List<UUID> judges = lines.stream().map(Line::judgeId).distinct().toList();
        return users.namesOf(judges)
                .map(
                        names ->
                                new View(
                                        dueAt,
                                        passed,
                                        sum(null, null, lines, passed),
                                        grouped(lines, Line::judgeId, names, passed),
                                        grouped(lines, Line::challengeId, Map.of(), passed)));
    }

    private static List<Counts> grouped(
            List<Line> lines, Function<Line, UUID> key, Map<UUID, String> names, boolean passed) {
        Map<UUID, List<Line>> groups = new TreeMap<>();
        lines.forEach(l -> groups.computeIfAbsent(key.apply(l), k -> new ArrayList<>()).add(l));
        List<Counts> counts = new ArrayList<>();
        groups.forEach((id, group) -> counts.add(sum(id, names.get(id), group, passed)));
        return counts;
    }

    private static Counts sum(UUID id, String name, List<Line> lines, boolean passed) {
        int assigned = lines.stream().mapToInt(Line::assigned).sum();
        int drafted = lines.stream().mapToInt(Line::drafted).sum();
        int submitted = lines.stream().mapToInt(Line::submitted).sum();
        int open = assigned - submitted;
        return new Counts(
                id, name, assigned, open - drafted, drafted, submitted, passed ? open : 0);
    }
}
