package org.minka.voting.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.common.PeriodicTask;
import org.minka.support.Api.Reply;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Fraud review end to end: ballots written as detectors see them, a scan through the API, flags
 * with their evidence, bulk reviews that flip ballots (kept, audited, tallies following), the CSV
 * export, and the bad input that must store nothing.
 */
@SuppressWarnings("unchecked")
class FraudReviewIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("votingFraudScanJob")
    private PeriodicTask job;

    private FraudScenario s;
    private UUID a;
    private UUID b;
    private UUID c;

    @BeforeEach
    void scenario() {
        s = new FraudScenario(web, db, fixtures, false);
        a = s.submissions.get(0);
        b = s.submissions.get(1);
        c = s.submissions.get(2);
    }

    /** A quiet day: one ballot every three hours on each submission, by old accounts. */
    private List<UUID> background() {
        List<UUID> ids = new ArrayList<>();
        int n = 0;
        for (int hour = 1; hour < 24; hour += 3) {
            for (UUID submission : s.submissions) {
                Instant at = s.votingOpened.plus(Duration.ofHours(hour));
                ids.add(s.ballot(s.oldVoter(), submission, at, "10.0.0." + n++));
            }
        }
        return ids;
    }

    /** {@code n} ballots on the submission within {@code n × 10} seconds, by old accounts. */
    private List<UUID> burst(UUID submission, Instant from, int n, String ipPrefix) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = from.plusSeconds(10L * i);
            ids.add(s.ballot(s.oldVoter(), submission, at, ipPrefix + i));
        }
        return ids;
    }

    private Reply scan() {
        return s.api.post(s.organizer, s.path("/scan"), null).expect(200);
    }

    /**
     * As if the last scan had run at {@code at}: the ballots here are cast in the past, and a scan
     * reads the ballots cast since its last one (less the look-back).
     */
    private void lastScannedAt(Instant at) {
        s.sql("update voting_fraud_scans set scanned_at = $2 where event_id = $1", s.event, at);
    }

    private List<Map<String, Object>> flags(String query) {
        return s.api.get(s.organizer, s.path("/flags" + query)).expect(200).json("$.items");
    }

    private Map<String, Object> onlyFlag(String kind) {
        List<Map<String, Object>> found = flags("?kind=" + kind);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private Reply review(Map<String, Object> body) {
        return s.api.post(s.organizer, s.path("/actions"), body);
    }

    private static Map<String, Object> byFlag(String action, Object flagId, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        body.put("flagId", flagId);
        body.put("reason", reason);
        return body;
    }

    private static Map<String, Object> byIds(String action, List<UUID> ids, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("action", action);
        body.put("ballotIds", ids.stream().map(UUID::toString).toList());
        body.put("reason", reason);
        return body;
    }

    private String status(UUID ballot) {
        return db.sql("select status from voting_ballots where id = $1")
                .bind(0, ballot)
                .map(row -> row.get("status", String.class))
                .one()
                .block();
    }

    private long reviewsStored() {
        return count("select count(*) from voting_reviews where event_id = $1", s.event);
    }

    private long auditLines() {
        return count(
                "select count(*) from audit_log where event_id = $1 and action like 'voting.%'",
                s.event);
    }

    // Detectors through the scan.

    @Test
    void scanWhenThirtyBallotsInFiveMinutesOnOneSubmissionThenOneBurstFlagNamingThem() {
        background();
        Instant start = s.votingOpened.plus(Duration.ofHours(5)).plusSeconds(600);
        List<UUID> burst = burst(b, start, 30, "172.16.0.");

        Reply report = scan();

        assertThat((Integer) report.json("$.raised")).isEqualTo(1);
        assertThat((Integer) report.json("$.ballots")).isEqualTo(24 + 30);
        Map<String, Object> flag = onlyFlag("BURST");
        assertThat(flag)
                .containsEntry("status", "OPEN")
                .containsEntry("subject", b.toString())
                .containsEntry("validBallots", 30);
        assertThat((List<String>) flag.get("ballotIds"))
                .containsExactlyInAnyOrderElementsOf(burst.stream().map(UUID::toString).toList());
        Map<String, Object> evidence = (Map<String, Object>) flag.get("evidence");
        assertThat(evidence)
                .containsEntry("submissionId", b.toString())
                .containsEntry("ballots", 30)
                .containsEntry("windowStart", start.toString())
                .containsEntry("windowSeconds", 600);
        assertThat(flags("?kind=SHARED_IP")).isEmpty();
        assertThat(flags("?kind=NEW_ACCOUNT_CLUSTER")).isEmpty();
    }

    @Test
    void scanWhenRepeatedThenNoSecondFlagAndNewBallotsJoinTheOpenOne() {
        background();
        Instant start = s.votingOpened.plus(Duration.ofHours(2));
        burst(a, start, 25, "172.17.0.");
        scan();

        Reply again = scan();

        assertThat((Integer) again.json("$.raised")).isZero();
        assertThat((Integer) again.json("$.updated")).isZero();
        assertThat((List<?>) onlyFlag("BURST").get("ballotIds")).hasSize(25);

        lastScannedAt(start.plusSeconds(251));
        UUID late = s.ballot(s.oldVoter(), a, start.plusSeconds(251), "172.17.1.1");
        Reply third = scan();

        assertThat((Integer) third.json("$.raised")).isZero();
        assertThat((Integer) third.json("$.updated")).isEqualTo(1);
        Map<String, Object> flag = onlyFlag("BURST");
        assertThat((List<String>) flag.get("ballotIds")).hasSize(26).contains(late.toString());
        assertThat(count("select count(*) from voting_fraud_flags where event_id = $1", s.event))
                .isEqualTo(1);
    }

    @Test
    void scanWhenTenVotersBehindOneAddressThenSharedIpFlagWithTheirBallots() {
        background();
        List<UUID> shared = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant at = s.votingOpened.plus(Duration.ofMinutes(37L * i + 5));
            UUID submission = s.submissions.get(i % 3);
            shared.add(s.ballot(s.oldVoter(), submission, at, "203.0.113.7"));
        }

        scan();

        Map<String, Object> flag = onlyFlag("SHARED_IP");
        assertThat((List<String>) flag.get("ballotIds"))
                .containsExactlyInAnyOrderElementsOf(shared.stream().map(UUID::toString).toList());
        Map<String, Object> evidence = (Map<String, Object>) flag.get("evidence");
        assertThat(evidence).containsEntry("voters", 10).containsEntry("ballots", 10);
        assertThat((String) evidence.get("ipHash")).hasSize(64).isEqualTo(flag.get("subject"));
        assertThat(flags("?kind=BURST")).isEmpty();
    }

    @Test
    void scanWhenAccountsCreatedDuringVotingVoteAlikeThenClusterFlag() {
        background();
        List<UUID> cluster = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant created = s.votingOpened.plus(Duration.ofHours(3)).plusSeconds(90L * i);
            UUID voter = s.voter(created);
            Instant at = created.plus(Duration.ofMinutes(41L * i + 2));
            cluster.add(s.ballot(voter, a, at, "198.51.100." + i));
            cluster.add(s.ballot(voter, c, at.plusSeconds(30), "198.51.100." + i));
        }

        scan();

        Map<String, Object> flag = onlyFlag("NEW_ACCOUNT_CLUSTER");
        assertThat((List<String>) flag.get("ballotIds"))
                .containsExactlyInAnyOrderElementsOf(cluster.stream().map(UUID::toString).toList());
        Map<String, Object> evidence = (Map<String, Object>) flag.get("evidence");
        List<String> core = new ArrayList<>(List.of(a.toString(), c.toString()));
        core.sort(null);
        assertThat(evidence)
                .containsEntry("accounts", 6)
                .containsEntry("submissionIds", core)
                .containsEntry("ballots", 12);
        assertThat(flags("?kind=BURST")).isEmpty();
        assertThat(flags("?kind=SHARED_IP")).isEmpty();
    }

    @Test
    void scanWhenBallotsCameSinceTheLastScanThenReadsThoseAndTheLookBackOnly() {
        background();
        assertThat((Integer) scan().json("$.ballots")).isEqualTo(24);
        Instant last = s.votingOpened.plus(Duration.ofHours(20));
        lastScannedAt(last);
        for (int i = 0; i < 3; i++) {
            s.ballot(s.oldVoter(), s.submissions.get(i), last.plusSeconds(60), "10.1.0." + i);
        }

        Reply report = scan();

        // the three new ballots, and the three of hour 22: cast after 19 h 50 min (one burst
        // window before the last scan); the 18 earlier ones are not read again
        assertThat((Integer) report.json("$.ballots")).isEqualTo(6);
        assertThat((Integer) report.json("$.raised")).isZero();
    }

    @Test
    void scanWhenANewBallotJoinsOldOnesBehindOneAddressThenFlagNamesThemAll() {
        background();
        List<UUID> shared = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Instant at = s.votingOpened.plus(Duration.ofMinutes(37L * i + 5));
            shared.add(s.ballot(s.oldVoter(), s.submissions.get(i % 3), at, "203.0.113.9"));
        }
        scan();
        assertThat(flags("?kind=SHARED_IP")).isEmpty();
        Instant last = s.votingOpened.plus(Duration.ofHours(23));
        lastScannedAt(last);
        shared.add(s.ballot(s.oldVoter(), a, last.plusSeconds(30), "203.0.113.9"));

        Reply report = scan();

        assertThat((Integer) report.json("$.raised")).isEqualTo(1);
        Map<String, Object> flag = onlyFlag("SHARED_IP");
        assertThat((List<String>) flag.get("ballotIds"))
                .containsExactlyInAnyOrderElementsOf(shared.stream().map(UUID::toString).toList());
        assertThat((Map<String, Object>) flag.get("evidence")).containsEntry("voters", 10);
    }

    @Test
    void scanWhenANewAccountJoinsEarlierLookalikesThenClusterFlagNamesThemAll() {
        background();
        List<UUID> cluster = new ArrayList<>();
        Instant created = s.votingOpened.plus(Duration.ofHours(3));
        for (int i = 0; i < 4; i++) {
            UUID voter = s.voter(created.plusSeconds(90L * i));
            Instant at = created.plus(Duration.ofMinutes(41L * i + 2));
            cluster.add(s.ballot(voter, a, at, "198.51.100." + i));
            cluster.add(s.ballot(voter, c, at.plusSeconds(30), "198.51.100." + i));
        }
        scan();
        assertThat(flags("?kind=NEW_ACCOUNT_CLUSTER")).isEmpty();
        Instant last = s.votingOpened.plus(Duration.ofHours(23));
        lastScannedAt(last);
        UUID fifth = s.voter(created.plus(Duration.ofHours(1)));
        cluster.add(s.ballot(fifth, a, last.plusSeconds(10), "198.51.100.9"));
        cluster.add(s.ballot(fifth, c, last.plusSeconds(20), "198.51.100.9"));

        scan();

        Map<String, Object> flag = onlyFlag("NEW_ACCOUNT_CLUSTER");
        assertThat((List<String>) flag.get("ballotIds"))
                .containsExactlyInAnyOrderElementsOf(cluster.stream().map(UUID::toString).toList());
        assertThat((Map<String, Object>) flag.get("evidence")).containsEntry("accounts", 5);
    }

    @Test
    void scanWhenVotingNotOpenThenNothingScanned() {
        burst(a, s.votingOpened.plus(Duration.ofHours(2)), 25, "172.18.0.");
        s.sql(
                "update event_phases set closes_at = now() - interval '1 minute'"
                        + " where event_id = $1 and phase in ('VOTING', 'JUDGING')",
                s.event);

        Reply report = scan();

        assertThat((Integer) report.json("$.events")).isZero();
        assertThat(flags("")).isEmpty();
    }

    @Test
    void scanJobWhenEventHasNewBallotsThenScansItAndLeavesItAloneUntilMoreCome() {
        background();
        Instant start = s.votingOpened.plus(Duration.ofHours(2));
        burst(a, start, 20, "172.24.0.");

        assertThat(job.runNow().block(Duration.ofSeconds(60))).isTrue();

        assertThat((List<?>) onlyFlag("BURST").get("ballotIds")).hasSize(20);
        String scanned = "select count(*) from voting_fraud_scans where event_id = $1";
        assertThat(count(scanned + " and ballots = 44 and findings = 1", s.event)).isEqualTo(1);

        s.sql("update voting_fraud_scans set findings = 99 where event_id = $1", s.event);
        job.runNow().block(Duration.ofSeconds(60));

        assertThat(count(scanned + " and findings = 99", s.event)).isEqualTo(1);

        lastScannedAt(start.plusSeconds(300));
        s.ballot(s.oldVoter(), a, start.plusSeconds(300), "172.24.1.1");
        job.runNow().block(Duration.ofSeconds(60));

        assertThat(count(scanned + " and ballots = 45 and findings = 1", s.event)).isEqualTo(1);
        assertThat((List<?>) onlyFlag("BURST").get("ballotIds")).hasSize(21);
    }

    // Reviews.

    @Test
    void reviewWhenFlagInvalidatedThenBallotsKeptInvalidTallyDropsAndRestoreBringsThemBack() {
        List<UUID> quiet = background();
        List<UUID> burst = burst(c, s.votingOpened.plus(Duration.ofMinutes(330)), 22, "172.19.0.");
        scan();
        Map<String, Object> flag = onlyFlag("BURST");
        long before = s.tally(c);
        assertThat(before).isEqualTo(8 + 22);

        Reply invalidated = review(byFlag("INVALIDATE", flag.get("id"), "Ráfaga desde bots"));

        invalidated.expect(201);
        assertThat((List<String>) invalidated.json("$.ballotIds")).hasSize(22);
        assertThat(s.tally(c)).isEqualTo(8);
        assertThat(burst).allSatisfy(id -> assertThat(status(id)).isEqualTo("INVALID"));
        assertThat(quiet).allSatisfy(id -> assertThat(status(id)).isEqualTo("VALID"));
        assertThat(count("select count(*) from voting_ballots where event_id = $1", s.event))
                .isEqualTo(24 + 22);
        assertThat(
                        count(
                                "select count(*) from voting_ballots where event_id = $1"
                                        + " and invalid_reason = 'Ráfaga desde bots'"
                                        + " and invalidated_by = $2",
                                s.event,
                                s.organizer.id()))
                .isEqualTo(22);
        Map<String, Object> confirmed = onlyFlag("BURST");
        assertThat(confirmed).containsEntry("status", "CONFIRMED").containsEntry("validBallots", 0);

        Reply restored = review(byFlag("RESTORE", flag.get("id"), "Era una clase entera"));

        restored.expect(201);
        assertThat(s.tally(c)).isEqualTo(before);
        assertThat(burst).allSatisfy(id -> assertThat(status(id)).isEqualTo("VALID"));
        assertThat(onlyFlag("BURST")).containsEntry("status", "DISMISSED");
        List<Map<String, Object>> audit =
                s.api.get(s.organizer, "/api/v1/events/" + s.event + "/audit-log?kind=voting")
                        .expect(200)
                        .json("$.items");
        assertThat(audit)
                .extracting(e -> e.get("action"))
                .containsExactly("voting.ballots-restored", "voting.ballots-invalidated");
        assertThat(reviewsStored()).isEqualTo(2);
    }

    /** The public tally of the submission: what anonymous readers see while VOTING is open. */
    private int publicTally(UUID submission) {
        String path = "/api/v1/events/" + s.event + "/voting/tallies";
        List<Integer> votes =
                s.api.get(null, path)
                        .expect(200)
                        .json(
                                "$.challenges[*].submissions[?(@.submissionId == '"
                                        + submission
                                        + "')].votes");
        return votes.isEmpty() ? 0 : votes.get(0);
    }

    @Test
    void publicTallyWhenBallotInvalidatedThenDroppedAndWhenRestoredThenCountedAgain() {
        background();
        UUID ballot = s.ballot(s.oldVoter(), b, s.votingOpened.plusSeconds(30), "192.0.2.50");
        int before = publicTally(b);
        assertThat(before).isEqualTo(8 + 1);

        review(byIds("INVALIDATE", List.of(ballot), "Cuenta falsa")).expect(201);

        assertThat(publicTally(b)).isEqualTo(before - 1);
        String total = "/api/v1/events/" + s.event + "/voting/tallies";
        assertThat((Integer) s.api.get(null, total).json("$.votes")).isEqualTo(24);

        review(byIds("RESTORE", List.of(ballot), "Verificada")).expect(201);

        assertThat(publicTally(b)).isEqualTo(before);
        assertThat((Integer) s.api.get(null, total).json("$.votes")).isEqualTo(25);
    }

    @Test
    void reviewWhenBallotIdsGivenThenOnlyThoseChangeAndRescanRaisesNothingNew() {
        background();
        List<UUID> burst = burst(a, s.votingOpened.plus(Duration.ofMinutes(510)), 24, "172.20.0.");
        scan();
        long before = s.tally(a);
        List<UUID> two = burst.subList(0, 2);

        review(byIds("INVALIDATE", two, "Cuentas compradas")).expect(201);

        assertThat(s.tally(a)).isEqualTo(before - 2);
        assertThat(status(burst.get(2))).isEqualTo("VALID");
        assertThat(onlyFlag("BURST"))
                .containsEntry("status", "OPEN")
                .containsEntry("validBallots", 22);

        review(byIds("RESTORE", two, "Verificadas por teléfono")).expect(201);

        assertThat(s.tally(a)).isEqualTo(before);
        lastScannedAt(s.votingOpened); // the whole voting period again: the flag's rule holds
        assertThat((Integer) scan().json("$.raised")).isZero();
    }

    @Test
    void reviewWhenOpenFlagDismissedThenBallotsUnchangedAndNotRaisedAgain() {
        background();
        burst(b, s.votingOpened.plus(Duration.ofHours(9)), 21, "172.21.0.");
        scan();
        Object flagId = onlyFlag("BURST").get("id");
        long tally = s.tally(b);

        Reply dismissed = review(byFlag("DISMISS", flagId, "Una feria escolar"));

        dismissed.expect(201);
        assertThat((List<?>) dismissed.json("$.ballotIds")).isEmpty();
        assertThat(s.tally(b)).isEqualTo(tally);
        assertThat(onlyFlag("BURST")).containsEntry("status", "DISMISSED");
        // the same evidence again: a new scan after a new ballot elsewhere raises nothing
        s.ballot(s.oldVoter(), c, s.votingOpened.plus(Duration.ofHours(20)), "10.9.9.9");
        lastScannedAt(s.votingOpened);
        assertThat((Integer) scan().json("$.raised")).isZero();
        review(byFlag("DISMISS", flagId, "otra vez")).problem(409, "flag-reviewed");
    }

    // Bad input: a problem, and nothing stored.

    @Test
    void reviewWhenBadInputThenProblemAndNothingStored() {
        background();
        List<UUID> burst = burst(a, s.votingOpened.plus(Duration.ofHours(3)), 20, "172.22.0.");
        scan();
        Object flagId = onlyFlag("BURST").get("id");
        UUID valid = burst.get(0);
        UUID invalid = burst.get(1);
        review(byIds("INVALIDATE", List.of(invalid), "Duplicada")).expect(201);
        FraudScenario other = new FraudScenario(web, db, fixtures, false);
        UUID foreign =
                other.ballot(other.oldVoter(), other.submissions.get(0), other.now(), "10.1.1.1");
        long reviews = reviewsStored();
        long audit = auditLines();
        long tally = s.tally(a);

        review(byFlag("INVALIDATE", UUID.randomUUID(), "x")).problem(404, "not-found");
        s.api.post(other.organizer, other.path("/actions"), byFlag("INVALIDATE", flagId, "x"))
                .problem(404, "not-found");
        review(byIds("INVALIDATE", List.of(valid, foreign), "x")).problem(422, "unknown-ballot");
        review(byIds("INVALIDATE", List.of(UUID.randomUUID()), "x")).problem(422, "unknown-ballot");
        review(byIds("RESTORE", List.of(valid), "x")).problem(409, "ballot-not-invalid");
        review(byIds("RESTORE", List.of(invalid, valid), "x")).problem(409, "ballot-not-invalid");
        review(byIds("INVALIDATE", List.of(valid, invalid), "x"))
                .problem(409, "ballot-already-invalid");
        review(byIds("INVALIDATE", List.of(valid), "")).problem(400, "validation-failed");
        review(byIds("INVALIDATE", List.of(valid), "   ")).problem(400, "validation-failed");
        review(byIds("INVALIDATE", List.of(valid), "x".repeat(1001)))
                .problem(400, "validation-failed");
        review(byIds("INVALIDATE", List.of(), "x")).problem(400, "validation-failed");
        review(byIds("DISMISS", List.of(valid), "x")).problem(400, "validation-failed");
        Map<String, Object> both = byIds("INVALIDATE", List.of(valid), "x");
        both.put("flagId", flagId);
        review(both).problem(400, "validation-failed");
        review(Map.of("action", "INVALIDATE", "reason", "x")).problem(400, "validation-failed");
        review(Map.of("action", "DELETE", "flagId", flagId, "reason", "x")).expect(400);
        review(Map.of("flagId", flagId, "reason", "x")).problem(400, "validation-failed");

        assertThat(reviewsStored()).isEqualTo(reviews);
        assertThat(auditLines()).isEqualTo(audit);
        assertThat(s.tally(a)).isEqualTo(tally);
        assertThat(status(valid)).isEqualTo("VALID");
        assertThat(status(invalid)).isEqualTo("INVALID");
        assertThat(onlyFlag("BURST")).containsEntry("status", "OPEN");
    }

    @Test
    void listFlagsWhenPagedAndFilteredThenNewestFirstWithCursor() {
        background();
        burst(a, s.votingOpened.plus(Duration.ofHours(2)), 20, "172.23.0.");
        burst(b, s.votingOpened.plus(Duration.ofHours(6)), 20, "172.23.1.");
        for (int i = 0; i < 10; i++) {
            Instant at = s.votingOpened.plus(Duration.ofMinutes(50L * i + 7));
            s.ballot(s.oldVoter(), c, at, "203.0.113.99");
        }
        scan();

        Reply first = s.api.get(s.organizer, s.path("/flags?limit=2")).expect(200);
        List<Map<String, Object>> page = first.json("$.items");
        String cursor = first.json("$.nextCursor");
        Reply second = s.api.get(s.organizer, s.path("/flags?limit=2&cursor=" + cursor));

        assertThat(page).hasSize(2);
        assertThat(first.headers().getFirst("Link")).contains("rel=\"next\"");
        List<Map<String, Object>> rest = second.expect(200).json("$.items");
        assertThat(rest).hasSize(1);
        assertThat((Object) second.json("$.nextCursor")).isNull();
        List<Object> ids = new ArrayList<>();
        page.forEach(f -> ids.add(f.get("id")));
        rest.forEach(f -> ids.add(f.get("id")));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(flags("?kind=BURST")).hasSize(2);
        assertThat(flags("?status=OPEN")).hasSize(3);
        assertThat(flags("?status=CONFIRMED")).isEmpty();
        Object one = page.get(0).get("id");
        s.api.get(s.organizer, s.path("/flags/" + one)).expect(200);
        s.api.get(s.organizer, s.path("/flags/" + UUID.randomUUID())).problem(404, "not-found");
        s.api.get(s.organizer, s.path("/flags?kind=SPAM")).expect(400);
        s.api.get(s.organizer, s.path("/flags?limit=0")).problem(400, "validation-failed");
        s.api.get(s.organizer, s.path("/flags?cursor=bm9wZQ")).problem(400, "invalid-cursor");
    }

    // Export.

    @Test
    void exportWhenOrganizerThenEveryBallotAsCsvWithHashesAndNoIdentities() {
        List<UUID> quiet = background();
        UUID voter = s.oldVoter();
        UUID first = s.ballot(voter, a, s.votingOpened.plusSeconds(60), "192.0.2.1");
        UUID second = s.ballot(voter, b, s.votingOpened.plusSeconds(120), "192.0.2.1");
        review(byIds("INVALIDATE", List.of(second), "=HYPERLINK(\"x\")")).expect(201);

        var result =
                web.get()
                        .uri(s.path("/export"))
                        .headers(h -> h.setBearerAuth(s.organizer.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith("text/csv")
                        .expectBody(String.class)
                        .returnResult();
        String csv = result.getResponseBody();
        List<String> lines = csv.lines().toList();

        assertThat(result.getResponseHeaders().getFirst("Content-Disposition"))
                .contains("ballots-" + s.event + ".csv");
        assertThat(lines.get(0)).isEqualTo(BallotExport.HEADER.strip());
        assertThat(lines).hasSize(1 + quiet.size() + 2);
        String firstLine = lines.get(1);
        String secondLine = lines.get(2);
        assertThat(firstLine).startsWith(first + ",");
        assertThat(secondLine).startsWith(second + ",").contains(",INVALID,");
        assertThat(secondLine).contains("\"'=HYPERLINK(\"\"x\"\")\"");
        String voterHash = firstLine.split(",")[4];
        assertThat(voterHash).hasSize(64).isEqualTo(secondLine.split(",")[4]);
        String ipHash = firstLine.split(",")[5];
        assertThat(ipHash).hasSize(64).isNotEqualTo(lines.get(3).split(",")[5]);
        assertThat(csv).doesNotContain(voter.toString()).doesNotContain("@fraud.test");
        assertThat(csv).doesNotContain("192.0.2.1");
    }
}
