package org.minka.catalog;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the modules that build on the catalog (event) may ask of it: publishers, membership, linked
 * datasets, and linking a challenge's free dataset entries to the datasets they name.
 */
@Service
public class CatalogLookup {

    private final CatalogRepository repo;

    CatalogLookup(CatalogRepository repo) {
        this.repo = repo;
    }

    /** A linked dataset as a challenge entry names it. */
    public record LinkedDataset(
            UUID id, UUID publisherId, String title, String landingUrl, String portalDatasetId) {}

    /** The publisher, or empty. */
    public Mono<Publisher> publisher(UUID publisherId) {
        return repo.findPublisher(publisherId);
    }

    /** Whether the user is a member of the publisher. */
    public Mono<Boolean> isMember(UUID publisherId, UUID userId) {
        return repo.isMember(publisherId, userId);
    }

    /** The linked datasets among these ids (unknown ids are left out), ordered by id. */
    public Flux<LinkedDataset> datasets(List<UUID> ids) {
        return ids.isEmpty() ? Flux.empty() : repo.linkedDatasets(ids);
    }

    /**
     * Links the challenge's free dataset entries that name a linked dataset (by landing URL, or by
     * portal id on the dataset's portal); entries already linked keep their link. Join the caller's
     * transaction.
     */
    public Mono<Long> linkChallengeEntries(UUID challengeId) {
        return repo.linkChallengeEntries(challengeId);
    }
}
