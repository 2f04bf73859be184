package org.minka.event;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The allow-list of a PRIVATE event: organizers list, add and remove entries (emails or email
 * domains), and every change is audited. The rule that reads it is {@link EventAccess}'s.
 */
@Service
class AllowListService {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");
    private static final Pattern LOCAL = Pattern.compile("[^@\\s]+");
    private static final int MAX_LENGTH = 254;

    private final AllowListRepository entries;
    private final EventAccess access;
    private final AuditLog audit;

    AllowListService(AllowListRepository entries, EventAccess access, AuditLog audit) {
        this.entries = entries;
        this.access = access;
        this.audit = audit;
    }

    /** The event's allow-list, for its organizers. */
    Flux<AllowListEntry> list(UUID eventId, CurrentUser user) {
        return access.organizedEvent(eventId, user).thenMany(entries.list(eventId));
    }

    /**
     * Adds entries (all valid, or none stored); entries already present are left as they are, so a
     * retry changes nothing. Returns the whole allow-list.
     */
    @Transactional
    Flux<AllowListEntry> add(UUID eventId, List<String> requested, CurrentUser user) {
        List<AllowListEntry.Parsed> parsed = parse(requested);
        return access.organizedEvent(eventId, user)
                .thenMany(entries.add(eventId, parsed, user.id()))
                .collectList()
                .flatMap(added -> auditAdded(eventId, user, added))
                .thenMany(entries.list(eventId));
    }

    private Mono<Void> auditAdded(UUID eventId, CurrentUser user, List<AllowListEntry> added) {
        if (added.isEmpty()) {
            return Mono.empty();
        }
        List<String> shown = added.stream().map(AllowListEntry::entry).toList();
        return audit.record(eventId, user.id(), "event.allow-list.added", Map.of("entries", shown));
    }

    /** Removes one entry; 404 when the event has no such entry. */
    @Transactional
    Mono<Void> remove(UUID eventId, UUID entryId, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(entries.remove(eventId, entryId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("allow-list entry")))
                .flatMap(removed -> auditRemoved(eventId, user, removed));
    }

    private Mono<Void> auditRemoved(UUID eventId, CurrentUser user, AllowListEntry removed) {
        return audit.record(
                eventId, user.id(), "event.allow-list.removed", Map.of("entry", removed.entry()));
    }

    /** Parses every entry, or fails naming each bad one. */
    static List<AllowListEntry.Parsed> parse(List<String> requested) {
        LinkedHashSet<AllowListEntry.Parsed> parsed = new LinkedHashSet<>();
        List<Problem.FieldViolation> bad = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            AllowListEntry.Parsed entry = parse(requested.get(i));
            if (entry == null) {
                bad.add(violation(i));
            } else {
                parsed.add(entry);
            }
        }
        if (!bad.isEmpty()) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    bad,
                    bad.size());
        }
        return List.copyOf(parsed);
    }

    /** An email ({@code ana@minedu.gob.pe}) or a domain ({@code @minedu.gob.pe}); else null. */
    static AllowListEntry.Parsed parse(String raw) {
        String text = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        int at = text.lastIndexOf('@');
        if (at < 0
                || text.length() > MAX_LENGTH
                || !DOMAIN.matcher(text.substring(at + 1)).matches()) {
            return null;
        }
        if (at == 0) {
            return new AllowListEntry.Parsed(AllowListEntry.Kind.DOMAIN, text.substring(1));
        }
        return LOCAL.matcher(text.substring(0, at)).matches()
                ? new AllowListEntry.Parsed(AllowListEntry.Kind.EMAIL, text)
                : null;
    }

    private static Problem.FieldViolation violation(int index) {
        return new Problem.FieldViolation(
                "entries[" + index + "]",
                "must be an email address (ana@minedu.gob.pe) or a domain (@minedu.gob.pe)");
    }
}
