package org.minka.recognition;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.catalog.Publisher;
import org.minka.certificate.CertificateRevokerPort;
import org.minka.certificate.Certificates;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Certificates of an entity's recognition (kind {@code recognition}, subject the campaign,
 * recipient the official): once the campaign has closed and its final ranking is computed, a member
 * of a publisher ranked in the campaign's top N (nationally, in its region or among its entity
 * type; ties at N included; a score above 0) gets a personal certificate, issued on demand and
 * once. Only admins revoke them.
 */
@Component
class RecognitionCertificates implements CertificateRevokerPort {

    static final String KIND = "recognition";

    private final CampaignService campaigns;
    private final RecognitionRankingRepository rankings;
    private final CatalogLookup catalog;
    private final Certificates certificates;
    private final Clock clock;

    RecognitionCertificates(
            CampaignService campaigns,
            RecognitionRankingRepository rankings,
            CatalogLookup catalog,
            Certificates certificates,
            Clock clock) {
        this.campaigns = campaigns;
        this.rankings = rankings;
        this.catalog = catalog;
        this.certificates = certificates;
        this.clock = clock;
    }

    /** The certificate, and whether this call issued it (else it was issued before). */
    record Outcome(RecognitionCertificate certificate, boolean created) {}

    /** Why an entity is recognised: the scope and rank that put it in the top N. */
    record Recognition(RecognitionRankingRepository.RankedRow entry, Ranking.Scope scope) {

        Ranking.Rank rank() {
            return switch (scope) {
                case NATIONAL -> entry.national();
                case REGION -> entry.regionRank();
                case ENTITY_TYPE -> entry.typeRank();
            };
        }
    }

    private record Final(CampaignRepository.Row campaign, Ranking ranking) {}

    private record Found(Final fin, Recognition recognition) {}

    /** Every entry of a ranking, in one page: a ranking holds one entry per publisher in scope. */
    private static final int ALL = Integer.MAX_VALUE - 1;

    /**
     * The caller's certificate for the campaign, issued now or before: 404 unknown campaign, 409
     * before the final ranking, 403 for a member of no ranked entity, 422 when none of theirs is
     * recognised.
     */
    Mono<Outcome> issue(UUID campaignId, String language, CurrentUser user) {
        if (user == null) {
            return Mono.error(new MinkaException(ProblemType.UNAUTHORIZED));
        }
        return campaigns
                .existing(campaignId, user)
                .flatMap(this::finalRanking)
                .flatMap(f -> recognised(f, user).map(r -> new Found(f, r)))
                .flatMap(found -> issued(found, language, user));
    }

