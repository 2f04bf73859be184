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
import java.util.function.Function;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.common.RequestLog;
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
class EventService {

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
    Mono<EventResponse> create(EventRequests.Create request, CurrentUser user) {
        if (!user.admin()) {
            return Mono.error(MinkaException.forbidden());
        }
        String timezone = timezone(request.timezone());
        EventSettings settings = settings(request.settings(), EventSettings.DEFAULTS);
        List<PhaseWindow> windows = EventClock.validate(request.phases());
        String description = Objects.requireNonNullElse(request.description(), "");
        String title = request.title().strip();
        Visibility visibility = Objects.requireNonNullElse(request.visibility(), Visibility.PUBLIC);
        return events.insert(
                        request.slug(),
                        title,
                        description,
                        timezone,
                        settings,
                        visibility,
                        user.id())
                .onErrorMap(DuplicateKeyException.class, ex -> duplicateSlug(request.slug()))
                .flatMap(event -> setUp(event, windows, user));
    }

    /** The new event's phases, its first organizer and the audit entry. */
    private Mono<EventResponse> setUp(EventRow event, List<PhaseWindow> windows, CurrentUser user) {
        Map<String, Object> details =
                Map.of("slug", event.slug(), "phases", windowsDetail(windows));
        return events.replacePhases(event.id(), windows)
                .then(firstOrganizer(event, user))
                .then(audit.record(event.id(), user.id(), "event.created", details))
                .then(RequestLog.info(log, "Event {} ({}) created", event.slug(), event.id()))
                .thenReturn(toResponse(event, windows));
    }

    private Mono<Membership> firstOrganizer(EventRow event, CurrentUser user) {
        return memberships.insert(
                event.id(),
                user.id(),
                user.email(),
                MembershipRole.ORGANIZER,
                List.of(),
                Membership.Status.ACTIVE,
                user.id());
    }

    /** An event, if the user may see it. */
    Mono<EventResponse> get(UUID eventId, CurrentUser user) {
        return access.visibleEvent(eventId, user).flatMap(this::withPhases);
    }

    /**
     * Published events listed for this caller (null for anonymous), oldest first, one page at a
     * time: PUBLIC ones, and UNLISTED or PRIVATE ones the caller is a member of (see {@link
     * EventAccess}).
     */
    Mono<CursorPage<EventResponse>> listPublished(PageRequest page, CurrentUser user) {
        return access.viewer(user)
                .flatMap(viewer -> events.findListed(page, viewer).collectList())
                .flatMap(rows -> toPage(rows, page));
    }

    private Mono<CursorPage<EventResponse>> toPage(List<EventRow> rows, PageRequest page) {
        return events.findPhases(rows.stream().map(EventRow::id).toList())
                .map(phases -> pageOf(rows, page, phases));
    }

    private CursorPage<EventResponse> pageOf(
            List<EventRow> rows, PageRequest page, Map<UUID, List<PhaseWindow>> phases) {
        Function<EventRow, EventResponse> response =
                row -> toResponse(row, phases.getOrDefault(row.id(), List.of()));
        return CursorPage.of(rows, page, EventRow::createdAt, EventRow::id, response);
    }

    /** Changes the fields present in the request, as an organizer, if the version still matches. */
    @Transactional
    Mono<EventResponse> update(
            UUID eventId, EventRequests.Update request, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .doOnNext(event -> HttpCaching.checkVersion(expectedVersion, event.version()))
                .flatMap(event -> saveChanges(event, changed(event, request), user));
    }

    private EventRow changed(EventRow event, EventRequests.Update request) {
        return event.withDetails(
                        Objects.requireNonNullElse(request.slug(), event.slug()),
                        request.title() != null ? request.title().strip() : event.title(),
                        Objects.requireNonNullElse(request.description(), event.description()),
                        request.timezone() != null
                                ? timezone(request.timezone())
                                : event.timezone(),
                        request.settings() != null
                                ? settings(request.settings(), event.settings())
                                : event.settings())
                .withVisibility(
                        Objects.requireNonNullElse(request.visibility(), event.visibility()));
    }

