package org.minka.catalog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.quality.QualityReport;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps linked datasets current: re-reads them from their portals (a changed dataset gets a new
 * snapshot with its changes; a failed read keeps the last good one and records the failure), and
 * checks their resource URLs. One instance at a time, under a lease in the database.
 */
@Service
class CatalogRefresh {

    private final DatasetRepository datasets;
    private final PortalRepository portals;
    private final PortalClient client;
    private final ReachabilityChecks reachability;
    private final ChallengeDatasetPort challenges;
    private final DatasetCodec codec;
    private final TransactionalOperator tx;

    CatalogRefresh(
            DatasetRepository datasets,
            PortalRepository portals,
            PortalClient client,
            ReachabilityChecks reachability,
            ChallengeDatasetPort challenges,
            DatasetCodec codec,
            ReactiveTransactionManager transactions) {
        this.datasets = datasets;
        this.portals = portals;
        this.client = client;
        this.reachability = reachability;
        this.challenges = challenges;
        this.codec = codec;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** What one refresh run did. */
    record RefreshRun(boolean ran, int unchanged, int changed, int failed) {

        static final RefreshRun SKIPPED = new RefreshRun(false, 0, 0, 0);
        static final RefreshRun NONE = new RefreshRun(true, 0, 0, 0);

        RefreshRun plus(Outcome outcome) {
            return new RefreshRun(
                    true,
                    unchanged + (outcome == Outcome.UNCHANGED ? 1 : 0),
                    changed + (outcome == Outcome.CHANGED ? 1 : 0),
                    failed + (outcome == Outcome.FAILED ? 1 : 0));
        }
    }

    /** What became of one dataset in a refresh. */
    enum Outcome {
        UNCHANGED,
        CHANGED,
        FAILED
    }

    /** What one reachability run did. */
    record ReachabilityRun(boolean ran, int datasets, int urls, int unreachable) {

        static final ReachabilityRun SKIPPED = new ReachabilityRun(false, 0, 0, 0);
    }

    /**
     * Re-reads up to {@code limit} datasets, least recently read first, unless another instance
     * holds the refresh lease. Links free challenge entries first.
     */
    Mono<RefreshRun> refreshDue(int limit, String holder, Duration lease) {
        Mono<RefreshRun> work =
                challenges
                        .linkFreeEntries()
                        .thenMany(datasets.datasetsToRefresh(limit))
                        .collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(this::refreshOne)
                        .reduce(RefreshRun.NONE, RefreshRun::plus);
        return underLease(holder, lease, work, RefreshRun.SKIPPED);
    }

    /**
     * Checks the resource URLs of up to {@code limit} datasets (least recently checked first),
     * politely (a cap per host), then stores the results and the new scores. Runs under the same
     * lease as the refresh.
     */
    Mono<ReachabilityRun> checkReachabilityDue(int limit, String holder, Duration lease) {
        Mono<ReachabilityRun> work =
                datasets.datasetsForReachability(limit)
                        .collectList()
                        .flatMap(this::checkReachability);
        return underLease(holder, lease, work, ReachabilityRun.SKIPPED);
    }

    /** Checks one dataset's resource URLs now and stores the results and the new score. */
    Mono<ReachabilityRun> checkReachabilityOf(UUID datasetId) {
        return datasets.findDataset(datasetId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("dataset")))
                .flatMap(row -> checkReachability(List.of(row)));
    }

    private <T> Mono<T> underLease(String holder, Duration lease, Mono<T> work, T skipped) {
        return datasets.takeRefreshLease(holder, lease)
                .flatMap(taken -> taken ? released(holder, work) : Mono.just(skipped));
    }

    private <T> Mono<T> released(String holder, Mono<T> work) {
        Mono<Void> release = datasets.releaseRefreshLease(holder);
        return work.flatMap(run -> release.thenReturn(run))
                .onErrorResume(e -> release.then(Mono.error(e)));
    }

