package org.minka.catalog;

import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what in the catalog: admins everything; event organizers grant members and link; a
 * publisher's members link to it and read its members.
 */
@Component
class CatalogPermissions {

    private final PublisherRepository publishers;
    private final ChallengeDatasetPort events;

    CatalogPermissions(PublisherRepository publishers, ChallengeDatasetPort events) {
        this.publishers = publishers;
        this.events = events;
    }

    static Mono<Void> requireAdmin(CurrentUser user) {
        return Checks.require(user != null && user.admin(), MinkaException::forbidden);
    }

    /** Admins and event organizers. */
    Mono<Void> requireGranter(CurrentUser user) {
        return Checks.require(adminOrOrganizer(user), MinkaException::forbidden);
    }

    /** Fails with 404 unless the publisher exists. */
    Mono<Void> existingPublisher(UUID publisherId) {
        return publishers
                .findPublisher(publisherId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("publisher")))
                .then();
    }

    /** Admins, event organizers and the publisher's members read its members. */
    Mono<Void> requireMemberReader(UUID publisherId, CurrentUser user) {
        if (user == null) {
            return Mono.error(new MinkaException(ProblemType.UNAUTHORIZED));
        }
        Mono<Boolean> allowed =
                adminOrOrganizer(user)
                        .filter(Boolean::booleanValue)
                        .switchIfEmpty(publishers.isMember(publisherId, user.id()));
        return existingPublisher(publisherId)
                .then(Checks.require(allowed, MinkaException::forbidden));
    }

    /**
     * Admins and event organizers link to any (known) publisher; others only to a publisher they
     * are a member of.
     */
    Mono<Void> requireLinker(CurrentUser user, UUID publisherId) {
        Mono<Void> known = knownPublisher(publisherId);
        return adminOrOrganizer(user)
                .flatMap(ok -> ok ? known : memberLink(user, publisherId, known));
    }

    private Mono<Void> memberLink(CurrentUser user, UUID publisherId, Mono<Void> known) {
        if (publisherId == null) {
            return Mono.error(MinkaException.forbidden());
        }
        Mono<Boolean> member = publishers.isMember(publisherId, user.id());
        return known.then(Checks.require(member, MinkaException::forbidden));
    }

    private Mono<Void> knownPublisher(UUID publisherId) {
        if (publisherId == null) {
            return Mono.empty();
        }
        return publishers
                .findPublisher(publisherId)
                .switchIfEmpty(Mono.error(unknownPublisher(publisherId)))
                .then();
    }

    private static MinkaException unknownPublisher(UUID publisherId) {
        return new MinkaException(ProblemType.UNKNOWN_PUBLISHER, publisherId.toString());
    }

    private Mono<Boolean> adminOrOrganizer(CurrentUser user) {
        return user.admin() ? Mono.just(true) : events.organizesAnyEvent(user.id());
    }
}
