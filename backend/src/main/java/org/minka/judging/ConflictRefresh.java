package org.minka.judging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores the automatic conflicts that are not stored yet (a lifted one stays lifted), and audits
 * those it adds. Runs before conflicts are listed and before assignments are planned.
 */
@Component
class ConflictRefresh {

    private final ConflictFinder finder;
    private final Conflicts conflicts;
    private final AuditLog audit;

    ConflictRefresh(ConflictFinder finder, Conflicts conflicts, AuditLog audit) {
        this.finder = finder;
        this.conflicts = conflicts;
        this.audit = audit;
    }

    /** Finds and stores the event's automatic conflicts with these judges. */
    Mono<Void> refresh(UUID eventId, List<AssignmentPlanner.Judge> judges) {
        return finder.find(eventId, judges)
                .flatMapMany(found -> conflicts.insertFound(eventId, found))
                .collectList()
                .flatMap(added -> audited(eventId, added));
    }

    private Mono<Void> audited(UUID eventId, List<ConflictView> added) {
        if (added.isEmpty()) {
            return Mono.empty();
        }
        List<Map<String, Object>> entries = added.stream().map(ConflictRefresh::entry).toList();
        return audit.record(
                eventId,
                null,
                "judging.conflict.detected",
                Map.of("count", added.size(), "conflicts", entries));
    }

    private static Map<String, Object> entry(ConflictView c) {
        return Map.of(
                "conflictId", c.id(),
                "judgeId", c.judgeId(),
                "submissionId", c.submissionId(),
                "source", c.source().name());
    }
}
