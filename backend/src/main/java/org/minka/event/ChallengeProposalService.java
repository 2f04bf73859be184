package org.minka.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.catalog.Publisher;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Challenges proposed by publishers' members: they propose one for an event on their publisher's
 * linked datasets; the event's organizers list them and accept (creating the challenge, its entries
 * linked to those datasets) or decline them.
 */
@Service
public class ChallengeProposalService {

    private final ChallengeProposalRepository proposals;
    private final ChallengeService challenges;
    private final EventAccess access;
    private final CatalogLookup catalog;
    private final AuditLog audit;

    ChallengeProposalService(
            ChallengeProposalRepository proposals,
            ChallengeService challenges,
            EventAccess access,
            CatalogLookup catalog,
            AuditLog audit) {
        this.proposals = proposals;
        this.challenges = challenges;
        this.access = access;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * Proposes a challenge for an event the user can see, as a member of the publisher (or an
     * admin), on datasets linked to that publisher.
     */
    @Transactional
    public Mono<ChallengeProposal> propose(
            UUID eventId, ChallengeProposal.Propose request, CurrentUser user) {
        List<UUID> datasetIds = request.datasetIds().stream().distinct().toList();
        return access.visibleEvent(eventId, user)
                .then(catalog.publisher(request.publisherId()))
                .switchIfEmpty(
                        Mono.error(
                                new MinkaException(
                                        ProblemType.UNKNOWN_PUBLISHER,
                                        request.publisherId().toString())))
                .flatMap(
                        publisher ->
                                (user.admin()
                                                ? Mono.just(true)
                                                : catalog.isMember(publisher.id(), user.id()))
                                        .flatMap(
                                                member ->
                                                        member
                                                                ? datasetsOf(publisher, datasetIds)
                                                                : Mono.error(
                                                                        MinkaException
                                                                                .forbidden())))
                .then(
                        Mono.defer(
                                () ->
                                        proposals.insert(
                                                eventId,
                                                request.publisherId(),
                                                request.title().strip(),
                                                Objects.requireNonNullElse(request.statement(), ""),
                                                themes(request.themes()),
                                                datasetIds,
                                                user.id())))
                .flatMap(
                        created ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "challenge.proposed",
                                                Map.of(
                                                        "proposalId",
                                                        created.id().toString(),
                                                        "publisherId",
                                                        created.publisherId().toString()))
                                        .thenReturn(created));
    }

