package org.minka.common;

import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log (a database trigger refuses updates and deletes), and its read for an
 * event's organizers: newest first, a page at a time, by kind and time range.
 */
@Service
public class AuditLog {

    /** The kinds of entry: the first word of an action ({@code membership.granted}). */
    public static final List<String> KINDS =
            List.of(
                    "event",
                    "challenge",
                    "membership",
                    "registration",
                    "team",
                    "submission",
                    "help",
                    "comment",
                    "publisher",
                    "judging",
                    "voting",
                    "results",
                    "certificate");

    private static final String CURSOR_PREFIX = "audit.";

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditLog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** One entry of an event's audit log. */
    @Schema(name = "AuditEntry")
    public record Entry(
            @Schema(example = "1042") long id,
            @Schema(example = "membership.granted") String action,
            @Schema(nullable = true, description = "Who did it") UUID actorId,
            @Schema(example = "{\"membershipId\":\"5f0c…\",\"role\":\"MENTOR\"}")
                    Map<String, Object> details,
            @Schema(nullable = true, description = "The X-Request-Id of the request that did it")
                    String requestId,
            Instant at) {}

    /**
     * What to read of an event's log: one kind (all when null), entries at or after {@code from}
     * and before {@code to} (open when null), after the page's cursor.
     */
    public record Query(
            UUID eventId, String kind, Instant from, Instant to, String cursor, Integer limit) {}

    /**
     * A page of an event's entries, newest first. Fails with a validation problem on an unknown
     * kind, a range that ends before it starts, or a bad limit, and with {@code invalid-cursor} on
     * a cursor that this log did not give.
     */
    public Mono<CursorPage<Entry>> page(Query query) {
        return Mono.fromCallable(() -> checked(query)).flatMap(this::read);
    }

    private record Checked(Query query, Long before, int limit) {}

    private static Checked checked(Query query) {
        if (query.kind() != null && !KINDS.contains(query.kind())) {
            throw MinkaException.invalid("kind", "must be one of " + String.join(", ", KINDS));
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw MinkaException.invalid("to", "must be after from");
        }
        int limit = PageRequest.of(null, query.limit()).limit();
        return new Checked(query, before(query.cursor()), limit);
    }

    private Mono<CursorPage<Entry>> read(Checked checked) {
        Query q = checked.query();
        return db.sql(PAGE)
                .bind("event", q.eventId())
                .bind("kind", Parameter.fromOrEmpty(q.kind(), String.class))
                .bind("from", Parameter.fromOrEmpty(q.from(), Instant.class))
                .bind("to", Parameter.fromOrEmpty(q.to(), Instant.class))
                .bind("before", Parameter.fromOrEmpty(checked.before(), Long.class))
                .bind("limit", checked.limit() + 1)
                .map((row, meta) -> toEntry(row))
                .all()
                .collectList()
                .map(rows -> pageOf(rows, checked.limit()));
    }

    private static final String PAGE =
            "select id, actor_id, action, details::text as details, request_id, at"
                    + " from audit_log where event_id = :event"
                    + " and (cast(:kind as text) is null or action like cast(:kind as text) || '.%')"
                    + " and (cast(:from as timestamptz) is null or at >= cast(:from as timestamptz))"
                    + " and (cast(:to as timestamptz) is null or at < cast(:to as timestamptz))"
                    + " and (cast(:before as bigint) is null or id < cast(:before as bigint))"
                    + " order by id desc limit :limit";

    private Entry toEntry(Readable row) {
        String details = row.get("details", String.class);
        return new Entry(
                row.get("id", Long.class),
                row.get("action", String.class),
                row.get("actor_id", UUID.class),
                json.readValue(details, new TypeReference<Map<String, Object>>() {}),
                row.get("request_id", String.class),
                row.get("at", Instant.class));
    }

    private static CursorPage<Entry> pageOf(List<Entry> rows, int limit) {
        boolean more = rows.size() > limit;
        List<Entry> page = more ? rows.subList(0, limit) : rows;
        String next = more ? cursor(page.get(page.size() - 1).id()) : null;
        return new CursorPage<>(page, next);
    }

    private static String cursor(long id) {
        byte[] raw = (CURSOR_PREFIX + id).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static Long before(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            String text = new String(raw, StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new MinkaException(ProblemType.INVALID_CURSOR);
            }
            return Long.parseLong(text.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException ex) {
            throw new MinkaException(ProblemType.INVALID_CURSOR);
        }
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
                                .bind("event", Parameter.fromOrEmpty(eventId, UUID.class))
                                .bind("actor", Parameter.fromOrEmpty(actorId, UUID.class))
                                .bind("action", action)
                                .bind("details", json.writeValueAsString(details))
                                .bind("rid", ctx.getOrDefault(RequestIds.CONTEXT_KEY, ""))
                                .then());
    }
}
