package org.minka.recognition;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.CatalogScoring;
import org.minka.catalog.Publisher;
import org.minka.common.MinkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background job that computes rankings: it queues a ranking for each open campaign whose
 * catalog changed since its last one, and the final one of each campaign that closed; then it runs
 * the queue, oldest first, recording progress entity by entity. One instance at a time runs it (see
 * {@link RankingScheduler}), so a ranking found RUNNING at the start was left by an instance that
 * stopped, and goes back to the queue.
 */
@Component
class RankingJob {

    private static final Logger log = LoggerFactory.getLogger(RankingJob.class);

    private final CampaignRepository campaigns;
    private final RecognitionRankingRepository rankings;
    private final CatalogScoring catalog;
    private final ObjectProvider<ScoreSignals> signals;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionalOperator tx;

    RankingJob(
            CampaignRepository campaigns,
            RecognitionRankingRepository rankings,
            CatalogScoring catalog,
            ObjectProvider<ScoreSignals> signals,
            JsonMapper json,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.rankings = rankings;
        this.catalog = catalog;
        this.signals = signals;
        this.json = json;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** One run: requeue stale rankings, queue the automatic ones, run the queue. */
    Mono<Long> runOnce() {
        return rankings.requeueStale().then(queueAutomatic()).then(runQueued());
    }

    private Mono<Void> queueAutomatic() {
        Instant now = clock.instant();
        return campaigns.rankable(now).concatMap(c -> queueFor(c, now)).then();
    }

    private Mono<Ranking> queueFor(CampaignRepository.Row c, Instant now) {
        if (!now.isBefore(c.closesAt())) {
            return rankings.enqueue(c.id(), Ranking.Reason.CLOSE, c.closesAt(), true, null);
        }
        return catalogChangedSince(c.id())
                .filter(Boolean::booleanValue)
                .flatMap(
                        changed ->
                                rankings.enqueue(
                                        c.id(), Ranking.Reason.CATALOG_REFRESH, now, false, null));
    }

    /** True when the campaign has no ranking yet, or the catalog changed after its last one. */
    private Mono<Boolean> catalogChangedSince(UUID campaign) {
        Mono<Instant> changed = catalog.lastChange().defaultIfEmpty(Instant.EPOCH);
        return rankings.lastQueuedAt(campaign)
                .flatMap(queued -> changed.map(at -> at.isAfter(queued)))
                .defaultIfEmpty(true);
    }

    private Mono<Long> runQueued() {
        return rankings.nextQueued().expand(r -> runOne(r).then(rankings.nextQueued())).count();
    }

    private Mono<Void> runOne(Ranking ranking) {
        return campaigns
                .find(ranking.campaignId())
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("campaign")))
                .flatMap(c -> compute(ranking, c))
                .onErrorResume(RuntimeException.class, e -> failed(ranking, e));
    }

    private Mono<Void> failed(Ranking ranking, RuntimeException e) {
        log.warn("ranking {} failed: {}", ranking.id(), e.toString());
        return rankings.fail(ranking.id(), "internal-error " + e.getClass().getSimpleName());
    }

    private Mono<Void> compute(Ranking ranking, CampaignRepository.Row c) {
        return scope(c).collectList()
                .flatMap(publishers -> started(ranking, publishers))
                .flatMap(publishers -> inputs(ranking, c, publishers))
                .flatMap(inputs -> store(ranking, c, inputs));
    }

    private Flux<Publisher> scope(CampaignRepository.Row c) {
        if (c.publisherIds().isEmpty()) {
            return catalog.publishersOnPortals(c.portalIds());
        }
        return catalog.publishers(c.publisherIds());
    }

    private Mono<List<Publisher>> started(Ranking ranking, List<Publisher> publishers) {
        return rankings.start(ranking.id(), publishers.size()).thenReturn(publishers);
    }

    /** The optional signals of these publishers, by publisher; null when no source exists. */
    private record Signals(
            Map<UUID, ScoreSignals.Trained> trained,
            Map<UUID, ScoreSignals.Responsiveness> responsiveness) {}

    private Mono<List<EntityScoring.Input>> inputs(
            Ranking ranking, CampaignRepository.Row c, List<Publisher> publishers) {
        return signals(c, publishers)
                .flatMapMany(s -> inputsWith(ranking, c, publishers, s))
                .collectList();
    }

    private Flux<EntityScoring.Input> inputsWith(
            Ranking ranking, CampaignRepository.Row c, List<Publisher> publishers, Signals s) {
        return Flux.fromIterable(publishers).index().concatMap(t -> input(ranking, c, t, s));
    }

    private Mono<EntityScoring.Input> input(
            Ranking ranking, CampaignRepository.Row c, Tuple2<Long, Publisher> t, Signals s) {
        Publisher p = t.getT2();
        int done = t.getT1().intValue() + 1;
        return catalog.scoredDatasets(p.id(), c.portalIds())
                .collectList()
                .map(
                        datasets ->
                                new EntityScoring.Input(
                                        p,
                                        datasets,
                                        s.trained().get(p.id()),
                                        s.responsiveness().get(p.id())))
                .flatMap(in -> rankings.progress(ranking.id(), done).thenReturn(in));
    }

    private Mono<Signals> signals(CampaignRepository.Row c, List<Publisher> publishers) {
        ScoreSignals source = signals.getIfAvailable();
        if (source == null || publishers.isEmpty()) {
            return Mono.just(new Signals(Map.of(), Map.of()));
        }
        List<UUID> ids = publishers.stream().map(Publisher::id).toList();
        Mono<Map<UUID, ScoreSignals.Trained>> trained =
                source.officialsTrained(ids, c.opensAt(), c.closesAt())
                        .collectMap(ScoreSignals.Trained::publisherId);
        Mono<Map<UUID, ScoreSignals.Responsiveness>> answers =
                source.responsiveness(ids, c.opensAt(), c.closesAt())
                        .collectMap(ScoreSignals.Responsiveness::publisherId);
        return Mono.zip(trained, answers).map(z -> new Signals(z.getT1(), z.getT2()));
    }

    private Mono<Void> store(
            Ranking ranking, CampaignRepository.Row c, List<EntityScoring.Input> inputs) {
        EntityScoring.Rules rules =
                new EntityScoring.Rules(
                        new EntityScoring.Window(c.opensAt(), c.closesAt()),
                        ranking.asOf(),
                        c.weights(),
                        signals.getIfAvailable() != null);
        List<EntityScoring.Result> results = EntityScoring.score(inputs, rules);
        return Flux.fromIterable(results)
                .concatMap(r -> rankings.insertEntry(ranking.id(), r, partsJson(r)))
                .then(rankings.finish(ranking.id(), summary(results)))
                .as(tx::transactional);
    }

    private String partsJson(EntityScoring.Result r) {
        return json.writeValueAsString(r.parts());
    }

    static RecognitionRankingRepository.Summary summary(List<EntityScoring.Result> results) {
        int datasets = results.stream().mapToInt(EntityScoring.Result::datasets).sum();
        long quality = results.stream().mapToLong(EntityScoring.Result::qualitySum).sum();
        Double mean = datasets == 0 ? null : EntityScoring.round2((double) quality / datasets);
        return new RecognitionRankingRepository.Summary(
                results.size(),
                (int) results.stream().filter(EntityScoring.Result::participates).count(),
                results.stream().mapToInt(EntityScoring.Result::newDatasets).sum(),
                datasets,
                mean);
    }
}
