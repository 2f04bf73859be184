package org.minka.event;

import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** An event's audit log, for its organizers. */
@Service
class EventAudit {

    private final EventAccess access;
    private final AuditLog log;

    EventAudit(EventAccess access, AuditLog log) {
        this.access = access;
        this.log = log;
    }

    Mono<CursorPage<AuditLog.Entry>> page(AuditLog.Query query, CurrentUser user) {
        return access.organizedEvent(query.eventId(), user).then(log.page(query));
    }
}
