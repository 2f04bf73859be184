package org.minka.voting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.http.HttpMethod;

/**
 * Every voting endpoint, called in column order by: anonymous, a verified citizen, a citizen whose
 * email is not verified, a member of the team voted for, and an organizer. VOTING is open, tallies
 * are not live. The ballot that DELETE retracts is the verified citizen's. The tally stream's rules
 * are {@link VotingStreamIntegrationTests}' (an allowed stream never ends).
 */
class VotingAccessIntegrationTests extends IntegrationTest {

    record Setup(VotingScenario s, User verified, User unverified, UUID ballot) {

        UUID submission() {
            return s.entries.get(0).submission();
        }
    }

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                             anonymous verified unverified member organizer
                    POST ballots             401       201      403        403    201
                    GET ballots/mine         401       200      200        200    200
                    DELETE ballots/{id}      401       204      404        404    404
                    GET tallies              403       403      403        403    200
                    GET peoples-choice       401       403      403        403    200
                    """);

    static {
        MATRIX.write(
                        "POST ballots",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        s.s().eventPath() + "/voting/ballots",
                                        Map.of("submissionId", s.submission().toString())))
                .read("GET ballots/mine", s -> Call.get(s.s().eventPath() + "/voting/ballots/mine"))
                .write(
                        "DELETE ballots/{id}",
                        s ->
                                Call.json(
                                        HttpMethod.DELETE,
                                        s.s().eventPath() + "/voting/ballots/" + s.ballot(),
                                        null))
                .read("GET tallies", s -> Call.get(s.s().eventPath() + "/voting/tallies"))
                .read(
                        "GET peoples-choice",
                        s -> Call.get(s.s().eventPath() + "/voting/peoples-choice"));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private Setup setup() {
        VotingScenario s = new VotingScenario(web, db, fixtures, null);
        User verified = fixtures.user("verified");
        User unverified = unverified();
        UUID ballot =
                s.api.post(
                                verified,
                                s.eventPath() + "/voting/ballots",
                                Map.of("submissionId", s.entries.get(1).submission().toString()))
                        .expect(201)
                        .id();
        return new Setup(s, verified, unverified, ballot);
    }

    private User unverified() {
        String subject = "unverified-" + UUID.randomUUID();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@example.org");
        claims.put("email_verified", false);
        claims.put("name", "User " + subject);
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        subject,
                        List.of(LocalServers.AUDIENCE),
                        claims,
                        3600);
        Api.Reply me = new Api(web, fixtures).get(new User(token, null, null), "/api/v1/me");
        return new User(token, me.expect(200).id(), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        Setup x = MATRIX.scenario(row, "voting", this::setup);
        MATRIX.verify(
                web,
                row,
                x,
                null,
                x.verified().token(),
                x.unverified().token(),
                x.s().entries.get(0).member().token(),
                x.s().organizer.token());
    }

    @Test
    void everyEndpointWhenEventUnknownThenNotFound() {
        Api api = new Api(web, fixtures);
        User citizen = fixtures.user("citizen");
        UUID nowhere = UUID.randomUUID();
        String path = "/api/v1/events/" + nowhere + "/voting";
        api.post(citizen, path + "/ballots", Map.of("submissionId", nowhere.toString()))
                .problem(404, "not-found");
        api.get(citizen, path + "/ballots/mine").problem(404, "not-found");
        api.delete(citizen, path + "/ballots/" + nowhere).problem(404, "not-found");
        api.get(citizen, path + "/tallies").problem(404, "not-found");
        api.get(citizen, path + "/peoples-choice").problem(404, "not-found");
    }
}
