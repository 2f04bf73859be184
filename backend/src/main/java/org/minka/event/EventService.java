package org.minka.event;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creating, editing, publishing and reading events and their phase windows. */
@Service
public class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    static final String DEFAULT_TIMEZONE = "America/Lima";

    private final EventRepository events;
    private final MembershipRepository memberships;
    private final EventAccess access;
    private final AuditLog audit;
    private final Validator validator;
    private final Clock clock;

    EventService(
            EventRepository events,
            MembershipRepository memberships,
            EventAccess access,
            AuditLog audit,
            Validator validator,
            Clock clock) {
        this.events = events;
        this.memberships = memberships;
        this.access = access;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    /** Creates an event as an admin, who becomes its first organizer. */
    @Transactional
    public Mono<EventResponse> create(EventRequests.Create request, CurrentUser user) {
        if (!user.admin()) {
            return Mono.error(MinkaException.forbidden());
        }
        String timezone = timezone(request.timezone());
        EventSettings settings = settings(request.settings(), EventSettings.DEFAULTS);
        List<PhaseWindow> windows = EventClock.validate(request.phases());
        String description = Objects.requireNonNullElse(request.description(), "");
        return events.insert(
                        request.slug(),
                        request.title().strip(),
                        description,
                        timezone,
                        settings,
                        user.id())
                .onErrorMap(DuplicateKeyException.class, ex -> duplicateSlug(request.slug()))
                .flatMap(
                        event ->
                                events.replacePhases(event.id(), windows)
                                        .then(
                                                memberships.insert(
                                                        event.id(),
                                                        user.id(),
                                                        user.email(),
                                                        MembershipRole.ORGANIZER,
                                                        List.of(),
                                                        Membership.Status.ACTIVE,
                                                        user.id()))
                                        .then(
                                                audit.record(
                                                        event.id(),
                                                        user.id(),
                                                        "event.created",
                                                        Map.of(
                                                                "slug",
                                                                event.slug(),
                                                                "phases",
                                                                windowsDetail(windows))))
                                        .then(
                                                Mono.fromRunnable(
                                                        () ->
                                                                log.info(
                                                                        "Event {} ({}) created",
                                                                        event.slug(),
                                                                        event.id())))
                                        .thenReturn(toResponse(event, windows)));
    }

    /** An event, if the user may see it. */
    public Mono<EventResponse> get(UUID eventId, CurrentUser user) {
        return access.visibleEvent(eventId, user).flatMap(this::withPhases);
    }

    /** Published events, oldest first, one page at a time. */
    public Mono<CursorPage<EventResponse>> listPublished(PageRequest page) {
        return events.findPublished(page)
                .collectList()
                .flatMap(
                        rows ->
                                events.findPhases(rows.stream().map(EventRow::id).toList())
                                        .map(
                                                phases ->
                                                        CursorPage.of(
                                                                rows,
                                                                page,
                                                                EventRow::createdAt,
                                                                EventRow::id,
                                                                row ->
                                                                        toResponse(
                                                                                row,
                                                                                phases.getOrDefault(
                                                                                        row.id(),
                                                                                        List
                                                                                                .of())))));
    }

    /** Changes the fields present in the request, as an organizer, if the version still matches. */
    @Transactional
    public Mono<EventResponse> update(
            UUID eventId, EventRequests.Update request, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .flatMap(
                        event -> {
                            HttpCaching.checkVersion(expectedVersion, event.version());
                            EventRow changed =
                                    event.withDetails(
                                            request.slug() != null ? request.slug() : event.slug(),
                                            request.title() != null
                                                    ? request.title().strip()
                                                    : event.title(),
                                            request.description() != null
                                                    ? request.description()
                                                    : event.description(),
                                            request.timezone() != null
                                                    ? timezone(request.timezone())
                                                    : event.timezone(),
                                            request.settings() != null
                                                    ? settings(request.settings(), event.settings())
                                                    : event.settings());
                            return save(changed, event.version())
                                    .onErrorMap(
                                            DuplicateKeyException.class,
                                            ex -> duplicateSlug(changed.slug()))
                                    .flatMap(
                                            saved ->
                                                    audit.record(
                                                                    eventId,
                                                                    user.id(),
                                                                    "event.updated",
                                                                    changes(event, saved))
                                                            .then(withPhases(saved)));
                        });
    }

    /**
     * Replaces the phase windows (extend, shorten or close early); every changed window is audited.
     */
    @Transactional
    public Mono<EventResponse> replacePhases(
            UUID eventId, List<PhaseWindow> requested, Long expectedVersion, CurrentUser user) {
        List<PhaseWindow> windows = EventClock.validate(requested);
        return access.organizedEvent(eventId, user)
                .flatMap(
                        event -> {
                            HttpCaching.checkVersion(expectedVersion, event.version());
                            return events.findPhases(eventId)
                                    .collectList()
                                    .flatMap(
                                            before ->
                                                    events.touch(eventId, event.version())
                                                            .switchIfEmpty(
                                                                    Mono.error(
                                                                            new MinkaException(
                                                                                    ProblemType
                                                                                            .STALE_VERSION)))
                                                            .flatMap(
                                                                    saved ->
                                                                            events.replacePhases(
                                                                                            eventId,
                                                                                            windows)
                                                                                    .then(
                                                                                            auditWindows(
                                                                                                    eventId,
                                                                                                    user,
                                                                                                    before,
                                                                                                    windows))
                                                                                    .thenReturn(
                                                                                            toResponse(
                                                                                                    saved,
                                                                                                    windows))));
                        });
    }

    /** Publishes or unpublishes an event. */
    @Transactional
    public Mono<EventResponse> setPublished(
            UUID eventId, boolean published, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .flatMap(
                        event -> {
                            HttpCaching.checkVersion(expectedVersion, event.version());
                            if (event.published() == published) {
                                return withPhases(event);
                            }
                            EventRow changed = event.withPublished(published, Instant.now(clock));
                            return save(changed, event.version())
                                    .flatMap(
                                            saved ->
                                                    audit.record(
                                                                    eventId,
                                                                    user.id(),
                                                                    published
                                                                            ? "event.published"
                                                                            : "event.unpublished",
                                                                    Map.of())
                                                            .then(withPhases(saved)));
                        });
    }

    private Mono<EventRow> save(EventRow event, long expectedVersion) {
        return events.update(event, expectedVersion)
                .switchIfEmpty(Mono.error(new MinkaException(ProblemType.STALE_VERSION)));
    }

    private Mono<EventResponse> withPhases(EventRow event) {
        return events.findPhases(event.id())
                .collectList()
                .map(windows -> toResponse(event, windows));
    }

    private Mono<Void> auditWindows(
            UUID eventId, CurrentUser user, List<PhaseWindow> before, List<PhaseWindow> after) {
        return Flux.fromIterable(after)
                .filter(w -> !before.contains(w))
                .concatMap(
                        w -> {
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("phase", w.phase().name());
                            before.stream()
                                    .filter(b -> b.phase() == w.phase())
                                    .findFirst()
                                    .ifPresent(b -> details.put("from", window(b)));
                            details.put("to", window(w));
                            return audit.record(
                                    eventId, user.id(), "event.phase.window-changed", details);
                        })
                .then();
    }

    EventResponse toResponse(EventRow event, List<PhaseWindow> windows) {
        Instant now = Instant.now(clock);
        return new EventResponse(
                event.id(),
                event.slug(),
                event.title(),
                event.description(),
                event.timezone(),
                event.settings(),
                windows,
                EventClock.stage(event.published(), windows, now),
                event.published() ? EventClock.openPhases(windows, now) : List.of(),
                event.published(),
                event.publishedAt(),
                event.version(),
                event.createdAt(),
                event.updatedAt());
    }

    private EventSettings settings(EventSettings requested, EventSettings base) {
        EventSettings merged = requested == null ? base : requested.withDefaultsFrom(base);
        Set<ConstraintViolation<EventSettings>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            List<Problem.FieldViolation> fields =
                    violations.stream()
                            .map(
                                    v ->
                                            new Problem.FieldViolation(
                                                    "settings." + v.getPropertyPath(),
                                                    v.getMessage()))
                            .toList();
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    fields,
                    fields.size());
        }
        return merged;
    }

    private static String timezone(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException ex) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    List.of(
                            new Problem.FieldViolation(
                                    "timezone", "unknown timezone: " + requested)),
                    1);
        }
    }

    private static MinkaException duplicateSlug(String slug) {
        return new MinkaException(ProblemType.DUPLICATE_SLUG, slug);
    }

    private static Map<String, Object> changes(EventRow before, EventRow after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!before.slug().equals(after.slug())) changes.put("slug", after.slug());
        if (!before.title().equals(after.title())) changes.put("title", after.title());
        if (!before.description().equals(after.description()))
            changes.put("description", "changed");
        if (!before.timezone().equals(after.timezone())) changes.put("timezone", after.timezone());
        if (!before.settings().equals(after.settings())) changes.put("settings", "changed");
        return changes;
    }

    private static List<Map<String, String>> windowsDetail(List<PhaseWindow> windows) {
        return windows.stream().map(EventService::window).toList();
    }

    private static Map<String, String> window(PhaseWindow w) {
        return Map.of(
                "phase",
                w.phase().name(),
                "opensAt",
                w.opensAt().toString(),
                "closesAt",
                w.closesAt().toString());
    }
}
