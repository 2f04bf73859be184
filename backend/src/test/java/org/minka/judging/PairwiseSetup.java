package org.minka.judging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;

/**
 * Pairwise tests' helpers over a {@link JudgingScenario} in PAIRWISE mode: bulk counted versions
 * written in SQL, and the judge's calls.
 */
final class PairwiseSetup {

    static final Map<String, Object> PAIRWISE =
            Map.of("judging", Map.of("mode", "PAIRWISE", "judgesPerSubmission", 2));

    private PairwiseSetup() {}

    static String base(JudgingScenario s, UUID challenge) {
        return s.eventPath() + "/challenges/" + challenge + "/judging/pairwise";
    }

    /**
     * {@code n} more counted versions in the challenge, written in SQL (one team each, captained by
     * a fresh user): far faster than the API for the races that need many items.
     */
    static List<UUID> bulkEntries(JudgingScenario s, UUID challenge, int n) {
        User captain = s.fixtures.user("bulk-captain");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        s.sql(
                """
                insert into teams (event_id, name, captain_id, join_code, max_size, member_count,
                                   challenges_entered)
                select $1, 'Lote ' || $3 || ' ' || g, $2, 'B' || $3 || g, 5, 0, 1
                from generate_series(1, $4) g""",
                s.event,
                captain.id(),
                tag,
                n);
        s.sql(
                """
                insert into submissions (event_id, team_id, challenge_id, title, licence,
                                         latest_version, created_by)
                select $1, t.id, $2, t.name, 'CC-BY-4.0', 1, $3
                from teams t where t.event_id = $1 and t.join_code like 'B' || $4 || '%'""",
                s.event, challenge, captain.id(), tag);
        s.sql(
                """
                insert into submission_versions (submission_id, number, title, summary, links,
                                                 datasets, licence, artifact_ids, submitted_by,
                                                 submitted_at)
                select s.id, 1, s.title, '', '{}', '[]', s.licence, '{}', $2,
                       now() - interval '2 hours'
                from submissions s join teams t on t.id = s.team_id
                where s.event_id = $1 and t.join_code like 'B' || $3 || '%'""",
                s.event, captain.id(), tag);
        return s.db.sql(
                        "select s.id from submissions s join teams t on t.id = s.team_id"
                                + " where t.join_code like 'B' || $1 || '%'")
                .bind(0, tag)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }

    static Api.Reply next(JudgingScenario s, User judge, UUID challenge) {
        return s.api.post(judge, base(s, challenge) + "/next", null);
    }

    static Api.Reply decide(
            JudgingScenario s,
            User judge,
            UUID challenge,
            UUID previous,
            UUID current,
            String outcome) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("previousId", previous == null ? null : previous.toString());
        body.put("currentId", current == null ? null : current.toString());
        body.put("outcome", outcome);
        return s.api.post(judge, base(s, challenge) + "/decisions", body);
    }

    static UUID current(Api.Reply turn) {
        return item(turn, "current");
    }

    static UUID previous(Api.Reply turn) {
        return item(turn, "previous");
    }

    /** The submission id of the turn's item, or null when the turn has none. */
    private static UUID item(Api.Reply turn, String field) {
        Map<String, Object> body = turn.json("$");
        return body.get(field) instanceof Map<?, ?> item
                ? UUID.fromString((String) item.get("submissionId"))
                : null;
    }
}
