package org.minka.catalog;

import static org.minka.catalog.CatalogChecks.blankToNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.quality.QualityReport;
import org.minka.catalog.quality.QualityScorer;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reads of linked datasets: the filtered listing, one dataset with its score and its use by
 * challenges and submissions, the raw record and the snapshot history. Reads serve the last good
 * snapshot and never wait on a portal.
 */
@Service
class DatasetReads {

    private static final int PUBLIC_SUBMISSIONS = 50;

    private final DatasetRepository datasets;
    private final PortalRepository portals;
    private final ChallengeDatasetPort challenges;
    private final DatasetUsagePort submissions;
    private final DatasetCodec codec;

    DatasetReads(
            DatasetRepository datasets,
            PortalRepository portals,
            ChallengeDatasetPort challenges,
            DatasetUsagePort submissions,
            DatasetCodec codec) {
        this.datasets = datasets;
        this.portals = portals;
        this.challenges = challenges;
        this.submissions = submissions;
        this.codec = codec;
    }

    /** The datasets that match the filters, oldest link first. */
    Mono<CursorPage<Dataset.Summary>> datasets(
            UUID publisher,
            String theme,
            String format,
            String license,
            Integer minScore,
            PageRequest page) {
        if (minScore != null && (minScore < 0 || minScore > QualityScorer.MAX)) {
            return Mono.error(CatalogChecks.violation("minScore", "must be between 0 and 405"));
        }
        DatasetRepository.Filter filter =
                new DatasetRepository.Filter(
                        publisher,
                        blankToNull(theme),
                        blankToNull(format),
                        blankToNull(license),
                        minScore);
        return datasets.listDatasets(filter, page).collectList().map(rows -> page(rows, page));
    }

    /** One dataset: its last good snapshot, its score (explained) and its use. */
    Mono<Dataset> dataset(UUID id) {
        return found(id).flatMap(this::withUsage);
    }

    /** The raw record as the portal sent it, at the last good read. */
    Mono<String> raw(UUID id) {
        return datasets.findRaw(id).switchIfEmpty(Mono.error(notFound()));
    }

    /** Stored snapshots, newest first, with the changes each brought. */
    Mono<List<Dataset.HistoryEntry>> history(UUID id) {
        return found(id).thenMany(datasets.history(id)).map(this::toEntry).collectList();
    }

    private Mono<DatasetRepository.DatasetRow> found(UUID id) {
        return datasets.findDataset(id).switchIfEmpty(Mono.error(notFound()));
    }

    private Mono<Dataset> withUsage(DatasetRepository.DatasetRow row) {
        DatasetSnapshot snapshot = codec.snapshot(row.snapshotJson());
        return usage(row.summary(), snapshot).map(usage -> toDataset(row, snapshot, usage));
    }

    /**
     * Challenges naming the dataset, the submissions whose latest submitted version declares it (by
     * one of its landing pages or a linked challenge entry's URL), and those of them that a public
     * gallery shows.
     */
    private Mono<Dataset.Usage> usage(Dataset.Summary d, DatasetSnapshot snapshot) {
        Mono<List<String>> urls =
                portals.findPortal(d.portalId())
                        .map(portal -> landingUrls(portal, snapshot))
                        .defaultIfEmpty(Set.of())
                        .flatMap(own -> withEntryUrls(d.id(), own));
        return urls.flatMap(u -> usageBy(d.id(), u));
    }

    private Mono<List<String>> withEntryUrls(UUID datasetId, Set<String> own) {
        return challenges.entryUrls(datasetId).collectList().map(entries -> union(own, entries));
    }

    private Mono<Dataset.Usage> usageBy(UUID datasetId, List<String> urls) {
        return Mono.zip(
                        challenges.challengesUsing(datasetId),
                        submissions.countDeclaring(urls),
                        submissions.publicDeclaring(urls, PUBLIC_SUBMISSIONS).collectList())
                .map(t -> new Dataset.Usage(t.getT1(), t.getT2(), t.getT3()));
    }

    private static List<String> union(Set<String> own, List<String> entries) {
        Set<String> all = new LinkedHashSet<>(own);
        all.addAll(entries);
        return List.copyOf(all);
    }

    /** The pages a submission may name the dataset by (compared without case or final slash). */
    static Set<String> landingUrls(Portal portal, DatasetSnapshot s) {
        Set<String> urls = new LinkedHashSet<>();
        if (s.landingPage() != null && !s.landingPage().isBlank()) {
            urls.add(s.landingPage().strip());
        }
        String base = portal.baseUrl() + "/dataset/";
        if (s.slug() != null) {
            urls.add(base + s.slug());
            urls.add(base + DatasetLinking.encoded(s.slug()));
        }
        urls.add(base + s.portalDatasetId());
        return urls;
    }

    private Dataset toDataset(
            DatasetRepository.DatasetRow row, DatasetSnapshot snapshot, Dataset.Usage usage) {
        QualityReport quality = codec.score(snapshot, codec.reachability(row.reachabilityJson()));
        Dataset.Summary s = row.summary();
        return new Dataset(
                s.id(),
                s.portalId(),
                s.portalDatasetId(),
                s.publisherId(),
                snapshot,
                quality,
                usage,
                s.linkedAt(),
                s.fetchedAt(),
                row.lastError(),
                row.lastErrorAt());
    }

    private Dataset.HistoryEntry toEntry(DatasetRepository.HistoryRow row) {
        return new Dataset.HistoryEntry(
                row.id(),
                row.fetchedAt(),
                row.score(),
                codec.changes(row.changes()),
                codec.snapshot(row.snapshot()));
    }

    private static CursorPage<Dataset.Summary> page(List<Dataset.Summary> rows, PageRequest page) {
        return CursorPage.of(rows, page, Dataset.Summary::linkedAt, Dataset.Summary::id, r -> r);
    }

    private static MinkaException notFound() {
        return MinkaException.notFound("dataset");
    }
}
