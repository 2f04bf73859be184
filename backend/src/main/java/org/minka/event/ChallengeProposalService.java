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
import org.minka.common.Checks;
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
class ChallengeProposalService {

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
    Mono<ChallengeProposal> propose(
            UUID eventId, ChallengeProposal.Propose request, CurrentUser user) {
        List<UUID> datasetIds = request.datasetIds().stream().distinct().toList();
        return access.visibleEvent(eventId, user)
                .then(publisher(request.publisherId()))
                .flatMap(publisher -> requireMember(publisher, user).thenReturn(publisher))
                .flatMap(publisher -> datasetsOf(publisher, datasetIds))
                .then(Mono.defer(() -> insert(eventId, request, datasetIds, user)))
                .flatMap(created -> auditProposed(created, user));
    }

    private Mono<Publisher> publisher(UUID publisherId) {
        return catalog.publisher(publisherId)
                .switchIfEmpty(
                        Mono.error(
                                () ->
                                        new MinkaException(
                                                ProblemType.UNKNOWN_PUBLISHER,
                                                publisherId.toString())));
    }

    private Mono<Void> requireMember(Publisher publisher, CurrentUser user) {
        Mono<Boolean> member =
                user.admin() ? Mono.just(true) : catalog.isMember(publisher.id(), user.id());
        return Checks.require(member, MinkaException::forbidden);
    }

    private Mono<ChallengeProposal> insert(
            UUID eventId,
            ChallengeProposal.Propose request,
            List<UUID> datasetIds,
            CurrentUser user) {
        return proposals.insert(
                eventId,
                request.publisherId(),
                request.title().strip(),
                Objects.requireNonNullElse(request.statement(), ""),
                themes(request.themes()),
                datasetIds,
                user.id());
    }

    private Mono<ChallengeProposal> auditProposed(ChallengeProposal created, CurrentUser user) {
        Map<String, String> details =
                Map.of(
                        "proposalId", created.id().toString(),
                        "publisherId", created.publisherId().toString());
        return audit.record(created.eventId(), user.id(), "challenge.proposed", details)
                .thenReturn(created);
    }

    /** Proposals for the event, oldest first, optionally of one status (organizers). */
    Mono<CursorPage<ChallengeProposal>> list(
            UUID eventId, ChallengeProposal.Status status, PageRequest page, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .thenMany(proposals.findPage(eventId, status, page))
                .collectList()
                .map(rows -> pageOf(rows, page));
    }

    private static CursorPage<ChallengeProposal> pageOf(
            List<ChallengeProposal> rows, PageRequest page) {
        return CursorPage.of(
                rows, page, ChallengeProposal::createdAt, ChallengeProposal::id, p -> p);
    }

    /** One proposal, for the event's organizers and the publisher's members; 404 for others. */
    Mono<ChallengeProposal> get(UUID eventId, UUID proposalId, CurrentUser user) {
        return access.visibleEvent(eventId, user)
                .then(proposals.find(eventId, proposalId))
                .filterWhen(p -> organizerOrMember(p, user))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("challenge proposal")));
    }

    private Mono<Boolean> organizerOrMember(ChallengeProposal p, CurrentUser user) {
        return access.isOrganizer(p.eventId(), user)
                .flatMap(o -> o ? Mono.just(true) : catalog.isMember(p.publisherId(), user.id()));
    }

    /**
     * Accepts a pending proposal (organizers): creates the challenge with the publisher as the
     * proposing entity and one entry per dataset, linked to it.
     */
    @Transactional
    Mono<ChallengeProposal> accept(UUID eventId, UUID proposalId, CurrentUser user) {
        return pending(eventId, proposalId, user)
                .flatMap(p -> decide(p, ChallengeProposal.Status.ACCEPTED, null, user))
                .flatMap(p -> createChallenge(p, user))
                .flatMap(accepted -> auditAccepted(accepted, user));
    }

    private Mono<ChallengeProposal> decide(
            ChallengeProposal p, ChallengeProposal.Status status, String why, CurrentUser user) {
        return proposals
                .decide(p.id(), status, why, user.id())
                .switchIfEmpty(Mono.error(() -> decided(p)));
    }

    /** The challenge of an accepted proposal, linked back to it. */
    private Mono<ChallengeProposal> createChallenge(ChallengeProposal p, CurrentUser user) {
        Mono<String> entity =
                catalog.publisher(p.publisherId()).map(Publisher::name).defaultIfEmpty("");
        return entity.zipWhen(e -> catalog.datasets(p.datasetIds()).collectList())
                .flatMap(t -> insertChallenge(p, t.getT1(), t.getT2(), user))
                .flatMap(challenge -> proposals.setChallenge(p.id(), challenge.id()));
    }

    private Mono<Challenge> insertChallenge(
            ChallengeProposal p,
            String entity,
            List<CatalogLookup.LinkedDataset> found,
            CurrentUser user) {
        return challenges.insert(
                p.eventId(),
                p.title(),
                p.statement(),
                p.themes(),
                entity,
                entries(p, found),
                user,
                Map.of("proposalId", p.id().toString()));
    }

    private Mono<ChallengeProposal> auditAccepted(ChallengeProposal accepted, CurrentUser user) {
        Map<String, String> details =
                Map.of(
                        "proposalId", accepted.id().toString(),
                        "challengeId", accepted.challengeId().toString());
        return audit.record(accepted.eventId(), user.id(), "challenge.proposal.accepted", details)
                .thenReturn(accepted);
    }

    /** Declines a pending proposal (organizers), with an optional reason. */
    @Transactional
    Mono<ChallengeProposal> decline(
            UUID eventId, UUID proposalId, String reason, CurrentUser user) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return pending(eventId, proposalId, user)
                .flatMap(p -> decide(p, ChallengeProposal.Status.DECLINED, why, user))
                .flatMap(declined -> auditDeclined(declined, user));
    }

    private Mono<ChallengeProposal> auditDeclined(ChallengeProposal declined, CurrentUser user) {
        Map<String, String> details = Map.of("proposalId", declined.id().toString());
        return audit.record(declined.eventId(), user.id(), "challenge.proposal.declined", details)
                .thenReturn(declined);
    }

    private Mono<ChallengeProposal> pending(UUID eventId, UUID proposalId, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(proposals.find(eventId, proposalId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("challenge proposal")))
                .flatMap(this::stillPending);
    }

    private Mono<ChallengeProposal> stillPending(ChallengeProposal p) {
        return p.status() == ChallengeProposal.Status.PENDING
                ? Mono.just(p)
                : Mono.error(decided(p));
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
                .flatMap(mine -> requireAllMine(publisher, ids, mine));
    }

    private static Mono<Void> requireAllMine(Publisher publisher, List<UUID> ids, List<UUID> mine) {
        List<String> others =
                ids.stream().filter(id -> !mine.contains(id)).map(UUID::toString).toList();
        return Checks.require(
                others.isEmpty(),
                () ->
                        new MinkaException(
                                ProblemType.DATASET_NOT_OF_PUBLISHER,
                                String.join(", ", others),
                                publisher.name()));
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