    private Mono<Final> finalRanking(CampaignRepository.Row campaign) {
        boolean closed = !clock.instant().isBefore(campaign.closesAt());
        return rankings.current(campaign.id(), null)
                .filter(r -> closed && r.closing())
                .map(r -> new Final(campaign, r))
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.RANKING_NOT_FINAL)));
    }

    private Mono<Recognition> recognised(Final f, CurrentUser user) {
        return rankings.leaderboard(f.ranking().id(), null, null, 0, ALL)
                .collectList()
                .flatMap(entries -> mine(entries, user))
                .flatMap(mine -> best(mine, f.campaign().recognisedTop()));
    }

    private Mono<List<RecognitionRankingRepository.RankedRow>> mine(
            List<RecognitionRankingRepository.RankedRow> entries, CurrentUser user) {
        Set<UUID> ids =
                entries.stream()
                        .map(RecognitionRankingRepository.RankedRow::publisherId)
                        .collect(Collectors.toSet());
        return catalog.publisherMembers(ids)
                .filter(m -> m.userId().equals(user.id()))
                .map(CatalogLookup.PublisherMember::publisherId)
                .collect(Collectors.toSet())
                .map(own -> entries.stream().filter(e -> own.contains(e.publisherId())).toList())
                .filter(own -> !own.isEmpty())
                .switchIfEmpty(Mono.error(MinkaException::forbidden));
    }

    private static Mono<Recognition> best(
            List<RecognitionRankingRepository.RankedRow> mine, int top) {
        return Mono.justOrEmpty(
                        mine.stream()
                                .map(e -> recognition(e, top))
                                .flatMap(Optional::stream)
                                .min(ORDER))
                .switchIfEmpty(
                        Mono.error(
                                () -> new MinkaException(ProblemType.ENTITY_NOT_RECOGNISED, top)));
    }

    private static final Comparator<Recognition> ORDER =
            Comparator.<Recognition>comparingInt(r -> r.scope().ordinal())
                    .thenComparingInt(r -> r.rank().rank())
                    .thenComparing(r -> r.entry().publisherId());

    /**
     * Whether the entry is recognised with the top {@code top}: nationally first, then in its
     * region, then among its entity type; never with a score of 0.
     */
    static Optional<Recognition> recognition(RecognitionRankingRepository.RankedRow e, int top) {
        if (e.score() <= 0) {
            return Optional.empty();
        }
        if (e.national().rank() <= top) {
            return Optional.of(new Recognition(e, Ranking.Scope.NATIONAL));
        }
        if (e.regionRank() != null && e.regionRank().rank() <= top) {
            return Optional.of(new Recognition(e, Ranking.Scope.REGION));
        }
        if (e.typeRank().rank() <= top) {
            return Optional.of(new Recognition(e, Ranking.Scope.ENTITY_TYPE));
        }
        return Optional.empty();
    }

    private Mono<Outcome> issued(Found found, String language, CurrentUser user) {
        UUID campaign = found.fin().campaign().id();
        return certificates
                .find(KIND, campaign, user.id())
                .map(c -> new Outcome(view(found, c), false))
                .switchIfEmpty(Mono.defer(() -> fresh(found, language, user)));
    }

    private Mono<Outcome> fresh(Found found, String language, CurrentUser user) {
        return certificates
                .issue(text(found, language, user))
                .map(c -> new Outcome(view(found, c), true));
    }

    private static RecognitionCertificate view(Found found, Certificates.Issued c) {
        RecognitionRankingRepository.RankedRow e = found.recognition().entry();
        Ranking.Rank rank = found.recognition().rank();
        return new RecognitionCertificate(
                c.code(),
                c.verifyUrl(),
                "/api/v1/certificates/" + c.code() + "/pdf",
                found.fin().campaign().id(),
                found.fin().ranking().id(),
                e.publisherId(),
                e.name(),
                found.recognition().scope(),
                found.recognition().scope() == Ranking.Scope.REGION ? e.region() : null,
                e.entityType(),
                rank.rank(),
                rank.tied(),
                c.issuedAt(),
                c.revoked());
    }

    /** What the certificate says, in Spanish or English. */
    static Certificates.Issue text(Found found, String language, CurrentUser user) {
        boolean es = "es".equals(language);
        Recognition r = found.recognition();
        String name = user.name();
        String who =
                name == null || name.isBlank()
                        ? (es ? "Funcionario/a público/a" : "Public official")
                        : name;
        String tie = r.rank().tied() ? (es ? " (empate)" : " (tied)") : "";
        String achievement =
                es
                        ? "integra \u201c"
                                + r.entry().name()
                                + "\u201d, entidad reconocida con el puesto "
                                + r.rank().rank()
                                + tie
                                + " "
                                + whereEs(r)
                        : "is a member of \u201c"
                                + r.entry().name()
                                + "\u201d, an entity recognised with rank "
                                + r.rank().rank()
                                + tie
                                + " "
                                + whereEn(r);
        return new Certificates.Issue(
                KIND,
                found.fin().campaign().id(),
                user.id(),
                who,
                achievement,
                found.fin().campaign().name(),
                language);
    }

    private static String whereEs(Recognition r) {
        return switch (r.scope()) {
            case NATIONAL -> "a nivel nacional";
            case REGION -> "en la región " + r.entry().region();
            case ENTITY_TYPE -> "entre " + TYPES_ES.get(r.entry().entityType());
        };
    }

    private static String whereEn(Recognition r) {
        return switch (r.scope()) {
            case NATIONAL -> "nationally";
            case REGION -> "in the region " + r.entry().region();
            case ENTITY_TYPE -> "among " + TYPES_EN.get(r.entry().entityType());
        };
    }

    private static final java.util.Map<Publisher.Type, String> TYPES_ES =
            java.util.Map.of(
                    Publisher.Type.MINISTRY, "los ministerios",
                    Publisher.Type.REGIONAL_GOVERNMENT, "los gobiernos regionales",
                    Publisher.Type.MUNICIPALITY, "las municipalidades",
                    Publisher.Type.AUTONOMOUS_BODY, "los organismos autónomos",
                    Publisher.Type.OTHER, "las demás entidades");

    private static final java.util.Map<Publisher.Type, String> TYPES_EN =
            java.util.Map.of(
                    Publisher.Type.MINISTRY, "ministries",
                    Publisher.Type.REGIONAL_GOVERNMENT, "regional governments",
                    Publisher.Type.MUNICIPALITY, "municipalities",
                    Publisher.Type.AUTONOMOUS_BODY, "autonomous bodies",
                    Publisher.Type.OTHER, "other entities");

    @Override
    public boolean handles(String kind) {
        return KIND.equals(kind);
    }

    /** Only admins revoke recognition certificates (the revocation checks admins itself). */
    @Override
    public Mono<Boolean> mayRevoke(String kind, UUID subjectId, CurrentUser user) {
        return Mono.just(false);
    }
}
