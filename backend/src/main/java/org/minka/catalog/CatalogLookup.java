package org.minka.catalog;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the modules that build on the catalog (event) may ask of it: publishers, membership, linked
 * datasets, and which linked dataset a challenge's free dataset entry names.
 */
@Service
public class CatalogLookup {

    private final PublisherRepository publishers;
    private final DatasetRepository datasets;

    CatalogLookup(PublisherRepository publishers, DatasetRepository datasets) {
        this.publishers = publishers;
        this.datasets = datasets;
    }

    /** A linked dataset as a challenge entry names it. */
    public record LinkedDataset(
            UUID id, UUID publisherId, String title, String landingUrl, String portalDatasetId) {}

    /** A challenge's dataset entry as written: its landing URL and, if given, the portal id. */
    public record EntryName(String landingUrl, String portalId) {}

    /** The linked dataset an entry names. */
    public record NamedDataset(EntryName entry, UUID datasetId) {}

    /** The publisher, or empty. */
    public Mono<Publisher> publisher(UUID publisherId) {
        return publishers.findPublisher(publisherId);
    }

    /** Whether the user is a member of the publisher. */
    public Mono<Boolean> isMember(UUID publisherId, UUID userId) {
        return publishers.isMember(publisherId, userId);
    }

    /** The linked datasets among these ids (unknown ids are left out), ordered by id. */
    public Flux<LinkedDataset> datasets(List<UUID> ids) {
        return ids.isEmpty() ? Flux.empty() : datasets.linkedDatasets(ids);
    }

    /**
     * For each entry that names a linked dataset (by the dataset's landing URL on its portal, or by
     * portal id on a URL under the dataset's portal), that dataset; other entries are left out.
     * Joins the caller's transaction.
     */
    public Flux<NamedDataset> datasetsNamedBy(List<EntryName> entries) {
        return entries.isEmpty() ? Flux.empty() : datasets.datasetsNamedBy(entries);
    }

    // For judging: the members of several publishers at once.

    /** A user's membership of a publisher. */
    public record PublisherMember(UUID publisherId, UUID userId) {}

    /** The members of these publishers. */
    public Flux<PublisherMember> publisherMembers(java.util.Collection<UUID> publisherIds) {
        if (publisherIds.isEmpty()) {
            return Flux.empty();
        }
        return publishers.membersOf(publisherIds);
    }

    // For recognition's dataset feedback: evidence naming a resource.

    /**
     * Whether the URL is one of the dataset's resources (an access or download URL of its current
     * snapshot); false for an unknown dataset.
     */
    public Mono<Boolean> isResourceOf(UUID datasetId, String url) {
        return datasets.hasResourceUrl(datasetId, url);
    }
}
