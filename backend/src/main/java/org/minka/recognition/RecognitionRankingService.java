package org.minka.recognition;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.Publisher;
import org.minka.common.AuditLog;
import org.minka.common.Cursor;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rankings: admins ask for one on demand (the background job computes it, with progress); anyone
 * reads a published campaign's rankings, its leaderboard (national, by region, by entity type, ties
 * explicit) and each entity's score explained part by part, now or as of a past moment.
 */
@Service
class RecognitionRankingService {

    private static final TypeReference<List<Ranking.Part>> PARTS = new TypeReference<>() {};

    private final CampaignService campaigns;
    private final RecognitionRankingRepository rankings;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    RecognitionRankingService(
            CampaignService campaigns,
            RecognitionRankingRepository rankings,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.campaigns = campaigns;
        this.rankings = rankings;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Queues a ranking (admins); while one is queued or running, that one is the answer. After the
     * close it is the final ranking, as of the close; once that exists, 409.
     */
    Mono<Ranking> request(UUID campaignId, CurrentUser user) {
        return CampaignService.requireAdmin(user)
                .then(campaigns.existing(campaignId, user))
                .flatMap(row -> notFinal(row).thenReturn(row))
                .flatMap(row -> queued(row, user));
    }

    private Mono<Void> notFinal(CampaignRepository.Row row) {
        return rankings.hasFinal(row.id())
                .flatMap(done -> done ? Mono.error(finalRanking()) : Mono.<Void>empty());
    }

    private Mono<Ranking> queued(CampaignRepository.Row row, CurrentUser user) {
        Instant now = clock.instant();
        boolean closed = !now.isBefore(row.closesAt());
        Ranking.Reason reason = closed ? Ranking.Reason.CLOSE : Ranking.Reason.ON_DEMAND;
        Instant asOf = closed ? row.closesAt() : now;
        Map<String, String> details = Map.of("campaignId", row.id().toString());
        return rankings.enqueue(row.id(), reason, asOf, closed, user.id())
                .flatMap(
                        r ->
                                audit.record(null, user.id(), "ranking.requested", details)
                                        .thenReturn(r))
                .switchIfEmpty(Mono.defer(() -> rankings.pending(row.id())))
                .switchIfEmpty(Mono.error(RecognitionRankingService::finalRanking));
    }

    /** One ranking of the campaign, with its progress. */
    Mono<Ranking> ranking(UUID campaignId, UUID rankingId, CurrentUser user) {
        return campaigns
                .existing(campaignId, user)
                .then(rankings.find(campaignId, rankingId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("ranking")));
    }

    /** The campaign's rankings, oldest first: its snapshots. */
    Mono<CursorPage<Ranking>> rankings(UUID campaignId, PageRequest page, CurrentUser user) {
        return campaigns
                .existing(campaignId, user)
                .thenMany(rankings.list(campaignId, page))
                .collectList()
                .map(rows -> CursorPage.of(rows, page, Ranking::createdAt, Ranking::id, r -> r));
    }

    /** What a leaderboard shows: one scope, and the ranking in force at {@code at} (or now). */
    record Query(Ranking.Scope scope, String region, Publisher.Type entityType, Instant at) {}

    /** A page of the leaderboard; an empty one before the first ranking. */
    Mono<Ranking.Leaderboard> leaderboard(
            UUID campaignId, Query q, PageRequest page, CurrentUser user) {
        return checked(q)
                .then(campaigns.existing(campaignId, user))
                .flatMap(row -> rankings.current(row.id(), q.at()))
                .flatMap(r -> page(r, q, page))
                .defaultIfEmpty(new Ranking.Leaderboard(null, scope(q), List.of(), null));
    }

    /** One entity's score in the ranking in force at {@code at} (or now), explained. */
    Mono<Ranking.EntityScore> entity(
            UUID campaignId, UUID publisherId, Instant at, CurrentUser user) {
        return campaigns
                .existing(campaignId, user)
                .flatMap(row -> rankings.current(row.id(), at))
                .flatMap(r -> entityIn(r, publisherId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("entity")));
    }

    private Mono<Ranking.EntityScore> entityIn(Ranking r, UUID publisherId) {
        return rankings.entity(r.id(), publisherId).map(row -> toEntityScore(r, row));
    }

    private static Mono<Void> checked(Query q) {
        if (scope(q) == Ranking.Scope.REGION && blank(q.region())) {
            return Mono.error(MinkaException.invalid("region", "required for the REGION scope"));
        }
        if (scope(q) == Ranking.Scope.ENTITY_TYPE && q.entityType() == null) {
            return Mono.error(
                    MinkaException.invalid("entityType", "required for the ENTITY_TYPE scope"));
        }
        return Mono.empty();
    }

    private Mono<Ranking.Leaderboard> page(Ranking r, Query q, PageRequest page) {
        Ranking.Scope scope = scope(q);
        String region = scope == Ranking.Scope.REGION ? q.region().strip() : null;
        Publisher.Type type = scope == Ranking.Scope.ENTITY_TYPE ? q.entityType() : null;
        long after = page.after() == null ? 0 : page.after().createdAt().getEpochSecond();
        return rankings.leaderboard(r.id(), region, type, after, page.fetchSize())
                .collectList()
                .map(rows -> toLeaderboard(r, scope, rows, page));
    }

    private Ranking.Leaderboard toLeaderboard(
            Ranking r,
            Ranking.Scope scope,
            List<RecognitionRankingRepository.RankedRow> rows,
            PageRequest page) {
        boolean more = rows.size() > page.limit();
        List<RecognitionRankingRepository.RankedRow> shown =
                more ? rows.subList(0, page.limit()) : rows;
        String next = null;
        if (more) {
            RecognitionRankingRepository.RankedRow last = shown.get(shown.size() - 1);
            next = new Cursor(Instant.ofEpochSecond(last.position()), last.publisherId()).encode();
        }
        List<Ranking.Entry> items = shown.stream().map(row -> toEntry(scope, row)).toList();
        return new Ranking.Leaderboard(r, scope, items, next);
    }

    private Ranking.Entry toEntry(Ranking.Scope scope, RecognitionRankingRepository.RankedRow row) {
        Ranking.Rank rank =
                switch (scope) {
                    case NATIONAL -> row.national();
                    case REGION -> row.regionRank();
                    case ENTITY_TYPE -> row.typeRank();
                };
        List<Ranking.PartValue> values =
                parts(row).stream()
                        .map(p -> new Ranking.PartValue(p.part(), p.value(), p.points()))
                        .toList();
        return new Ranking.Entry(
                rank.rank(),
                rank.tied(),
                row.publisherId(),
                row.name(),
                row.region(),
                row.entityType(),
                row.score(),
                values);
    }

    private Ranking.EntityScore toEntityScore(
            Ranking r, RecognitionRankingRepository.RankedRow row) {
        return new Ranking.EntityScore(
                r,
                row.publisherId(),
                row.name(),
                row.region(),
                row.entityType(),
                row.score(),
                row.national(),
                row.regionRank(),
                row.typeRank(),
                row.officialsTrained(),
                parts(row));
    }

    private List<Ranking.Part> parts(RecognitionRankingRepository.RankedRow row) {
        return json.readValue(row.partsJson(), PARTS);
    }

    private static Ranking.Scope scope(Query q) {
        return q.scope() == null ? Ranking.Scope.NATIONAL : q.scope();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static MinkaException finalRanking() {
        return new MinkaException(ProblemType.RANKING_FINAL);
    }
}
