package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Ballots end to end: cast, list, retract; the cap and the one-ballot rule; who may vote; the
 * refusals for bad input (each a problem, with nothing stored); audit hashes; tallies that count
 * valid ballots only; People's Choice with explicit ties; and the rotation of an archived event's
 * key.
 */
class VotingIntegrationTests extends IntegrationTest {

    @Autowired VotingKeys keys;
    @Autowired VotingAccess voting;

    private VotingScenario scenario(Object... voting) {
        return new VotingScenario(web, db, fixtures, VotingScenario.voting(voting));
    }

    private static Reply cast(VotingScenario s, User voter, UUID submission) {
        return s.api.post(
                voter,
                s.eventPath() + "/voting/ballots",
                Map.of("submissionId", submission.toString()));
    }

    private long ballots(VotingScenario s) {
        return s.count("select count(*) from voting_ballots where event_id = $1", s.event);
    }

    private long liveBallots(VotingScenario s, User voter) {
        return s.count(
                "select count(*) from voting_ballots where event_id = $1 and voter_id = $2"
                        + " and retracted_at is null",
                s.event,
                voter.id());
    }

    private static long votes(Reply tallies, UUID submission) {
        List<Object> found =
                tallies.json(
                        "$.challenges[*].submissions[?(@.submissionId == '"
                                + submission
                                + "')].votes");
        return found.isEmpty() ? 0 : ((Number) found.get(0)).longValue();
    }

    @Test
    void castWhenEligibleThenListedAndCountedInTallies() {
        VotingScenario s = scenario("votesPerVoter", 2);
        User voter = fixtures.user("voter");
        UUID submission = s.entries.get(0).submission();

        Reply cast = cast(s, voter, submission).expect(201);

        assertThat(cast.<String>json("$.submissionId")).isEqualTo(submission.toString());
        assertThat(cast.<Integer>json("$.versionNumber")).isEqualTo(1);
        assertThat(cast.headers().getLocation().getPath())
                .isEqualTo(s.eventPath() + "/voting/ballots/" + cast.id());
        Reply mine = s.api.get(voter, s.eventPath() + "/voting/ballots/mine").expect(200);
        assertThat(mine.<List<String>>json("$[*].id")).containsExactly(cast.id().toString());
        Reply tallies = s.api.get(s.organizer, s.eventPath() + "/voting/tallies").expect(200);
        assertThat(votes(tallies, submission)).isEqualTo(1);
        assertThat(tallies.<Integer>json("$.votes")).isEqualTo(1);
        assertThat(tallies.body()).doesNotContain(voter.id().toString());
    }

