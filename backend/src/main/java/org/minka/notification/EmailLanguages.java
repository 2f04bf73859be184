package org.minka.notification;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The language users chose for their notifications, for modules that write to them. */
@Component
public class EmailLanguages {

    private final DatabaseClient db;

    EmailLanguages(DatabaseClient db) {
        this.db = db;
    }

    /** Of these users, those who chose a language ({@code es} or {@code en}), by user id. */
    public Mono<Map<UUID, String>> of(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "select user_id, language from notification_email_settings"
                                + " where user_id = any(:ids)")
                .bind("ids", userIds.stream().distinct().toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                Map.entry(
                                        row.get("user_id", UUID.class),
                                        row.get("language", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
