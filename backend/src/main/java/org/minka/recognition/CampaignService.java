package org.minka.recognition;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.CatalogScoring;
import org.minka.catalog.Publisher;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Campaigns: admins create them (a draft, checked in full before anything is stored) and publish
 * them; anyone reads the published ones, with the comparison with the previous edition.
 */
@Service
class CampaignService {

    static final String DEFAULT_TIMEZONE = "America/Lima";

    private final CampaignRepository campaigns;
    private final RecognitionRankingRepository rankings;
    private final CatalogScoring catalog;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;

    CampaignService(
            CampaignRepository campaigns,
            RecognitionRankingRepository rankings,
            CatalogScoring catalog,
            AuditLog audit,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.rankings = rankings;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Creates a draft campaign (admins); bad input stores nothing. */
    Mono<Campaign.View> create(Campaign.Create request, CurrentUser user) {
        return requireAdmin(user)
                .then(Mono.defer(() -> checked(request)))
                .flatMap(weights -> insert(request, weights, user))
                .flatMap(id -> view(id, user));
    }

    /** Publishes a draft (admins); publishing again changes nothing. */
    Mono<Campaign.View> publish(UUID id, CurrentUser user) {
        Map<String, String> details = Map.of("campaignId", id.toString());
        return requireAdmin(user)
                .then(existing(id, user))
                .then(campaigns.publish(id))
                .filter(n -> n > 0)
                .flatMap(n -> audit.record(null, user.id(), "campaign.published", details))
                .as(tx::transactional)
                .then(view(id, user));
    }

    /** Campaigns oldest first: the published ones, and drafts for admins. */
    Mono<CursorPage<Campaign>> list(PageRequest page, CurrentUser user) {
        return campaigns
                .list(page, isAdmin(user))
                .map(row -> row.toCampaign(clock.instant()))
                .collectList()
                .map(rows -> CursorPage.of(rows, page, Campaign::createdAt, Campaign::id, c -> c));
    }

    /** A campaign with its comparison; a draft is visible to admins only (404 to others). */
    Mono<Campaign.View> view(UUID id, CurrentUser user) {
        return existing(id, user).flatMap(this::withComparison);
    }

    /** The campaign, unless it is a draft and the user no admin: then 404. */
    Mono<CampaignRepository.Row> existing(UUID id, CurrentUser user) {
        return campaigns
                .find(id)
                .filter(row -> row.publishedAt() != null || isAdmin(user))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("campaign")));
    }

    // ---- checks ---------------------------------------------------------------------------

    private Mono<Campaign.Weights> checked(Campaign.Create r) {
        Campaign.Weights weights =
                (r.weights() == null ? Campaign.Weights.DEFAULT : r.weights()).normalised();
        return window(r)
                .then(timezone(r.timezone()))
                .then(sum(weights))
                .then(portals(r.portalIds()))
                .then(publishers(r.publisherIds()))
                .then(previous(r.previousCampaignId()))
                .thenReturn(weights);
    }

    private static Mono<Void> window(Campaign.Create r) {
        return Checks.require(
                r.opensAt().isBefore(r.closesAt()),
                () -> new MinkaException(ProblemType.INVALID_CAMPAIGN_WINDOW));
    }

    private static Mono<Void> timezone(String zone) {
        if (zone == null || zone.isBlank()) {
            return Mono.empty();
        }
        try {
            ZoneId.of(zone.strip());
            return Mono.empty();
        } catch (DateTimeException e) {
            return Mono.error(MinkaException.invalid("timezone", "must be an IANA timezone"));
        }
    }

    private static Mono<Void> sum(Campaign.Weights w) {
        int sum = w.sum();
        return Checks.require(
                sum == 100, () -> new MinkaException(ProblemType.INVALID_WEIGHTS, sum));
    }

    private Mono<Void> portals(List<UUID> ids) {
        return Flux.fromIterable(ids)
                .distinct()
                .concatMap(id -> Checks.require(catalog.portalExists(id), () -> unknownPortal(id)))
                .then();
    }

    private Mono<Void> publishers(List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> distinct = ids.stream().distinct().toList();
        return catalog.publishers(distinct)
                .map(Publisher::id)
                .collectList()
                .flatMap(found -> allFound(distinct, found));
    }

    private static Mono<Void> allFound(List<UUID> asked, List<UUID> found) {
        return asked.stream()
                .filter(id -> !found.contains(id))
                .findFirst()
                .<Mono<Void>>map(
                        id -> Mono.error(new MinkaException(ProblemType.UNKNOWN_PUBLISHER, id)))
                .orElse(Mono.empty());
    }

    private Mono<Void> previous(UUID id) {
        if (id == null) {
            return Mono.empty();
        }
        return Checks.require(
                campaigns.find(id).hasElement(),
                () -> MinkaException.invalid("previousCampaignId", "no such campaign"));
    }

    private static MinkaException unknownPortal(UUID id) {
        return new MinkaException(ProblemType.UNKNOWN_PORTAL, id.toString());
    }

    // ---- writes ---------------------------------------------------------------------------

    private Mono<UUID> insert(Campaign.Create r, Campaign.Weights w, CurrentUser user) {
        String zone =
                r.timezone() == null || r.timezone().isBlank()
                        ? DEFAULT_TIMEZONE
                        : r.timezone().strip();
        List<UUID> publishers = r.publisherIds() == null ? List.of() : r.publisherIds();
        return campaigns
                .insert(r, zone, w, user.id())
                .flatMap(id -> scoped(id, r.portalIds(), publishers))
                .flatMap(id -> audited(id, user))
                .as(tx::transactional);
    }

    private Mono<UUID> scoped(UUID id, List<UUID> portals, List<UUID> publishers) {
        return campaigns.insertScope(id, portals, publishers).thenReturn(id);
    }

    private Mono<UUID> audited(UUID id, CurrentUser user) {
        Map<String, String> details = Map.of("campaignId", id.toString());
        return audit.record(null, user.id(), "campaign.created", details).thenReturn(id);
    }

    // ---- comparison -------------------------------------------------------------------------

    private Mono<Campaign.View> withComparison(CampaignRepository.Row row) {
        Campaign campaign = row.toCampaign(clock.instant());
        Mono<CampaignRepository.Row> previous =
                row.previousId() != null
                        ? campaigns.find(row.previousId())
                        : campaigns.previousOf(row.id(), row.opensAt());
        return previous.flatMap(p -> compared(row, p))
                .switchIfEmpty(Mono.defer(() -> compared(row, null)))
                .map(comparison -> new Campaign.View(campaign, comparison));
    }

    private Mono<Campaign.Comparison> compared(
            CampaignRepository.Row row, CampaignRepository.Row previous) {
        Mono<Ranking> mine = rankings.current(row.id(), null);
        Mono<Ranking> theirs =
                previous == null ? Mono.empty() : rankings.current(previous.id(), null);
        return Mono.zip(optional(mine), optional(theirs))
                .map(t -> Comparisons.of(previous, t.getT1().orElse(null), t.getT2().orElse(null)));
    }

    private static <T> Mono<java.util.Optional<T>> optional(Mono<T> mono) {
        return mono.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty());
    }

    static Mono<Void> requireAdmin(CurrentUser user) {
        if (user == null) {
            return Mono.error(new MinkaException(ProblemType.UNAUTHORIZED));
        }
        return Checks.require(user.admin(), MinkaException::forbidden);
    }

    static boolean isAdmin(CurrentUser user) {
        return user != null && user.admin();
    }
}
