package org.minka.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.quality.QualityScorer;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What recognition (above the catalog) reads to score public entities: registered portals, the
 * publishers on them, and each publisher's datasets with their dates, declared update period, MQA
 * points and use. A facade of its own, apart from {@link CatalogLookup}, because reading use asks
 * the event and submission ports, whose adapters themselves use {@code CatalogLookup}.
 */
@Service
public class CatalogScoring {

    private final PublisherRepository publishers;
    private final DatasetRepository datasets;
    private final PortalRepository portals;
    private final ChallengeDatasetPort challenges;
    private final DatasetUsagePort submissions;
    private final DatasetCodec codec;

    CatalogScoring(
            PublisherRepository publishers,
            DatasetRepository datasets,
            PortalRepository portals,
            ChallengeDatasetPort challenges,
            DatasetUsagePort submissions,
            DatasetCodec codec) {
        this.publishers = publishers;
        this.datasets = datasets;
        this.portals = portals;
        this.challenges = challenges;
        this.submissions = submissions;
        this.codec = codec;
    }

    /**
     * A linked dataset as a recognition score reads it: its portal dates (null when the portal
     * gives none), its declared update period in days (null when none or not fixed), its MQA
     * points, and its use: challenges that name it and submissions whose latest submitted version
     * declares it (as in {@link Dataset.Usage}).
     */
    public record ScoredDataset(
            UUID id,
            UUID publisherId,
            String title,
            Instant issued,
            Instant modified,
            Long periodDays,
            int quality,
            long challenges,
            long submissions) {}

    /** Whether a portal source is registered. */
    public Mono<Boolean> portalExists(UUID portalId) {
        return portals.findPortal(portalId).hasElement();
    }

    /** The publishers among these ids (unknown ids are left out), ordered by id. */
    public Flux<Publisher> publishers(Collection<UUID> ids) {
        return ids.isEmpty() ? Flux.empty() : publishers.findPublishers(ids);
    }

    /** The publishers with at least one linked dataset on one of these portals, by id. */
    public Flux<Publisher> publishersOnPortals(Collection<UUID> portalIds) {
        return datasets.publishersOnPortals(portalIds).collectList().flatMapMany(this::publishers);
    }

    /** The publisher's linked datasets on these portals, oldest link first. */
    public Flux<ScoredDataset> scoredDatasets(UUID publisherId, Collection<UUID> portalIds) {
        return datasets.datasetsOfPublisher(publisherId, portalIds).concatMap(this::scored);
    }

    /** When the catalog last changed (a dataset linked, re-read or checked); empty if never. */
    public Mono<Instant> lastChange() {
        return datasets.lastChange();
    }

    private Mono<ScoredDataset> scored(DatasetRepository.DatasetRow row) {
        DatasetSnapshot s = codec.snapshot(row.snapshotJson());
        return urls(row.summary(), s).flatMap(urls -> withUse(row.summary(), s, urls));
    }

    private Mono<List<String>> urls(Dataset.Summary d, DatasetSnapshot s) {
        Mono<Set<String>> own =
                portals.findPortal(d.portalId())
                        .map(portal -> DatasetReads.landingUrls(portal, s))
                        .defaultIfEmpty(Set.of());
        return own.flatMap(set -> withEntryUrls(d.id(), set));
    }

    private Mono<List<String>> withEntryUrls(UUID datasetId, Set<String> own) {
        return challenges
                .entryUrls(datasetId)
                .collectList()
                .map(
                        entries ->
                                java.util.stream.Stream.concat(own.stream(), entries.stream())
                                        .distinct()
                                        .toList());
    }

    private Mono<ScoredDataset> withUse(Dataset.Summary d, DatasetSnapshot s, List<String> urls) {
        return Mono.zip(challenges.challengesUsing(d.id()), submissions.countDeclaring(urls))
                .map(
                        t ->
                                new ScoredDataset(
                                        d.id(),
                                        d.publisherId(),
                                        d.title(),
                                        s.issued(),
                                        s.modified(),
                                        QualityScorer.periodDays(s.accrualPeriodicity()),
                                        d.score(),
                                        t.getT1(),
                                        t.getT2()));
    }
}
