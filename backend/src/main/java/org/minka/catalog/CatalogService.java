package org.minka.catalog;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.portal.PortalKind;
import org.minka.catalog.quality.QualityReport;
import org.minka.catalog.quality.QualityScorer;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishers and their members, portal sources, and datasets linked from portals. Only the link
 * call waits on a portal; reads serve the last good snapshot.
 */
@Service
public class CatalogService {

    private static final TypeReference<Map<String, Boolean>> REACHABILITY =
            new TypeReference<>() {};
    private static final TypeReference<List<Dataset.Change>> CHANGES = new TypeReference<>() {};

    private final CatalogRepository repo;
    private final PortalClient portals;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final ReachabilityChecks reachability;
    private final AuditLog audit;

    CatalogService(
            CatalogRepository repo,
            PortalClient portals,
            JsonMapper json,
            Clock clock,
            ReactiveTransactionManager transactions,
            ReachabilityChecks reachability,
            AuditLog audit) {
        this.reachability = reachability;
        this.audit = audit;
        this.repo = repo;
        this.portals = portals;
        this.json = json;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    // publishers

    /** Creates a publisher (admins). */
    public Mono<Publisher> createPublisher(Publisher.Create request, CurrentUser user) {
        return requireAdmin(user)
                .then(repo.insertPublisher(request, user.id()))
                .onErrorMap(
                        DuplicateKeyException.class,
                        e -> new MinkaException(ProblemType.PUBLISHER_EXISTS));
    }

    /** Publishers, oldest first. */
    public Mono<CursorPage<Publisher>> listPublishers(PageRequest page) {
        return repo.listPublishers(page)
                .collectList()
                .map(
                        rows ->
                                CursorPage.of(
                                        rows, page, Publisher::createdAt, Publisher::id, p -> p));
    }

    /** A publisher with its datasets' count, average score and score distribution. */
    public Mono<Publisher.View> publisher(UUID id) {
        return repo.findPublisher(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                .flatMap(p -> repo.publisherStats(id).map(stats -> new Publisher.View(p, stats)));
    }

    /** Makes a user a member of the publisher (admins and event organizers); idempotent. */
    public Mono<Void> grantMember(UUID publisherId, UUID userId, CurrentUser user) {
        return requireGranter(user)
                .then(existingPublisher(publisherId))
                .then(repo.userExists(userId))
                .flatMap(
                        exists ->
                                exists
                                        ? repo.addMember(publisherId, userId, user.id())
                                                .flatMap(
                                                        added ->
                                                                added == 0
                                                                        ? Mono.<Void>empty()
                                                                        : audit.record(
                                                                                null,
                                                                                user.id(),
                                                                                "publisher.member.granted",
                                                                                Map.of(
                                                                                        "publisherId",
                                                                                        publisherId
                                                                                                .toString(),
                                                                                        "userId",
                                                                                        userId
                                                                                                .toString())))
                                        : Mono.<Void>error(
                                                new MinkaException(
                                                        ProblemType.UNKNOWN_USER,
                                                        userId.toString())))
                .as(tx::transactional);
    }

    /** Removes a member (admins and event organizers). */
    public Mono<Void> revokeMember(UUID publisherId, UUID userId, CurrentUser user) {
        return requireGranter(user)
                .then(existingPublisher(publisherId))
                .then(repo.removeMember(publisherId, userId))
                .flatMap(
                        n ->
                                n == 0
                                        ? Mono.<Void>error(MinkaException.notFound("member"))
                                        : audit.record(
                                                null,
                                                user.id(),
                                                "publisher.member.revoked",
                                                Map.of(
                                                        "publisherId",
                                                        publisherId.toString(),
                                                        "userId",
                                                        userId.toString())))
                .as(tx::transactional);
    }

    // portals

    /** Registers a portal (admins), detecting its kind when asked. */
    public Mono<Portal> registerPortal(Portal.Register request, CurrentUser user) {
        boolean detect = Boolean.TRUE.equals(request.detect());
        if (request.kind() == null && !detect) {
            return Mono.error(violation("kind", "give the kind, or set detect to true"));
        }
        String base = stripSlash(request.baseUrl());
        return requireAdmin(user)
                .then(detect ? portals.detect(base) : Mono.just(request.kind()))
                .flatMap(kind -> repo.insertPortal(request.name(), base, kind, user.id()))
                .onErrorMap(
                        DuplicateKeyException.class,
                        e -> new MinkaException(ProblemType.PORTAL_EXISTS));
    }

    /** Every registered portal. */
    public Mono<List<Portal>> portals() {
        return repo.listPortals().collectList();
    }

    // datasets

    /**
     * Links a dataset by its portal URL, or by a registered portal and its id: reads it from the
     * portal (the one call that waits on a portal), then stores the snapshot, the raw record and
     * the score in one transaction. Admins, event organizers and members of the given publisher
     * may.
     */
    public Mono<Dataset> link(Dataset.Link request, CurrentUser user) {
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
        return requireLinker(user, request.publisherId())
                .then(resolvePortal(url, request.portalId()))
                .flatMap(
                        portal -> {
                            String id =
                                    datasetId != null ? datasetId : datasetIdFromUrl(url, portal);
                            return portals.fetchDataset(portal.kind(), portal.baseUrl(), id)
                                    .flatMap(
                                            fetched ->
                                                    publisherFor(
                                                                    request.publisherId(),
                                                                    fetched.snapshot())
                                                            .map(java.util.Optional::of)
                                                            .defaultIfEmpty(
                                                                    java.util.Optional.empty())
                                                            .flatMap(
                                                                    publisher ->
                                                                            store(
                                                                                    portal,
                                                                                    fetched,
                                                                                    publisher
                                                                                            .orElse(
                                                                                                    null),
                                                                                    url,
                                                                                    id,
                                                                                    user)));
                        })
                .flatMap(this::dataset);
    }

    private Mono<UUID> store(
            Portal portal,
            PortalClient.Fetched fetched,
            UUID publisherId,
            String url,
            String requestedId,
            CurrentUser user) {
        DatasetSnapshot s = fetched.snapshot();
        QualityReport report = QualityScorer.score(s, Map.of(), clock.instant());
        CatalogRepository.Stored stored = stored(portal.id(), s, publisherId, report, fetched);
        List<String> urls = new ArrayList<>();
        if (url != null) {
            urls.add(url);
        }
        if (s.slug() != null) {
            urls.add(portal.baseUrl() + "/dataset/" + s.slug());
            urls.add(
                    portal.baseUrl()
                            + "/dataset/"
                            + org.springframework.web.util.UriUtils.encodePathSegment(
                                    s.slug(), StandardCharsets.UTF_8));
        }
        urls.add(portal.baseUrl() + "/dataset/" + s.portalDatasetId());
        Set<String> ids = new LinkedHashSet<>(List.of(s.portalDatasetId(), requestedId));
        if (s.slug() != null) {
            ids.add(s.slug());
        }
        return repo.insertDataset(stored, user.id())
                .switchIfEmpty(Mono.error(new MinkaException(ProblemType.DATASET_ALREADY_LINKED)))
                .flatMap(
                        id ->
                                repo.insertSnapshot(
                                                id,
                                                report.total(),
                                                stored.snapshotJson(),
                                                stored.rawJson(),
                                                "[]")
                                        .then(
                                                repo.linkChallengeEntries(
                                                        id,
                                                        portal.baseUrl(),
                                                        urls,
                                                        List.copyOf(ids)))
                                        .thenReturn(id))
                .as(tx::transactional);
    }

    private CatalogRepository.Stored stored(
            UUID portalId,
            DatasetSnapshot s,
            UUID publisherId,
            QualityReport report,
            PortalClient.Fetched fetched) {
        Set<String> formats = new LinkedHashSet<>();
        for (DatasetSnapshot.Resource r : s.resources()) {
            if (r.format() != null) {
                formats.add(r.format());
            }
            if (r.sniffedFormat() != null) {
                formats.add(r.sniffedFormat());
            }
        }
        return new CatalogRepository.Stored(
                portalId,
                s.portalDatasetId(),
                s.slug(),
                publisherId,
                s.title(),
                s.publisherName(),
                s.licenseId(),
                s.themes(),
                List.copyOf(formats),
                report.total(),
                report.rating(),
                report.stars(),
                json.writeValueAsString(s),
                json.writeValueAsString(fetched.raw()),
                json.writeValueAsString(report));
    }

    /** The datasets that match the filters, oldest link first. */
    public Mono<CursorPage<Dataset.Summary>> datasets(
            UUID publisher,
            String theme,
            String format,
            String license,
            Integer minScore,
            PageRequest page) {
        if (minScore != null && (minScore < 0 || minScore > QualityScorer.MAX)) {
            return Mono.error(violation("minScore", "must be between 0 and 405"));
        }
        CatalogRepository.Filter filter =
                new CatalogRepository.Filter(
                        publisher,
                        blankToNull(theme),
                        blankToNull(format),
                        blankToNull(license),
                        minScore);
        return repo.listDatasets(filter, page)
                .collectList()
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        Dataset.Summary::linkedAt,
                                        Dataset.Summary::id,
                                        r -> r));
    }