    private Mono<EventResponse> saveChanges(EventRow event, EventRow changed, CurrentUser user) {
        return save(changed, event.version())
                .onErrorMap(DuplicateKeyException.class, ex -> duplicateSlug(changed.slug()))
                .flatMap(saved -> audited(saved, user, "event.updated", changes(event, saved)));
    }

    private Mono<EventResponse> audited(
            EventRow saved, CurrentUser user, String kind, Map<String, Object> details) {
        return audit.record(saved.id(), user.id(), kind, details).then(withPhases(saved));
    }

    /**
     * Replaces the phase windows (extend, shorten or close early); every changed window is audited.
     */
    @Transactional
    Mono<EventResponse> replacePhases(
            UUID eventId, List<PhaseWindow> requested, Long expectedVersion, CurrentUser user) {
        List<PhaseWindow> windows = EventClock.validate(requested);
        return access.organizedEvent(eventId, user)
                .doOnNext(event -> HttpCaching.checkVersion(expectedVersion, event.version()))
                .flatMap(event -> rewindow(event, windows, user));
    }

    private Mono<EventResponse> rewindow(
            EventRow event, List<PhaseWindow> windows, CurrentUser user) {
        return events.findPhases(event.id())
                .collectList()
                .flatMap(before -> touchAndReplace(event, before, windows, user));
    }

    private Mono<EventResponse> touchAndReplace(
            EventRow event, List<PhaseWindow> before, List<PhaseWindow> after, CurrentUser user) {
        return events.touch(event.id(), event.version())
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)))
                .flatMap(saved -> replaceWindows(saved, before, after, user));
    }

    private Mono<EventResponse> replaceWindows(
            EventRow saved, List<PhaseWindow> before, List<PhaseWindow> after, CurrentUser user) {
        return events.replacePhases(saved.id(), after)
                .then(auditWindows(saved.id(), user, before, after))
                .thenReturn(toResponse(saved, after));
    }

    /** Publishes or unpublishes an event. */
    @Transactional
    Mono<EventResponse> setPublished(
            UUID eventId, boolean published, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .doOnNext(event -> HttpCaching.checkVersion(expectedVersion, event.version()))
                .flatMap(event -> publish(event, published, user));
    }

    private Mono<EventResponse> publish(EventRow event, boolean published, CurrentUser user) {
        if (event.published() == published) {
            return withPhases(event);
        }
        String kind = published ? "event.published" : "event.unpublished";
        return save(event.withPublished(published, Instant.now(clock)), event.version())
                .flatMap(saved -> audited(saved, user, kind, Map.of()));
    }

    private Mono<EventRow> save(EventRow event, long expectedVersion) {
        return events.update(event, expectedVersion)
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)));
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
                .map(w -> windowChange(before, w))
                .concatMap(d -> audit.record(eventId, user.id(), "event.phase.window-changed", d))
                .then();
    }

    private static Map<String, Object> windowChange(List<PhaseWindow> before, PhaseWindow w) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("phase", w.phase().name());
        before.stream()
                .filter(b -> b.phase() == w.phase())
                .findFirst()
                .ifPresent(b -> details.put("from", window(b)));
        details.put("to", window(w));
        return details;
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
                event.visibility(),
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
                    violations.stream().map(EventService::settingsViolation).toList();
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    fields,
                    fields.size());
        }
        return merged;
    }

    private static Problem.FieldViolation settingsViolation(ConstraintViolation<EventSettings> v) {
        return new Problem.FieldViolation("settings." + v.getPropertyPath(), v.getMessage());
    }

    private static String timezone(String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(requested).getId();
        } catch (DateTimeException ex) {
            throw MinkaException.invalid("timezone", "unknown timezone: " + requested);
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
        if (before.visibility() != after.visibility())
            changes.put("visibility", after.visibility().name());
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
