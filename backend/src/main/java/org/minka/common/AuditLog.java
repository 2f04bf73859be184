package org.minka.common;

import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The append-only audit log (a database trigger refuses updates and deletes). */
@Service
public class AuditLog {

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditLog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Appends an entry (eventId null for actions outside any event); join it to the caller's
     * transaction so both land or neither.
     */
    public Mono<Void> record(UUID eventId, UUID actorId, String action, Map<String, ?> details) {
        return Mono.deferContextual(
                ctx ->
                        db.sql(
                                        "insert into audit_log (event_id, actor_id, action, details, request_id)"
                                                + " values (:event, :actor, :action, cast(:details as jsonb), :rid)")
                                .bind(
                                        "event",
                                        org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                                eventId, UUID.class))
                                .bind("actor", actorId)
                                .bind("action", action)
                                .bind("details", json.writeValueAsString(details))
                                .bind("rid", ctx.getOrDefault(RequestIds.CONTEXT_KEY, ""))
                                .then());
    }
}
