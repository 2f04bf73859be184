package org.minka.notification;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Raises notifications. Call it inside the transaction of the change it reports: the row and its
 * NOTIFY are committed, or rolled back, with that change.
 */
@Service
public class Notifier {

    private final NotificationRepository notifications;

    Notifier(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /** Notifies one user. */
    public Mono<Void> notify(UUID userId, UUID eventId, String kind, Map<String, ?> data) {
        return notifyAll(List.of(userId), eventId, kind, data);
    }

    /** Notifies each of these users once, in one statement. */
    public Mono<Void> notifyAll(
            Collection<UUID> userIds, UUID eventId, String kind, Map<String, ?> data) {
        if (userIds.isEmpty()) {
            return Mono.empty();
        }
        return notifications.insert(List.copyOf(userIds), eventId, kind, data).then();
    }
}