    /** Proposals for the event, oldest first, optionally of one status (organizers). */
    public Mono<CursorPage<ChallengeProposal>> list(
            UUID eventId, ChallengeProposal.Status status, PageRequest page, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .thenMany(proposals.findPage(eventId, status, page))
                .collectList()
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        ChallengeProposal::createdAt,
                                        ChallengeProposal::id,
                                        p -> p));
    }

    /** One proposal, for the event's organizers and the publisher's members; 404 for others. */
    public Mono<ChallengeProposal> get(UUID eventId, UUID proposalId, CurrentUser user) {
        return access.visibleEvent(eventId, user)
                .then(proposals.find(eventId, proposalId))
                .filterWhen(
                        p ->
                                access.isOrganizer(eventId, user)
                                        .flatMap(
                                                organizer ->
                                                        organizer
                                                                ? Mono.just(true)
                                                                : catalog.isMember(
                                                                        p.publisherId(),
                                                                        user.id())))
                .switchIfEmpty(Mono.error(MinkaException.notFound("challenge proposal")));
    }

    /**
     * Accepts a pending proposal (organizers): creates the challenge with the publisher as the
     * proposing entity and one entry per dataset, linked to it.
     */
    @Transactional
    public Mono<ChallengeProposal> accept(UUID eventId, UUID proposalId, CurrentUser user) {
        return pending(eventId, proposalId, user)
                .flatMap(
                        p ->
                                proposals
                                        .decide(
                                                p.id(),
                                                ChallengeProposal.Status.ACCEPTED,
                                                null,
                                                user.id())
                                        .switchIfEmpty(Mono.error(decided(p)))
                                        .then(
                                                catalog.publisher(p.publisherId())
                                                        .map(Publisher::name)
                                                        .defaultIfEmpty(""))
                                        .flatMap(
                                                entity ->
                                                        catalog.datasets(p.datasetIds())
                                                                .collectList()
                                                                .flatMap(
                                                                        found ->
                                                                                challenges.insert(
                                                                                        eventId,
                                                                                        p.title(),
                                                                                        p
                                                                                                .statement(),
                                                                                        p.themes(),
                                                                                        entity,
                                                                                        entries(
                                                                                                p,
                                                                                                found),
                                                                                        user,
                                                                                        Map.of(
                                                                                                "proposalId",
                                                                                                p.id().toString()))))
                                        .flatMap(
                                                challenge ->
                                                        proposals.setChallenge(
                                                                p.id(), challenge.id())))
                .flatMap(
                        accepted ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "challenge.proposal.accepted",
                                                Map.of(
                                                        "proposalId",
                                                        proposalId.toString(),
                                                        "challengeId",
                                                        accepted.challengeId().toString()))
                                        .thenReturn(accepted));
    }

    /** Declines a pending proposal (organizers), with an optional reason. */
    @Transactional
    public Mono<ChallengeProposal> decline(
            UUID eventId, UUID proposalId, String reason, CurrentUser user) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return pending(eventId, proposalId, user)
                .flatMap(
                        p ->
                                proposals
                                        .decide(
                                                p.id(),
                                                ChallengeProposal.Status.DECLINED,
                                                why,
                                                user.id())
                                        .switchIfEmpty(Mono.error(decided(p))))
                .flatMap(
                        declined ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "challenge.proposal.declined",
                                                Map.of("proposalId", proposalId.toString()))
                                        .thenReturn(declined));
    }

    private Mono<ChallengeProposal> pending(UUID eventId, UUID proposalId, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(proposals.find(eventId, proposalId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("challenge proposal")))
                .flatMap(
                        p ->
                                p.status() == ChallengeProposal.Status.PENDING
                                        ? Mono.just(p)
                                        : Mono.error(decided(p)));
    }

    private static MinkaException decided(ChallengeProposal p) {
        return new MinkaException(ProblemType.NO_LONGER_PENDING, p.status().name());
    }

    /** Fails unless every id is a dataset linked to the publisher. */
    private Mono<Void> datasetsOf(Publisher publisher, List<UUID> ids) {
        return catalog.datasets(ids)
                .filter(d -> publisher.id().equals(d.publisherId()))
                .map(CatalogLookup.LinkedDataset::id)
                .collectList()
                .flatMap(
                        mine -> {
                            List<String> others =
                                    ids.stream()
                                            .filter(id -> !mine.contains(id))
                                            .map(UUID::toString)
                                            .toList();
                            return others.isEmpty()
                                    ? Mono.<Void>empty()
                                    : Mono.error(
                                            new MinkaException(
                                                    ProblemType.DATASET_NOT_OF_PUBLISHER,
                                                    String.join(", ", others),
                                                    publisher.name()));
                        });
    }

    /** One entry per dataset, in the proposal's order, linked to it. */
    private static List<Challenge.DatasetRef> entries(
            ChallengeProposal p, List<CatalogLookup.LinkedDataset> found) {
        Map<UUID, CatalogLookup.LinkedDataset> byId =
                found.stream()
                        .collect(
                                Collectors.toMap(
                                        CatalogLookup.LinkedDataset::id, Function.identity()));
        List<Challenge.DatasetRef> entries = new ArrayList<>();
        for (UUID id : p.datasetIds()) {
            CatalogLookup.LinkedDataset d = byId.get(id);
            if (d == null) {
                continue;
            }
            String title = d.title().length() > 300 ? d.title().substring(0, 300) : d.title();
            String portalId =
                    d.portalDatasetId() != null && d.portalDatasetId().length() <= 200
                            ? d.portalDatasetId()
                            : null;
            entries.add(new Challenge.DatasetRef(title, d.landingUrl(), portalId, d.id()));
        }
        return entries;
    }

    private static List<String> themes(List<String> themes) {
        return themes == null ? List.of() : themes.stream().map(String::strip).distinct().toList();
    }
}
