package org.minka.voting.fraud;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the three detectors over the events whose VOTING is open and records what they find as flags
 * ({@link FlagStore}). The periodic job scans an event only when a ballot was cast since its last
 * scan, one instance at a time; an organizer may scan their event at once. A scan reads only what
 * can have changed since the last one ({@link FraudFacts.Snapshot}), so its cost follows the new
 * ballots, not the event's size. Each event's scan is one transaction under the event's scan lock,
 * so concurrent scans cannot raise a flag twice.
 */
@Service
@EnableConfigurationProperties(FraudProperties.class)
class FraudScan {

    private static final Logger log = LoggerFactory.getLogger(FraudScan.class);

    private final EventAccess events;
    private final FraudFacts facts;
    private final FlagStore flags;
    private final FraudProperties properties;
    private final BurstDetector bursts;
    private final TransactionalOperator tx;

    FraudScan(
            EventAccess events,
            FraudFacts facts,
            FlagStore flags,
            FraudProperties properties,
            ReactiveTransactionManager transactions) {
        this.events = events;
        this.facts = facts;
        this.flags = flags;
        this.properties = properties;
        this.bursts = new BurstDetector(properties.burst());
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The scan job: every {@code minka.voting.fraud.every}, one instance at a time. */
    @Bean
    static PeriodicTask votingFraudScanJob(
            FraudScan scan, FraudProperties properties, ClusterLocks locks) {
        boolean on = properties.scheduled();
        java.time.Duration day = java.time.Duration.ofDays(1);
        return new PeriodicTask(
                        "Voting fraud scan",
                        on ? properties.firstAfter() : day,
                        on ? properties.every() : day,
                        () -> scan.scanOpenEvents().doOnNext(FraudScan::logged),
                        on)
                .clusterSingleton(locks);
    }

    private static void logged(Report report) {
        if (report.raised() + report.updated() > 0) {
            log.info("Voting fraud scan: {}", report);
        }
    }

    /** What a scan did. */
    @Schema(name = "FraudScanReport")
    record Report(
            @Schema(description = "Events scanned", example = "1") int events,
            @Schema(
                            description =
                                    "Counted ballots cast since the event's last scan (less a"
                                            + " look-back of one burst window), which the"
                                            + " detectors searched; the whole voting period at"
                                            + " the first scan",
                            example = "1250")
                    int ballots,
            @Schema(description = "New flags", example = "2") int raised,
            @Schema(description = "Open flags that got new ballots", example = "1") int updated) {

        static final Report NONE = new Report(0, 0, 0, 0);

        Report plus(Report other) {
            return new Report(
                    events + other.events,
                    ballots + other.ballots,
                    raised + other.raised,
                    updated + other.updated);
        }
    }

    /** Scans every event whose VOTING is open and that got ballots since its last scan. */
    Mono<Report> scanOpenEvents() {
        return events.openWindows(Phase.VOTING)
                .filterWhen(window -> facts.hasNewBallots(window.eventId()))
                .concatMap(this::scan)
                .reduce(Report.NONE, Report::plus);
    }

    /** Scans one event now, if its VOTING is open (else an empty report). */
    Mono<Report> scanEvent(UUID eventId) {
        return events.openWindow(eventId, Phase.VOTING)
                .flatMap(this::scan)
                .defaultIfEmpty(Report.NONE);
    }

    private Mono<Report> scan(EventAccess.OpenWindow window) {
        UUID eventId = window.eventId();
        Mono<Report> scan =
                facts.lock(eventId)
                        .then(facts.snapshot(eventId, window.opensAt(), reading()))
                        .flatMap(snapshot -> detected(snapshot, window.opensAt()))
                        .flatMap(found -> withBurstBallots(eventId, found))
                        .flatMap(found -> recorded(eventId, found));
        return tx.transactional(scan);
    }

    /**
     * What the detectors found: the bursts, still without their ballots, and the other findings.
     */
    private record Detected(
            int ballots, int rows, List<BurstDetector.Burst> bursts, List<Finding> findings) {}

    /** The detectors are CPU work: off the event loop. */
    private Mono<Detected> detected(FraudFacts.Snapshot snapshot, Instant opensAt) {
        return Mono.fromCallable(() -> detect(snapshot, opensAt))
                .subscribeOn(Schedulers.parallel());
    }

    private Detected detect(FraudFacts.Snapshot snapshot, Instant opensAt) {
        FraudFacts.Totals totals = snapshot.totals();
        BurstDetector.Baseline baseline =
                new BurstDetector.Baseline(
                        totals.counted(), totals.submissions(), opensAt, snapshot.now());
        List<BurstDetector.Burst> judged =
                snapshot.windows().stream()
                        .flatMap(w -> bursts.judge(w, baseline).stream())
                        .toList();
        List<Finding> found = new ArrayList<>();
        found.addAll(new SharedIpDetector(properties.sharedIp()).detect(snapshot.sharedIp()));
        found.addAll(
                new ClusterDetector(properties.cluster()).detect(snapshot.newAccounts(), opensAt));
        return new Detected(snapshot.recentBallots(), totals.rows(), judged, found);
    }

    /** Each burst's finding, with the ballots of its window (read for the bursts only). */
    private Mono<Detected> withBurstBallots(UUID eventId, Detected detected) {
        return Flux.fromIterable(detected.bursts())
                .concatMap(burst -> burstFinding(eventId, burst))
                .concatWith(Flux.fromIterable(detected.findings()))
                .collectList()
                .map(all -> new Detected(detected.ballots(), detected.rows(), List.of(), all));
    }

    private Mono<Finding> burstFinding(UUID eventId, BurstDetector.Burst burst) {
        return facts.windowBallots(eventId, burst.window(), properties.burst().window())
                .map(ids -> bursts.finding(burst, ids));
    }

    private FraudFacts.Reading reading() {
        FraudProperties.Burst burst = properties.burst();
        return new FraudFacts.Reading(
                lookBack(), burst.window(), burst.minBallots(), properties.sharedIp().minVoters());
    }

    /**
     * How far before the last scan the next one reads: one burst window, so that every window
     * holding a new ballot is seen whole, and at least two minutes, for casts whose transaction
     * began before the last scan and committed after it.
     */
    private java.time.Duration lookBack() {
        java.time.Duration window = properties.burst().window();
        java.time.Duration margin = java.time.Duration.ofMinutes(2);
        return window.compareTo(margin) > 0 ? window : margin;
    }

    private Mono<Report> recorded(UUID eventId, Detected detected) {
        return Flux.fromIterable(detected.findings())
                .concatMap(f -> flags.record(eventId, f, reraise(f.kind())))
                .collectList()
                .flatMap(outcomes -> noted(eventId, detected, outcomes));
    }

    private Mono<Report> noted(UUID eventId, Detected detected, List<FlagStore.Outcome> outcomes) {
        int raised = count(outcomes, FlagStore.Outcome.RAISED);
        int updated = count(outcomes, FlagStore.Outcome.UPDATED);
        Report report = new Report(1, detected.ballots(), raised, updated);
        return facts.scanned(eventId, detected.rows(), detected.findings().size())
                .thenReturn(report);
    }

    private static int count(List<FlagStore.Outcome> outcomes, FlagStore.Outcome outcome) {
        return (int) outcomes.stream().filter(outcome::equals).count();
    }

    /** New ballots a reviewed subject needs to be flagged again: the kind's own minimum. */
    private int reraise(FlagKind kind) {
        return switch (kind) {
            case BURST -> properties.burst().minBallots();
            case SHARED_IP -> properties.sharedIp().minVoters();
            case NEW_ACCOUNT_CLUSTER -> properties.cluster().minAccounts();
        };
    }
}