    private Mono<ReachabilityRun> checkReachability(List<DatasetRepository.DatasetRow> rows) {
        Map<UUID, DatasetSnapshot> snapshots = new LinkedHashMap<>();
        Set<String> urls = new LinkedHashSet<>();
        for (DatasetRepository.DatasetRow row : rows) {
            DatasetSnapshot s = codec.snapshot(row.snapshotJson());
            snapshots.put(row.summary().id(), s);
            urls.addAll(DatasetCodec.urlsOf(s));
        }
        return reachability.check(urls).flatMap(results -> storeAll(snapshots, results));
    }

    private Mono<ReachabilityRun> storeAll(
            Map<UUID, DatasetSnapshot> snapshots, Map<String, Boolean> results) {
        int unreachable = (int) results.values().stream().filter(ok -> !ok).count();
        ReachabilityRun run =
                new ReachabilityRun(true, snapshots.size(), results.size(), unreachable);
        return Flux.fromIterable(snapshots.entrySet())
                .concatMap(e -> storeReachability(e.getKey(), e.getValue(), results))
                .then(Mono.just(run));
    }

    private Mono<Long> storeReachability(
            UUID id, DatasetSnapshot snapshot, Map<String, Boolean> results) {
        Map<String, Boolean> mine = new LinkedHashMap<>();
        for (String u : DatasetCodec.urlsOf(snapshot)) {
            if (results.containsKey(u)) {
                mine.put(u, results.get(u));
            }
        }
        QualityReport report = codec.score(snapshot, mine);
        return datasets.updateReachability(id, codec.write(mine), report, codec.write(report));
    }

    private Mono<Outcome> refreshOne(DatasetRepository.DatasetRow row) {
        UUID id = row.summary().id();
        return Mono.defer(() -> fetchAndStore(row))
                .onErrorResume(
                        RuntimeException.class,
                        e -> datasets.recordFailure(id, describe(e)).thenReturn(Outcome.FAILED));
    }

    private Mono<Outcome> fetchAndStore(DatasetRepository.DatasetRow row) {
        Dataset.Summary d = row.summary();
        return portals.findPortal(d.portalId())
                .flatMap(p -> reread(p, d.portalDatasetId()))
                .flatMap(fetched -> apply(row, fetched));
    }

    /** Reads the dataset again, under the background deadline. */
    private Mono<PortalClient.Fetched> reread(Portal portal, String datasetId) {
        return client.fetchDataset(
                portal.kind(), portal.baseUrl(), datasetId, PortalClient.Deadline.BACKGROUND);
    }

    /** Stores a new snapshot when the dataset changed; else marks it read. */
    private Mono<Outcome> apply(DatasetRepository.DatasetRow row, PortalClient.Fetched fetched) {
        Dataset.Summary d = row.summary();
        DatasetSnapshot before = codec.snapshot(row.snapshotJson());
        List<Dataset.Change> changes = SnapshotDiff.between(before, fetched.snapshot());
        if (changes.isEmpty()) {
            return datasets.touch(d.id()).thenReturn(Outcome.UNCHANGED);
        }
        Map<String, Boolean> reachable = codec.reachability(row.reachabilityJson());
        QualityReport report = codec.score(fetched.snapshot(), reachable);
        DatasetRepository.Stored stored =
                codec.stored(d.portalId(), d.publisherId(), report, fetched);
        return datasets.updateSnapshot(d.id(), row.version(), stored)
                .flatMap(
                        n ->
                                n == 0
                                        ? Mono.just(Outcome.UNCHANGED)
                                        : newSnapshot(d, stored, changes))
                .as(tx::transactional);
    }

    private Mono<Outcome> newSnapshot(
            Dataset.Summary d, DatasetRepository.Stored stored, List<Dataset.Change> changes) {
        return datasets.insertSnapshot(
                        d.id(),
                        stored.score(),
                        stored.snapshotJson(),
                        stored.rawJson(),
                        codec.write(changes))
                .thenReturn(Outcome.CHANGED);
    }

    /** The failure as stored on the dataset: the problem slug and its arguments. */
    private static String describe(RuntimeException e) {
        if (e instanceof MinkaException m) {
            return m.type().slug() + " " + java.util.Arrays.toString(m.args());
        }
        return ProblemType.INTERNAL_ERROR.slug() + " " + e.getClass().getSimpleName();
    }
}