    @Test
    void castWhenRetriedWithSameIdempotencyKeyThenOneBallot() {
        VotingScenario s = scenario("votesPerVoter", 3);
        User voter = fixtures.user("voter");
        String key = "vote-" + UUID.randomUUID();
        Map<String, String> body = Map.of("submissionId", s.entries.get(0).submission().toString());
        String first = castWithKey(s, voter, key, body, 201, null);
        castWithKey(s, voter, key, body, 201, first);

        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    private String castWithKey(
            VotingScenario s, User voter, String key, Object body, int status, String same) {
        var result =
                web.post()
                        .uri(s.eventPath() + "/voting/ballots")
                        .headers(h -> h.setBearerAuth(voter.token()))
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isEqualTo(status)
                        .expectBody(String.class)
                        .returnResult();
        if (same != null) {
            assertThat(result.getResponseBody()).isEqualTo(same);
            assertThat(result.getResponseHeaders().getFirst("Idempotent-Replayed"))
                    .isEqualTo("true");
        }
        return result.getResponseBody();
    }

    @Test
    void castWhenSameSubmissionAgainThenAlreadyVotedAndNothingStored() {
        VotingScenario s = scenario("votesPerVoter", 3);
        User voter = fixtures.user("voter");
        UUID submission = s.entries.get(0).submission();
        cast(s, voter, submission).expect(201);

        cast(s, voter, submission).problem(409, "already-voted");

        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    @Test
    void castWhenOverCapPerChallengeThenConflictButOtherChallengeStillOpen() {
        VotingScenario s = scenario("votesPerVoter", 1);
        User voter = fixtures.user("voter");
        cast(s, voter, s.entries.get(0).submission()).expect(201);

        cast(s, voter, s.entries.get(1).submission()).problem(409, "vote-cap-reached");
        cast(s, voter, s.entries.get(2).submission()).expect(201);

        assertThat(liveBallots(s, voter)).isEqualTo(2);
    }

    @Test
    void castWhenOverCapPerEventThenConflictAcrossChallenges() {
        VotingScenario s = scenario("votesPerVoter", 1, "scope", "PER_EVENT");
        User voter = fixtures.user("voter");
        cast(s, voter, s.entries.get(0).submission()).expect(201);

        cast(s, voter, s.entries.get(2).submission()).problem(409, "vote-cap-reached");

        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    @Test
    void retractWhenOwnBallotThenKeptAsRetractedAndVoteFreed() {
        VotingScenario s = scenario("votesPerVoter", 1);
        User voter = fixtures.user("voter");
        UUID first = cast(s, voter, s.entries.get(0).submission()).expect(201).id();

        s.api.delete(voter, s.eventPath() + "/voting/ballots/{b}", first).expect(204);
        s.api.delete(voter, s.eventPath() + "/voting/ballots/{b}", first)
                .problem(409, "ballot-retracted");
        cast(s, voter, s.entries.get(1).submission()).expect(201);
        cast(s, voter, s.entries.get(0).submission()).problem(409, "vote-cap-reached");

        assertThat(ballots(s)).isEqualTo(2);
        assertThat(liveBallots(s, voter)).isEqualTo(1);
        assertThat(
                        s.count(
                                "select count(*) from voting_ballots where id = $1"
                                        + " and retracted_at is not null",
                                first))
                .isEqualTo(1);
        Reply tallies = s.api.get(s.organizer, s.eventPath() + "/voting/tallies").expect(200);
        assertThat(votes(tallies, s.entries.get(0).submission())).isZero();
        assertThat(votes(tallies, s.entries.get(1).submission())).isEqualTo(1);
    }

    @Test
    void retractWhenAnotherVotersBallotThenNotFoundAndBallotStays() {
        VotingScenario s = scenario();
        User voter = fixtures.user("voter");
        User other = fixtures.user("other");
        UUID ballot = cast(s, voter, s.entries.get(0).submission()).expect(201).id();

        s.api.delete(other, s.eventPath() + "/voting/ballots/{b}", ballot)
                .problem(404, "not-found");
        s.api.delete(voter, s.eventPath() + "/voting/ballots/{b}", UUID.randomUUID())
                .problem(404, "not-found");

        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    @Test
    void castWhenBadSubmissionThenProblemAndNothingStored() {
        VotingScenario s = scenario("votesPerVoter", 5);
        VotingScenario other = scenario();
        User voter = fixtures.user("voter");

        cast(s, voter, UUID.randomUUID()).problem(422, "unknown-submission");
        cast(s, voter, other.entries.get(0).submission()).problem(422, "unknown-submission");
        cast(s, voter, s.draft(s.health)).problem(422, "submission-not-submitted");
        s.api.post(voter, s.eventPath() + "/voting/ballots", Map.of())
                .problem(400, "validation-failed");
        s.api.post(voter, s.eventPath() + "/voting/ballots", Map.of("submissionId", "nope"))
                .expect(400);
        cast(s, voter, s.entries.get(0).submission()).expect(201);
        s.api.post(voter, "/api/v1/events/{e}/voting/ballots", Map.of(), UUID.randomUUID())
                .expect(400);
        cast404(voter, s.entries.get(0).submission());

        assertThat(ballots(s)).isEqualTo(1);
        assertThat(ballots(other)).isZero();
    }

    private void cast404(User voter, UUID submission) {
        new org.minka.support.Api(web, fixtures)
                .post(
                        voter,
                        "/api/v1/events/{e}/voting/ballots",
                        Map.of("submissionId", submission.toString()),
                        UUID.randomUUID())
                .problem(404, "not-found");
    }

    @Test
    void castWhenOutsideVotingThenPhaseClosedAndNothingStored() {
        VotingScenario s = scenario();
        User voter = fixtures.user("voter");
        UUID early = cast(s, voter, s.entries.get(0).submission()).expect(201).id();
        s.beforeVoting();
        cast(s, voter, s.entries.get(2).submission()).problem(409, "phase-closed");
        s.closeVoting();
        cast(s, voter, s.entries.get(2).submission()).problem(409, "phase-closed");
        s.api.delete(voter, s.eventPath() + "/voting/ballots/{b}", early)
                .problem(409, "phase-closed");

        assertThat(ballots(s)).isEqualTo(1);
        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    @Test
    void castWhenEmailUnverifiedThenForbiddenUnlessTheEventDoesNotRequireIt() {
        VotingScenario strict = scenario();
        VotingScenario lax = scenario("requireVerifiedEmail", false);
        User unverified = unverified("unverified", "example.org");

        cast(strict, unverified, strict.entries.get(0).submission())
                .problem(403, "voter-email-unverified");
        cast(lax, unverified, lax.entries.get(0).submission()).expect(201);

        assertThat(ballots(strict)).isZero();
    }

    @Test
    void castWhenDisposableEmailDomainThenForbidden() {
        VotingScenario s = scenario();
        User throwaway = withEmail("throwaway", "someone@mailinator.com");
        User sub = withEmail("sub", "someone@eu.yopmail.com");

        cast(s, throwaway, s.entries.get(0).submission()).problem(403, "voter-email-blocked");
        cast(s, sub, s.entries.get(0).submission()).problem(403, "voter-email-blocked");

        assertThat(ballots(s)).isZero();
    }

    @Test
    void castWhenAccountCreatedTooCloseToVotingThenForbiddenUntilOldEnough() {
        VotingScenario s = scenario("minAccountAgeDays", 7);
        User fresh = fixtures.user("fresh");
        User old = fixtures.user("old");
        s.sql("update users set created_at = now() - interval '30 days' where id = $1", old.id());

        cast(s, fresh, s.entries.get(0).submission()).problem(403, "voter-account-too-new");
        cast(s, old, s.entries.get(0).submission()).expect(201);

        assertThat(liveBallots(s, fresh)).isZero();
    }

    @Test
    void castWhenOwnTeamThenForbiddenUnlessSelfVotingAllowed() {
        VotingScenario s = scenario();
        VotingScenario selfish = scenario("selfVotingAllowed", true);
        VotingScenario.Entry mine = s.entries.get(0);
        VotingScenario.Entry alsoMine = selfish.entries.get(0);

        cast(s, mine.member(), mine.submission()).problem(403, "own-team-vote");
        cast(s, mine.captain(), mine.submission()).problem(403, "own-team-vote");
        cast(s, mine.member(), s.entries.get(2).submission()).expect(201);
        cast(selfish, alsoMine.member(), alsoMine.submission()).expect(201);

        assertThat(liveBallots(s, mine.captain())).isZero();
    }

    @Test
    void castWhenFinalistPoolThenOnlyNamedFinalistsAccepted() {
        VotingScenario s = scenario("pool", "FINALISTS");
        User voter = fixtures.user("voter");
        UUID finalist = s.entries.get(0).submission();
        cast(s, voter, finalist).problem(422, "not-a-finalist");
        s.sql(
                "insert into judging_finals (challenge_id, event_id, confirmed_by) values ($1, $2, $3)",
                s.health,
                s.event,
                s.organizer.id());
        s.sql(
                "insert into judging_finalists (challenge_id, submission_id, position, source)"
                        + " values ($1, $2, 1, 'ORGANIZER')",
                s.health,
                finalist);

        cast(s, voter, s.entries.get(1).submission()).problem(422, "not-a-finalist");
        cast(s, voter, finalist).expect(201);

        assertThat(liveBallots(s, voter)).isEqualTo(1);
    }

    @Test
    void castThenBallotKeepsKeyedHashesAndNoRawAddress() {
        VotingScenario s = scenario("votesPerVoter", 5);
        User a = fixtures.user("voter");
        User b = fixtures.user("voter");
        cast(s, a, s.entries.get(0).submission()).expect(201);
        // a spoofed X-Forwarded-For from an untrusted peer does not change the address
        web.post()
                .uri(s.eventPath() + "/voting/ballots")
                .headers(h -> h.setBearerAuth(b.token()))
                .header("X-Forwarded-For", "203.0.113.7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("submissionId", s.entries.get(0).submission().toString()))
                .exchange()
                .expectStatus()
                .isCreated();

        List<Map<String, Object>> rows =
                db.sql(
                                "select encode(ip_hash, 'hex') as ip, encode(ua_hash, 'hex') as ua,"
                                        + " key_generation from voting_ballots where event_id = $1")
                        .bind(0, s.event)
                        .fetch()
                        .all()
                        .collectList()
                        .block();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("ip")).isEqualTo(rows.get(1).get("ip"));
        assertThat((String) rows.get(0).get("ip")).hasSize(64).doesNotContain("127");
        assertThat(rows.get(0).get("key_generation")).isEqualTo(1);
        VotingKeys.Key key = keys.current(s.event).block();
        String expected = java.util.HexFormat.of().formatHex(key.hash("127.0.0.1"));
        assertThat(rows.get(0).get("ip")).isIn(expected, hexOf(key, "0:0:0:0:0:0:0:1"));
    }

    private static String hexOf(VotingKeys.Key key, String text) {
        return java.util.HexFormat.of().formatHex(key.hash(text));
    }

    @Test
    void invalidateWhenStatusFlipsThenTalliesFollowAndBallotsStay() {
        VotingScenario s = scenario();
        UUID submission = s.entries.get(0).submission();
        User a = fixtures.user("voter");
        User b = fixtures.user("voter");
        cast(s, a, submission).expect(201);
        cast(s, b, submission).expect(201);

        s.sql(
                "update voting_ballots set status = 'INVALID', invalidated_at = now(),"
                        + " invalid_reason = 'burst' where voter_id = $1",
                a.id());
        Reply after = s.api.get(s.organizer, s.eventPath() + "/voting/tallies").expect(200);
        s.sql(
                "update voting_ballots set status = 'VALID', invalidated_at = null,"
                        + " invalid_reason = null where voter_id = $1",
                a.id());
        Reply restored = s.api.get(s.organizer, s.eventPath() + "/voting/tallies").expect(200);

        assertThat(votes(after, submission)).isEqualTo(1);
        assertThat(votes(restored, submission)).isEqualTo(2);
        assertThat(ballots(s)).isEqualTo(2);
        // an invalid ballot still holds its vote: the voter cannot cast another in its place
        s.sql(
                "update voting_ballots set status = 'INVALID', invalidated_at = now(),"
                        + " invalid_reason = 'burst' where voter_id = $1",
                a.id());
        cast(s, a, s.entries.get(1).submission()).problem(409, "vote-cap-reached");
    }

    @Test
    void ballotEvidenceWhenUpdatedThenRefusedByTheDatabase() {
        VotingScenario s = scenario();
        User a = fixtures.user("voter");
        UUID ballot = cast(s, a, s.entries.get(0).submission()).expect(201).id();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                s.sql(
                                        "update voting_ballots set ip_hash = ua_hash where id = $1",
                                        ballot))
                .hasMessageContaining("immutable");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                s.sql(
                                        "update voting_ballots set status = 'INVALID' where id = $1",
                                        ballot))
                .hasMessageContaining("voting_ballots_invalid_fields");
    }

    @Test
    void talliesWhenLiveOffThenOnlyOrganizersUntilVotingCloses() {
        VotingScenario s = scenario();
        User citizen = fixtures.user("citizen");
        cast(s, citizen, s.entries.get(0).submission()).expect(201);

        s.api.get(citizen, s.eventPath() + "/voting/tallies").problem(403, "tallies-hidden");
        s.api.get(null, s.eventPath() + "/voting/tallies").problem(403, "tallies-hidden");
        s.api.get(s.organizer, s.eventPath() + "/voting/tallies").expect(200);
        s.closeVoting();
        Reply closed = s.api.get(null, s.eventPath() + "/voting/tallies").expect(200);

        assertThat(closed.<Boolean>json("$.closed")).isTrue();
        assertThat(votes(closed, s.entries.get(0).submission())).isEqualTo(1);
    }

    @Test
    void talliesWhenLiveOnThenAnyoneWhileVotingIsOpen() {
        VotingScenario s = scenario("liveTallies", true);
        s.beforeVoting();
        s.api.get(null, s.eventPath() + "/voting/tallies").problem(403, "tallies-hidden");
        s.openVoting();

        Reply open = s.api.get(null, s.eventPath() + "/voting/tallies").expect(200);

        assertThat(open.<Boolean>json("$.closed")).isFalse();
        s.api.get(null, "/api/v1/events/{e}/voting/tallies", UUID.randomUUID())
                .problem(404, "not-found");
    }

    @Test
    void peoplesChoiceWhenTopIsSharedThenTieIsExplicit() {
        VotingScenario s = scenario("votesPerVoter", 2);
        UUID a = s.entries.get(0).submission();
        UUID b = s.entries.get(1).submission();
        UUID w = s.entries.get(2).submission();
        for (int i = 0; i < 2; i++) {
            User voter = fixtures.user("voter");
            cast(s, voter, a).expect(201);
            cast(s, voter, b).expect(201);
        }
        cast(s, fixtures.user("voter"), w).expect(201);
        s.closeVoting();

        Reply choice = s.api.get(s.organizer, s.eventPath() + "/voting/peoples-choice").expect(200);

        assertThat(choice.<Boolean>json("$.closed")).isTrue();
        assertThat(
                        choice.<List<String>>json(
                                "$.winners[?(@.challengeId == '"
                                        + s.health
                                        + "')].submissionIds[*]"))
                .containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(
                        choice.<List<Boolean>>json(
                                "$.winners[?(@.challengeId == '" + s.health + "')].tied"))
                .containsExactly(true);
        assertThat(
                        choice.<List<Boolean>>json(
                                "$.winners[?(@.challengeId == '" + s.water + "')].tied"))
                .containsExactly(false);
        PeoplesChoice api = voting.peoplesChoice(s.event).block();
        assertThat(api.winners()).hasSize(2);
        s.api.get(fixtures.user("citizen"), s.eventPath() + "/voting/peoples-choice")
                .problem(403, "forbidden");
    }

    @Test
    void peoplesChoiceWhenPerEventThenOneWinnerAcrossChallenges() {
        VotingScenario s = scenario("scope", "PER_EVENT", "votesPerVoter", 2);
        UUID w = s.entries.get(2).submission();
        cast(s, fixtures.user("voter"), w).expect(201);
        cast(s, fixtures.user("voter"), w).expect(201);
        cast(s, fixtures.user("voter"), s.entries.get(0).submission()).expect(201);

        PeoplesChoice choice = voting.peoplesChoice(s.event).block();

        assertThat(choice.closed()).isFalse();
        assertThat(choice.winners()).hasSize(1);
        assertThat(choice.winners().get(0).challengeId()).isNull();
        assertThat(choice.winners().get(0).submissionIds()).containsExactly(w);
        assertThat(choice.winners().get(0).votes()).isEqualTo(2);
    }

    @Test
    void rotateWhenEventArchivedThenNewKeyGeneration() {
        VotingScenario s = scenario();
        VotingScenario still = scenario();
        cast(s, fixtures.user("voter"), s.entries.get(0).submission()).expect(201);
        cast(still, fixtures.user("voter"), still.entries.get(0).submission()).expect(201);
        byte[] before = keys.current(s.event).block().secret();
        s.archive();

        keys.rotateArchived().block();

        assertThat(
                        s.count(
                                "select generation from voting_keys where event_id = $1"
                                        + " and archived_at is not null",
                                s.event))
                .isEqualTo(2);
        assertThat(keys.current(s.event).block().secret()).isNotEqualTo(before);
        assertThat(s.count("select generation from voting_keys where event_id = $1", still.event))
                .isEqualTo(1);
    }

    private User unverified(String role, String domain) {
        String subject = role + "-" + UUID.randomUUID();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@" + domain);
        claims.put("email_verified", false);
        claims.put("name", "User " + subject);
        return signedIn(subject, claims);
    }

    private User withEmail(String role, String email) {
        String subject = role + "-" + UUID.randomUUID();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("name", "User " + subject);
        return signedIn(subject, claims);
    }

    private User signedIn(String subject, Map<String, Object> claims) {
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        subject,
                        List.of(LocalServers.AUDIENCE),
                        claims,
                        3600);
        Reply me =
                new org.minka.support.Api(web, fixtures)
                        .get(new User(token, null, null), "/api/v1/me")
                        .expect(200);
        return new User(token, me.id(), (String) claims.get("email"));
    }
}
