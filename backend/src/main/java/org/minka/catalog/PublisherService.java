package org.minka.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Publishers and their members: who may publish datasets under a public entity's name. */
@Service
class PublisherService {

    private final PublisherRepository repo;
    private final CatalogPermissions permissions;
    private final UserDirectory users;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    PublisherService(
            PublisherRepository repo,
            CatalogPermissions permissions,
            UserDirectory users,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.repo = repo;
        this.permissions = permissions;
        this.users = users;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Creates a publisher (admins). */
    Mono<Publisher> createPublisher(Publisher.Create request, CurrentUser user) {
        return CatalogPermissions.requireAdmin(user)
                .then(repo.insertPublisher(request, user.id()))
                .onErrorMap(DuplicateKeyException.class, e -> publisherExists());
    }

    /** Publishers, oldest first. */
    Mono<CursorPage<Publisher>> listPublishers(PageRequest page) {
        return repo.listPublishers(page)
                .collectList()
                .map(
                        rows ->
                                CursorPage.of(
                                        rows, page, Publisher::createdAt, Publisher::id, p -> p));
    }

    /** A publisher with its datasets' count, average score and score distribution. */
    Mono<Publisher.View> publisher(UUID id) {
        return repo.findPublisher(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                .flatMap(this::withStats);
    }

    /** Makes a user a member of the publisher (admins and event organizers); idempotent. */
    Mono<Void> grantMember(UUID publisherId, UUID userId, CurrentUser user) {
        return permissions
                .requireGranter(user)
                .then(permissions.existingPublisher(publisherId))
                .then(Checks.require(userExists(userId), () -> unknownUser(userId)))
                .then(repo.addMember(publisherId, userId, user.id()))
                .filter(added -> added > 0)
                .flatMap(added -> audited("granted", publisherId, userId, user))
                .as(tx::transactional);
    }

    /** Removes a member (admins and event organizers). */
    Mono<Void> revokeMember(UUID publisherId, UUID userId, CurrentUser user) {
        Mono<Long> removed = repo.removeMember(publisherId, userId);
        return permissions
                .requireGranter(user)
                .then(permissions.existingPublisher(publisherId))
                .then(Checks.updatedOrFail(removed, () -> MinkaException.notFound("member")))
                .then(audited("revoked", publisherId, userId, user))
                .as(tx::transactional);
    }

    /**
     * The publisher's members, oldest grant first: for admins, event organizers and the publisher's
     * own members.
     */
    Mono<List<Publisher.Member>> members(UUID publisherId, CurrentUser user) {
        return permissions
                .requireMemberReader(publisherId, user)
                .thenMany(repo.members(publisherId))
                .concatMap(this::named)
                .collectList();
    }

    /** Sets the publisher's entity type and region, for the recognition rankings (admins). */
    Mono<Publisher> classify(UUID id, Publisher.Classification request, CurrentUser user) {
        Map<String, String> details =
                Map.of("publisherId", id.toString(), "type", request.type().name());
        return CatalogPermissions.requireAdmin(user)
                .then(repo.classify(id, request))
                .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                .flatMap(
                        p ->
                                audit.record(null, user.id(), "publisher.classified", details)
                                        .thenReturn(p))
                .as(tx::transactional);
    }

    private Mono<Publisher.View> withStats(Publisher p) {
        return repo.publisherStats(p.id()).map(stats -> new Publisher.View(p, stats));
    }

    private Mono<Publisher.Member> named(PublisherRepository.MemberRow m) {
        return users.findById(m.userId())
                .map(u -> new Publisher.Member(m.userId(), u.name(), m.grantedBy(), m.createdAt()));
    }

    private Mono<Boolean> userExists(UUID userId) {
        return users.findById(userId).hasElement();
    }

    private Mono<Void> audited(String what, UUID publisherId, UUID userId, CurrentUser user) {
        Map<String, String> details =
                Map.of("publisherId", publisherId.toString(), "userId", userId.toString());
        return audit.record(null, user.id(), "publisher.member." + what, details);
    }

    private static MinkaException unknownUser(UUID userId) {
        return new MinkaException(ProblemType.UNKNOWN_USER, userId.toString());
    }

    private static MinkaException publisherExists() {
        return new MinkaException(ProblemType.PUBLISHER_EXISTS);
    }
}