    /** One dataset: its last good snapshot, its score (explained) and its use. */
    public Mono<Dataset> dataset(UUID id) {
        return repo.findDataset(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("dataset")))
                .flatMap(row -> usage(row).map(usage -> toDataset(row, usage)));
    }

    /**
     * Challenges naming the dataset, the submissions whose latest submitted version declares it,
     * and those of them that a public gallery shows.
     */
    private Mono<Dataset.Usage> usage(CatalogRepository.DatasetRow row) {
        DatasetSnapshot snapshot = json.readValue(row.snapshotJson(), DatasetSnapshot.class);
        UUID id = row.summary().id();
        return repo.findPortal(row.summary().portalId())
                .map(portal -> landingUrls(portal, snapshot))
                .defaultIfEmpty(List.of())
                .flatMap(
                        urls ->
                                repo.countDeclaringSubmissions(id, urls)
                                        .flatMap(
                                                count ->
                                                        repo.publicDeclaringSubmissions(
                                                                        id,
                                                                        urls,
                                                                        PUBLIC_SUBMISSIONS)
                                                                .collectList()
                                                                .map(
                                                                        shown ->
                                                                                new Dataset.Usage(
                                                                                        row
                                                                                                .challenges(),
                                                                                        count,
                                                                                        shown))));
    }

    private static final int PUBLIC_SUBMISSIONS = 50;

    /** The pages a submission may name the dataset by (compared without case or final slash). */
    private static List<String> landingUrls(Portal portal, DatasetSnapshot s) {
        Set<String> urls = new LinkedHashSet<>();
        if (s.landingPage() != null && !s.landingPage().isBlank()) {
            urls.add(s.landingPage().strip());
        }
        String base = portal.baseUrl() + "/dataset/";
        if (s.slug() != null) {
            urls.add(base + s.slug());
            urls.add(
                    base
                            + org.springframework.web.util.UriUtils.encodePathSegment(
                                    s.slug(), StandardCharsets.UTF_8));
        }
        urls.add(base + s.portalDatasetId());
        return List.copyOf(urls);
    }

    /**
     * The publisher's members, oldest grant first: for admins, event organizers and the publisher's
     * own members.
     */
    public Mono<List<Publisher.Member>> members(UUID publisherId, CurrentUser user) {
        if (user == null) {
            return Mono.error(new MinkaException(ProblemType.UNAUTHORIZED));
        }
        Mono<Boolean> allowed =
                user.admin()
                        ? Mono.just(true)
                        : repo.organizesAnyEvent(user.id())
                                .flatMap(
                                        organizer ->
                                                organizer
                                                        ? Mono.just(true)
                                                        : repo.isMember(publisherId, user.id()));
        return existingPublisher(publisherId)
                .then(allowed)
                .flatMap(
                        ok ->
                                ok
                                        ? repo.members(publisherId).collectList()
                                        : Mono.error(MinkaException.forbidden()));
    }

    /** The raw record as the portal sent it, at the last good read. */
    public Mono<String> raw(UUID id) {
        return repo.findRaw(id).switchIfEmpty(Mono.error(MinkaException.notFound("dataset")));
    }

    /** Stored snapshots, newest first, with the changes each brought. */
    public Mono<List<Dataset.HistoryEntry>> history(UUID id) {
        return repo.findDataset(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("dataset")))
                .flatMap(
                        row ->
                                repo.history(
                                                id,
                                                text -> json.readValue(text, CHANGES),
                                                text -> json.readValue(text, DatasetSnapshot.class))
                                        .collectList());
    }

    // refresh

    /** What one refresh run did. */
    public record RefreshRun(boolean ran, int unchanged, int changed, int failed) {}

    /**
     * Re-reads up to {@code limit} datasets, least recently read first, unless another instance
     * holds the refresh lease. A changed dataset gets a new snapshot with its changes; a failed
     * read keeps the last good snapshot and records the failure.
     */
    public Mono<RefreshRun> refreshDue(int limit, String holder, java.time.Duration lease) {
        return repo.takeRefreshLease(holder, lease)
                .flatMap(
                        taken -> {
                            if (!taken) {
                                return Mono.just(new RefreshRun(false, 0, 0, 0));
                            }
                            int[] counts = new int[3];
                            return repo.linkAllChallengeEntries()
                                    .thenMany(repo.datasetsToRefresh(limit))
                                    .collectList()
                                    .flatMapMany(reactor.core.publisher.Flux::fromIterable)
                                    .concatMap(row -> refreshOne(row).doOnNext(o -> counts[o]++))
                                    .then(
                                            Mono.fromSupplier(
                                                    () ->
                                                            new RefreshRun(
                                                                    true, counts[0], counts[1],
                                                                    counts[2])))
                                    .flatMap(
                                            run -> repo.releaseRefreshLease(holder).thenReturn(run))
                                    .onErrorResume(
                                            e ->
                                                    repo.releaseRefreshLease(holder)
                                                            .then(Mono.error(e)));
                        });
    }

    /** What one reachability run did. */
    public record ReachabilityRun(boolean ran, int datasets, int urls, int unreachable) {}

    /**
     * Checks the resource URLs of up to {@code limit} datasets (least recently checked first),
     * politely (a cap per host), then stores the results and the new scores. Runs under the same
     * lease as the refresh.
     */
    public Mono<ReachabilityRun> checkReachabilityDue(
            int limit, String holder, java.time.Duration lease) {
        return repo.takeRefreshLease(holder, lease)
                .flatMap(
                        taken -> {
                            if (!taken) {
                                return Mono.just(new ReachabilityRun(false, 0, 0, 0));
                            }
                            return repo.datasetsForReachability(limit)
                                    .collectList()
                                    .flatMap(this::checkReachability)
                                    .flatMap(
                                            run -> repo.releaseRefreshLease(holder).thenReturn(run))
                                    .onErrorResume(
                                            e ->
                                                    repo.releaseRefreshLease(holder)
                                                            .then(Mono.error(e)));
                        });
    }

    /** Checks one dataset's resource URLs now and stores the results and the new score. */
    public Mono<ReachabilityRun> checkReachabilityOf(UUID datasetId) {
        return repo.findDataset(datasetId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("dataset")))
                .flatMap(row -> checkReachability(List.of(row)));
    }

    private Mono<ReachabilityRun> checkReachability(List<CatalogRepository.DatasetRow> rows) {
        Map<UUID, DatasetSnapshot> snapshots = new java.util.LinkedHashMap<>();
        Set<String> urls = new LinkedHashSet<>();
        for (CatalogRepository.DatasetRow row : rows) {
            DatasetSnapshot s = json.readValue(row.snapshotJson(), DatasetSnapshot.class);
            snapshots.put(row.summary().id(), s);
            urls.addAll(urlsOf(s));
        }
        return reachability
                .check(urls)
                .flatMap(
                        results ->
                                reactor.core.publisher.Flux.fromIterable(snapshots.entrySet())
                                        .concatMap(
                                                e -> {
                                                    Map<String, Boolean> mine =
                                                            new java.util.LinkedHashMap<>();
                                                    for (String u : urlsOf(e.getValue())) {
                                                        if (results.containsKey(u)) {
                                                            mine.put(u, results.get(u));
                                                        }
                                                    }
                                                    QualityReport report =
                                                            QualityScorer.score(
                                                                    e.getValue(),
                                                                    mine,
                                                                    clock.instant());
                                                    return repo.updateReachability(
                                                            e.getKey(),
                                                            json.writeValueAsString(mine),
                                                            report.total(),
                                                            report.rating(),
                                                            json.writeValueAsString(report));
                                                })
                                        .then(
                                                Mono.just(
                                                        new ReachabilityRun(
                                                                true,
                                                                snapshots.size(),
                                                                results.size(),
                                                                (int)
                                                                        results.values().stream()
                                                                                .filter(ok -> !ok)
                                                                                .count()))));
    }

    private static Set<String> urlsOf(DatasetSnapshot s) {
        Set<String> urls = new LinkedHashSet<>();
        for (DatasetSnapshot.Resource r : s.resources()) {
            if (r.accessUrl() != null) {
                urls.add(r.accessUrl());
            }
            if (r.downloadUrl() != null) {
                urls.add(r.downloadUrl());
            }
        }
        return urls;
    }

    /** 0 unchanged, 1 changed, 2 failed. */
    private Mono<Integer> refreshOne(CatalogRepository.DatasetRow row) {
        return Mono.defer(() -> fetchAndStore(row))
                .onErrorResume(
                        RuntimeException.class,
                        e -> repo.recordFailure(row.summary().id(), describe(e)).thenReturn(2));
    }

    private Mono<Integer> fetchAndStore(CatalogRepository.DatasetRow row) {
        Dataset.Summary d = row.summary();
        DatasetSnapshot before = json.readValue(row.snapshotJson(), DatasetSnapshot.class);
        return repo.findPortal(d.portalId())
                .flatMap(
                        portal ->
                                portals.fetchDataset(
                                                portal.kind(),
                                                portal.baseUrl(),
                                                d.portalDatasetId())
                                        .flatMap(
                                                fetched -> {
                                                    List<Dataset.Change> changes =
                                                            SnapshotDiff.between(
                                                                    before, fetched.snapshot());
                                                    if (changes.isEmpty()) {
                                                        return repo.touch(d.id()).thenReturn(0);
                                                    }
                                                    QualityReport report =
                                                            QualityScorer.score(
                                                                    fetched.snapshot(),
                                                                    reachability(
                                                                            row.reachabilityJson()),
                                                                    clock.instant());
                                                    CatalogRepository.Stored stored =
                                                            stored(
                                                                    d.portalId(),
                                                                    fetched.snapshot(),
                                                                    d.publisherId(),
                                                                    report,
                                                                    fetched);
                                                    return repo.updateSnapshot(
                                                                    d.id(), row.version(), stored)
                                                            .flatMap(
                                                                    n ->
                                                                            n == 0
                                                                                    ? Mono.just(0)
                                                                                    : repo.insertSnapshot(
                                                                                                    d
                                                                                                            .id(),
                                                                                                    report
                                                                                                            .total(),
                                                                                                    stored
                                                                                                            .snapshotJson(),
                                                                                                    stored
                                                                                                            .rawJson(),
                                                                                                    json
                                                                                                            .writeValueAsString(
                                                                                                                    changes))
                                                                                            .thenReturn(
                                                                                                    1))
                                                            .as(tx::transactional);
                                                }));
    }

    /** The failure as stored on the dataset: the problem slug and its arguments. */
    private static String describe(RuntimeException e) {
        if (e instanceof MinkaException m) {
            return m.type().slug() + " " + java.util.Arrays.toString(m.args());
        }
        return ProblemType.INTERNAL_ERROR.slug() + " " + e.getClass().getSimpleName();
    }

    // helpers

    private Dataset toDataset(CatalogRepository.DatasetRow row, Dataset.Usage usage) {
        DatasetSnapshot snapshot = json.readValue(row.snapshotJson(), DatasetSnapshot.class);
        QualityReport quality =
                QualityScorer.score(
                        snapshot, reachability(row.reachabilityJson()), clock.instant());
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

    private Map<String, Boolean> reachability(String text) {
        return text == null ? Map.of() : json.readValue(text, REACHABILITY);
    }

    private Mono<UUID> publisherFor(UUID requested, DatasetSnapshot s) {
        if (requested != null) {
            return repo.findPublisher(requested)
                    .flatMap(
                            p -> {
                                if (p.portalOrgId() != null
                                        && s.publisherPortalId() != null
                                        && !p.portalOrgId()
                                                .equalsIgnoreCase(s.publisherPortalId())) {
                                    return Mono.error(
                                            new MinkaException(
                                                    ProblemType.DATASET_PUBLISHER_MISMATCH,
                                                    s.publisherName() == null
                                                            ? s.publisherPortalId()
                                                            : s.publisherName(),
                                                    p.name()));
                                }
                                return Mono.just(requested);
                            });
        }
        return s.publisherPortalId() == null
                ? Mono.empty()
                : repo.findPublisherByPortalOrg(s.publisherPortalId());
    }

    private Mono<Portal> resolvePortal(String url, UUID portalId) {
        if (url != null) {
            return repo.findPortalForUrl(url)
                    .switchIfEmpty(Mono.error(new MinkaException(ProblemType.UNKNOWN_PORTAL, url)));
        }
        return repo.findPortal(portalId)
                .switchIfEmpty(
                        Mono.error(
                                new MinkaException(
                                        ProblemType.UNKNOWN_PORTAL, portalId.toString())));
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

    private Mono<Void> existingPublisher(UUID publisherId) {
        return repo.findPublisher(publisherId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                .then();
    }

    private static Mono<Void> requireAdmin(CurrentUser user) {
        return user != null && user.admin() ? Mono.empty() : Mono.error(MinkaException.forbidden());
    }

    private Mono<Void> requireGranter(CurrentUser user) {
        if (user.admin()) {
            return Mono.empty();
        }
        return repo.organizesAnyEvent(user.id())
                .flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(MinkaException.forbidden()));
    }

    private Mono<Void> requireLinker(CurrentUser user, UUID publisherId) {
        Mono<Void> publisherKnown =
                publisherId == null
                        ? Mono.empty()
                        : repo.findPublisher(publisherId)
                                .switchIfEmpty(
                                        Mono.error(
                                                new MinkaException(
                                                        ProblemType.UNKNOWN_PUBLISHER,
                                                        publisherId.toString())))
                                .then();
        if (user.admin()) {
            return publisherKnown;
        }
        return repo.organizesAnyEvent(user.id())
                .flatMap(
                        organizer -> {
                            if (organizer) {
                                return publisherKnown;
                            }
                            if (publisherId == null) {
                                return Mono.error(MinkaException.forbidden());
                            }
                            return publisherKnown
                                    .then(repo.isMember(publisherId, user.id()))
                                    .flatMap(
                                            member ->
                                                    member
                                                            ? Mono.<Void>empty()
                                                            : Mono.error(
                                                                    MinkaException.forbidden()));
                        });
    }

    private static MinkaException violation(String field, String message) {
        return new MinkaException(
                ProblemType.VALIDATION_FAILED,
                "problem.validation-failed.detail",
                List.of(new Problem.FieldViolation(field, message)),
                1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
