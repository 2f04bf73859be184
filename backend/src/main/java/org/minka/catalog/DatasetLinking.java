package org.minka.catalog;

import static org.minka.catalog.CatalogChecks.blankToNull;
import static org.minka.catalog.CatalogChecks.violation;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.portal.PortalKind;
import org.minka.catalog.quality.QualityReport;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Registers portals and links datasets from them. Linking is the one call that waits on a portal:
 * it reads the dataset, then stores the snapshot, the raw record and the score, and links the
 * challenge entries that name it, in one transaction.
 */
@Service
class DatasetLinking {

    private final PortalRepository portalRows;
    private final PublisherRepository publishers;
    private final DatasetRepository datasets;
    private final PortalClient portals;
    private final CatalogPermissions permissions;
    private final ChallengeDatasetPort challenges;
    private final DatasetCodec codec;
    private final DatasetReads reads;
    private final TransactionalOperator tx;

    DatasetLinking(
            PortalRepository portalRows,
            PublisherRepository publishers,
            DatasetRepository datasets,
            PortalClient portals,
            CatalogPermissions permissions,
            ChallengeDatasetPort challenges,
            DatasetCodec codec,
            DatasetReads reads,
            ReactiveTransactionManager transactions) {
        this.portalRows = portalRows;
        this.publishers = publishers;
        this.datasets = datasets;
        this.portals = portals;
        this.permissions = permissions;
        this.challenges = challenges;
        this.codec = codec;
        this.reads = reads;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** One link request on its way: the portal, what names the dataset, and who links it. */
    private record Linking(
            Portal portal, String url, String datasetId, UUID publisherId, CurrentUser user) {}

    /** Registers a portal (admins), detecting its kind when asked. */
    Mono<Portal> registerPortal(Portal.Register request, CurrentUser user) {
        boolean detect = Boolean.TRUE.equals(request.detect());
        if (request.kind() == null && !detect) {
            return Mono.error(violation("kind", "give the kind, or set detect to true"));
        }
        String base = CatalogChecks.stripSlash(request.baseUrl());
        Mono<PortalKind> kind = detect ? portals.detect(base) : Mono.just(request.kind());
        return CatalogPermissions.requireAdmin(user)
                .then(portals.checkAddress(base))
                .then(kind)
                .flatMap(k -> portalRows.insertPortal(request.name(), base, k, user.id()))
                .onErrorMap(DuplicateKeyException.class, e -> portalExists());
    }

    /** Every registered portal. */
    Mono<List<Portal>> portals() {
        return portalRows.listPortals().collectList();
    }

    /**
     * Links a dataset by its portal URL, or by a registered portal and its id. Admins, event
     * organizers and members of the given publisher may.
     */
    Mono<Dataset> link(Dataset.Link request, CurrentUser user) {
        String url = blankToNull(request.url());
        String datasetId = blankToNull(request.datasetId());
        if (url == null && datasetId == null) {
            return Mono.error(
                    violation("url", "give the dataset's URL, or portalId and datasetId"));
        }
        if (url == null && request.portalId() == null) {
            return Mono.error(violation("portalId", "required with datasetId"));
        }
        if (url != null && !url.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
            return Mono.error(violation("url", "must be an http(s) URL"));
        }
        return permissions
                .requireLinker(user, request.publisherId())
                .then(resolvePortal(url, request.portalId()))
                .map(p -> new Linking(p, url, datasetId, request.publisherId(), user))
                .flatMap(this::fetchAndStore)
                .flatMap(reads::dataset);
    }

    private Mono<UUID> fetchAndStore(Linking linking) {
        Portal portal = linking.portal();
        String id =
                linking.datasetId() != null
                        ? linking.datasetId()
                        : datasetIdFromUrl(linking.url(), portal);
        Linking named =
                new Linking(portal, linking.url(), id, linking.publisherId(), linking.user());
        return portals.fetchDataset(portal.kind(), portal.baseUrl(), id)
                .flatMap(fetched -> storeWithPublisher(named, fetched));
    }

    private Mono<UUID> storeWithPublisher(Linking linking, PortalClient.Fetched fetched) {
        return publisherFor(linking.publisherId(), fetched.snapshot())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(publisher -> store(linking, fetched, publisher.orElse(null)));
    }

    private Mono<UUID> store(Linking linking, PortalClient.Fetched fetched, UUID publisherId) {
        Portal portal = linking.portal();
        QualityReport report = codec.score(fetched.snapshot(), Map.of());
        DatasetRepository.Stored stored = codec.stored(portal.id(), publisherId, report, fetched);
        return datasets.insertDataset(stored, linking.user().id())
                .switchIfEmpty(Mono.error(new MinkaException(ProblemType.DATASET_ALREADY_LINKED)))
                .flatMap(id -> firstSnapshot(id, stored))
                .flatMap(id -> linkEntries(id, linking, fetched.snapshot()))
                .as(tx::transactional);
    }

    private Mono<UUID> firstSnapshot(UUID id, DatasetRepository.Stored stored) {
        return datasets.insertSnapshot(
                        id, stored.score(), stored.snapshotJson(), stored.rawJson(), "[]")
                .thenReturn(id);
    }

    /** Links the challenge entries that name the new dataset by URL or by portal id. */
    private Mono<UUID> linkEntries(UUID id, Linking linking, DatasetSnapshot s) {
        String base = linking.portal().baseUrl();
        List<String> urls = new ArrayList<>();
        if (linking.url() != null) {
            urls.add(linking.url());
        }
        if (s.slug() != null) {
            urls.add(base + "/dataset/" + s.slug());
            urls.add(base + "/dataset/" + encoded(s.slug()));
        }
        urls.add(base + "/dataset/" + s.portalDatasetId());
        Set<String> ids = new LinkedHashSet<>(List.of(s.portalDatasetId(), linking.datasetId()));
        if (s.slug() != null) {
            ids.add(s.slug());
        }
        return challenges.linkEntriesNaming(id, base, urls, List.copyOf(ids)).thenReturn(id);
    }

    static String encoded(String segment) {
        return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
    }

    private Mono<UUID> publisherFor(UUID requested, DatasetSnapshot s) {
        if (requested != null) {
            return publishers
                    .findPublisher(requested)
                    .flatMap(p -> matchingPublisher(p, s))
                    .map(Publisher::id);
        }
        return s.publisherPortalId() == null
                ? Mono.empty()
                : publishers.findPublisherByPortalOrg(s.publisherPortalId());
    }

    /** The requested publisher, unless the portal names another organization. */
    private static Mono<Publisher> matchingPublisher(Publisher p, DatasetSnapshot s) {
        if (p.portalOrgId() == null
                || s.publisherPortalId() == null
                || p.portalOrgId().equalsIgnoreCase(s.publisherPortalId())) {
            return Mono.just(p);
        }
        String named = s.publisherName() == null ? s.publisherPortalId() : s.publisherName();
        return Mono.error(
                new MinkaException(ProblemType.DATASET_PUBLISHER_MISMATCH, named, p.name()));
    }

    private Mono<Portal> resolvePortal(String url, UUID portalId) {
        if (url != null) {
            return portalRows.findPortalForUrl(url).switchIfEmpty(Mono.error(unknownPortal(url)));
        }
        return portalRows
                .findPortal(portalId)
                .switchIfEmpty(Mono.error(unknownPortal(portalId.toString())));
    }

    private static MinkaException unknownPortal(String named) {
        return new MinkaException(ProblemType.UNKNOWN_PORTAL, named);
    }

    private static MinkaException portalExists() {
        return new MinkaException(ProblemType.PORTAL_EXISTS);
    }

    /** The dataset id or slug a portal URL names. */
    static String datasetIdFromUrl(String url, Portal portal) {
        if (portal.kind() == PortalKind.DCAT_US) {
            return url;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException ex) {
            throw violation("url", "is not a valid URL");
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("id=") && pair.length() > 3) {
                    return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                }
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int at = path.indexOf("/dataset/");
        if (at >= 0) {
            String rest = path.substring(at + "/dataset/".length());
            int slash = rest.indexOf('/');
            String segment = slash >= 0 ? rest.substring(0, slash) : rest;
            if (!segment.isBlank()) {
                return URLDecoder.decode(segment, StandardCharsets.UTF_8);
            }
        }
        throw violation("url", "names no dataset (expected .../dataset/<id or slug>)");
    }
}
