package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/**
 * The embargo: a results draft with awards, a disqualification and a scheduled publication leaks
 * through no public read of the event. Every public read (and its ETag), and the awarded users'
 * notifications, are the same as before the draft existed; once published, the awards appear on the
 * results page.
 */
class ResultsEmbargoIntegrationTests extends IntegrationTest {

    /** One read as the public (or the user) sees it: status, ETag and body. */
    private record Seen(int status, String etag, String body) {}

    private static Map<String, Seen> probe(ResultsScenario s) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        paths.add(s.path(""));
        paths.add("/api/v1/events?limit=100");
        paths.add(s.path("/challenges"));
        paths.add(s.path("/challenges/" + s.health));
        paths.add(s.path("/gallery/submissions"));
        paths.add(s.path("/gallery/submissions?challengeId=" + s.health));
        paths.add(s.path("/gallery/teams"));
        for (ResultsScenario.Entry e : s.entries) {
            paths.add(s.path("/gallery/teams/" + e.team()));
            paths.add("/api/v1/submissions/" + e.submission() + "/versions");
        }
        paths.add(s.path("/voting/tallies"));
        paths.add("/api/v1/catalog/datasets/" + s.minsaDataset);
        paths.add("/api/v1/catalog/datasets/" + s.regionDataset);
        paths.add("/api/v1/catalog/publishers/" + s.minsa);
        paths.add(s.results(""));
        paths.add(s.results("/data.json"));
        paths.add(s.results("/results.csv"));
        paths.add(s.results("/results.json"));
        for (String path : paths) {
            seen.put("anonymous " + path, read(s, null, path));
        }
        List<User> awarded =
                List.of(s.a.captain(), s.a.member(), s.d.captain(), s.c.member(), s.official);
        for (User user : awarded) {
            seen.put(user.email() + " notifications", read(s, user, "/api/v1/me/notifications"));
            seen.put(user.email() + " event", read(s, user, s.path("")));
            seen.put(user.email() + " results", read(s, user, s.results("")));
        }
        return seen;
    }

    private static Seen read(ResultsScenario s, User user, String path) {
        Reply reply = s.api.get(user, path);
        String body = reply.status() >= 400 ? reply.json("$.type") : reply.body();
        return new Seen(reply.status(), reply.headers().getETag(), body);
    }

    @Test
    void publicReadsWhenDraftWithAwardsExistsThenSameAsBeforeUntilPublished() {
        ResultsScenario s = new ResultsScenario(web, db, fixtures, false);
        s.vote(s.a.submission(), s.d.submission());
        s.closeVoting();
        Map<String, Seen> before = probe(s);
        assertThat(before.get("anonymous " + s.path("/gallery/submissions")).status())
                .isEqualTo(200);
        assertThat(before.get("anonymous " + s.path("/voting/tallies")).status()).isEqualTo(200);
        assertThat(before.get("anonymous " + s.results("")).status()).isEqualTo(404);

        s.api.post(s.organizer, s.results("/draft"), Map.of("overallWinner", true)).expect(200);
        s.api.post(
                        s.organizer,
                        s.results("/distinctions"),
                        Map.of(
                                "publisherId",
                                s.region.toString(),
                                "title",
                                Map.of("es", "Datos regionales", "en", "Regional data"),
                                "reason",
                                Map.of("es", "Los más usados.", "en", "The most used.")))
                .expect(201);
        s.api.post(
                        s.organizer,
                        s.results("/disqualifications"),
                        Map.of("submissionId", s.b.submission().toString(), "reason", "Plagio"))
                .expect(200);
        Instant at = Instant.now().plus(Duration.ofDays(1));
        s.api.post(s.organizer, s.results("/publish"), Map.of("at", at.toString())).expect(200);

        assertThat(probe(s)).isEqualTo(before);

        clock.set(at.plus(Duration.ofMinutes(1)));
        Reply page = s.api.get(null, s.results("")).expect(200);
        List<String> kinds = page.json("$.awards[*].kind");
        assertThat(kinds).contains("OVERALL", "PLACE", "PEOPLES_CHOICE", "DISTINCTION");
        s.api.get(null, s.results("/data.json")).expect(200);
    }
}
