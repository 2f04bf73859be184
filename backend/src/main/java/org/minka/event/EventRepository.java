package org.minka.event;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL for events and their phase windows. */
@Repository
class EventRepository {

    private static final String COLUMNS =
            "id, slug, title, description, timezone, settings::text as settings, published,"
                    + " published_at, created_by, created_at, updated_at, version, visibility";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final EventFactsCache cache;

    EventRepository(DatabaseClient db, JsonMapper json, EventFactsCache cache) {
        this.db = db;
        this.json = json;
        this.cache = cache;
    }

    /** The row, once this instance has forgotten what it kept of the event. */
    private Mono<EventRow> forgetting(EventRow row) {
        return cache.forgetting(row.id()).thenReturn(row);
    }

    Mono<EventRow> insert(
            String slug,
            String title,
            String description,
            String timezone,
            EventSettings settings,
            Visibility visibility,
            UUID createdBy) {
        return db.sql(
                        "insert into events (slug, title, description, timezone, settings,"
                                + " visibility, created_by) values (:slug, :title, :description,"
                                + " :timezone, cast(:settings as jsonb), :visibility, :by)"
                                + " returning "
                                + COLUMNS)
                .bind("slug", slug)
                .bind("title", title)
                .bind("description", description)
                .bind("timezone", timezone)
                .bind("settings", json.writeValueAsString(settings))
                .bind("visibility", visibility.name())
                .bind("by", createdBy)
                .map(this::toRow)
                .one();
    }

    Mono<EventRow> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from events where id = :id")
                .bind("id", id)
                .map(this::toRow)
                .one();
    }

    /**
     * An event and the caller's standing in it, read in one statement: whether they hold an active
     * role, an organizer one, the challenges they mentor and judge, whether the allow-list names
     * their verified email or its domain, and where the phases stand at the database's now().
     */
    record Standing(
            EventRow event,
            boolean member,
            boolean organizer,
            boolean allowed,
            EventAccess.ChallengeScope mentors,
            EventAccess.ChallengeScope judges,
            Edges edges) {}

    /**
     * The phase edges the standing depends on (null when the event has no such window): where the
     * phases stand is computed from them at read time, so a kept standing never goes stale at an
     * edge.
     */
    record Edges(
            Instant registrationCloses,
            Instant submissionOpens,
            Instant submissionCloses,
            Instant judgingOpens) {

        EventAccess.PhaseState at(Instant now) {
            return new EventAccess.PhaseState(
                    reached(registrationCloses, now),
                    reached(submissionCloses, now),
                    reached(judgingOpens, now),
                    now,
                    submissionOpens,
                    submissionCloses);
        }

        private static boolean reached(Instant edge, Instant now) {
            return edge != null && !now.isBefore(edge);
        }
    }

    /** The caller's active memberships of event {@code e}, by role, with their scopes. */
    private static final String ROLES =
            """
             cross join lateral (select count(*) > 0 as member,
              coalesce(bool_or(role = 'ORGANIZER'), false) as organizer,
              coalesce(bool_or(role = 'MENTOR' and cardinality(challenge_ids) = 0), false)
                as mentor_all,
              coalesce(bool_or(role = 'JUDGE' and cardinality(challenge_ids) = 0), false)
                as judge_all,
              array(select distinct unnest(n.challenge_ids) from event_memberships n
                where n.event_id = e.id and n.user_id = cast(:user as uuid)
                and n.status = 'ACTIVE' and n.role = 'MENTOR') as mentor_ids,
              array(select distinct unnest(n.challenge_ids) from event_memberships n
                where n.event_id = e.id and n.user_id = cast(:user as uuid)
                and n.status = 'ACTIVE' and n.role = 'JUDGE') as judge_ids
              from event_memberships where event_id = e.id
              and user_id = cast(:user as uuid) and status = 'ACTIVE') m""";

    /** The phase edges of event {@code e} that a standing depends on. */
    private static final String PHASES =
            """
            , (select p.closes_at from event_phases p where p.event_id = e.id
              and p.phase = 'REGISTRATION') as registration_closes
            , (select p.opens_at from event_phases p where p.event_id = e.id
              and p.phase = 'SUBMISSION') as submission_opens
            , (select p.closes_at from event_phases p where p.event_id = e.id
              and p.phase = 'SUBMISSION') as submission_closes
            , (select p.opens_at from event_phases p where p.event_id = e.id
              and p.phase = 'JUDGING') as judging_opens""";

    /**
     * The event with the standing of this user (null for anonymous) whose verified email is {@code
     * email} (null when none): the visibility, role and phase facts in one statement.
     */
    Mono<Standing> findWithStanding(UUID id, UUID userId, String email) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + ", m.member, m.organizer, m.mentor_all, m.judge_all,"
                                + " m.mentor_ids, m.judge_ids, "
                                + ALLOWED
                                + " as allowed"
                                + PHASES
                                + " from events e "
                                + ROLES
                                + " where e.id = :id")
                .bind("id", id)
                .bind("user", Parameter.fromOrEmpty(userId, UUID.class))
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .map((row, meta) -> standing(row))
                .one();
    }

    /** Whether the allow-list of event {@code e} names the verified email {@code :email}. */
    private static final String ALLOWED =
            """
            exists (select 1 from event_allow_list a where a.event_id = e.id
              and ((a.kind = 'EMAIL' and a.value = cast(:email as text))
                or (a.kind = 'DOMAIN' and a.value = split_part(cast(:email as text), '@', 2))))""";

    private Standing standing(Readable row) {
        return new Standing(
                toRow(row, null),
                flag(row, "member"),
                flag(row, "organizer"),
                flag(row, "allowed"),
                scope(flag(row, "mentor_all"), row.get("mentor_ids", UUID[].class)),
                scope(flag(row, "judge_all"), row.get("judge_ids", UUID[].class)),
                new Edges(
                        row.get("registration_closes", Instant.class),
                        row.get("submission_opens", Instant.class),
                        row.get("submission_closes", Instant.class),
                        row.get("judging_opens", Instant.class)));
    }

    private static boolean flag(Readable row, String column) {
        return Boolean.TRUE.equals(row.get(column, Boolean.class));
    }

    private static EventAccess.ChallengeScope scope(boolean all, UUID[] ids) {
        java.util.Set<UUID> set = all || ids == null ? java.util.Set.of() : java.util.Set.of(ids);
        return new EventAccess.ChallengeScope(all, set);
    }

    Mono<EventRow> findBySlug(String slug) {
        return db.sql("select " + COLUMNS + " from events where lower(slug) = lower(:slug)")
                .bind("slug", slug)
                .map(this::toRow)
                .one();
    }

    /** Window edges of published events in (now(), now() + window]. */
    Flux<EventAccess.PhaseEdge> edgesWithin(java.time.Duration window) {
        return db.sql(
                        "select p.event_id, p.phase, true as opening, p.opens_at as at from event_phases p"
                                + " join events e on e.id = p.event_id where e.published and p.opens_at > now()"
                                + " and p.opens_at <= now() + make_interval(secs => :secs)"
                                + " union all select p.event_id, p.phase, false, p.closes_at from event_phases p"
                                + " join events e on e.id = p.event_id where e.published and p.closes_at > now()"
                                + " and p.closes_at <= now() + make_interval(secs => :secs)"
                                + " order by at, event_id, phase")
                .bind("secs", (double) window.toSeconds())
                .map(
                        (row, meta) ->
                                new EventAccess.PhaseEdge(
                                        row.get("event_id", UUID.class),
                                        Phase.valueOf(row.get("phase", String.class)),
                                        Boolean.TRUE.equals(row.get("opening", Boolean.class)),
                                        row.get("at", java.time.Instant.class)))
                .all();
    }

    /** Who lists events: anonymous (all null/false), or a user with what they take part in. */
    record Viewer(UUID userId, String email, boolean admin, Collection<UUID> takesPart) {

        static final Viewer ANONYMOUS = new Viewer(null, null, false, List.of());
    }

    /**
     * The one copy of the listing rule in SQL: published events that are PUBLIC, or that this
     * viewer sees and may have listed (admins: all; members and participants: theirs; the
     * allow-listed: PRIVATE ones naming them). UNLISTED events are left out for everyone else.
     */
    private static final String LISTED =
            """
            e.published and (e.visibility = 'PUBLIC' or :admin
              or e.id = any(cast(:mine as uuid[]))
              or exists (select 1 from event_memberships m where m.event_id = e.id
                and m.user_id = cast(:user as uuid) and m.status = 'ACTIVE')
              or (e.visibility = 'PRIVATE' and"""
                    + " "
                    + ALLOWED
                    + "))";

    /** Events listed for this viewer in creation order, after the cursor. */
    Flux<EventRow> findListed(PageRequest page, Viewer viewer) {
        Cursor after = page.after();
        String where = after == null ? "" : " and (e.created_at, e.id) > (:at, :id)";
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + COLUMNS
                                        + " from events e where "
                                        + LISTED
                                        + where
                                        + " order by e.created_at, e.id limit :limit")
                        .bind("limit", page.fetchSize())
                        .bind("admin", viewer.admin())
                        .bind("mine", viewer.takesPart().toArray(UUID[]::new))
                        .bind("user", Parameter.fromOrEmpty(viewer.userId(), UUID.class))
                        .bind("email", Parameter.fromOrEmpty(viewer.email(), String.class));
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(this::toRow).all();
    }

    /** Of these events, the published PUBLIC ones (what the public catalog may show). */
    Flux<UUID> listedAmong(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(
                        """
                        select id from events
                        where id = any(:ids) and published and visibility = 'PUBLIC'""")
                .bind("ids", eventIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Writes the event if its version is still {@code expectedVersion}; empty when another write
     * won.
     */
    Mono<EventRow> update(EventRow event, long expectedVersion) {
        return db.sql(
                        "update events set slug = :slug, title = :title, description = :description,"
                                + " timezone = :timezone, settings = cast(:settings as jsonb),"
                                + " published = :published, published_at = :publishedAt,"
                                + " visibility = :visibility,"
                                + " updated_at = now(), version = version + 1"
                                + " where id = :id and version = :version returning "
                                + COLUMNS)
                .bind("slug", event.slug())
                .bind("title", event.title())
                .bind("description", event.description())
                .bind("timezone", event.timezone())
                .bind("settings", json.writeValueAsString(event.settings()))
                .bind("published", event.published())
                .bind("visibility", event.visibility().name())
                .bind(
                        "publishedAt",
                        org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                event.publishedAt(), Instant.class))
                .bind("id", event.id())
                .bind("version", expectedVersion)
                .map(this::toRow)
                .one()
                .flatMap(this::forgetting);
    }

    /** Bumps the version after a change stored elsewhere (phase windows); empty when stale. */
    Mono<EventRow> touch(UUID id, long expectedVersion) {
        return db.sql(
                        "update events set updated_at = now(), version = version + 1"
                                + " where id = :id and version = :version returning "
                                + COLUMNS)
                .bind("id", id)
                .bind("version", expectedVersion)
                .map(this::toRow)
                .one()
                .flatMap(this::forgetting);
    }

    /** Whether the phase's window contains the database's now(), the clock all writes check. */
    Mono<Boolean> isOpenNow(UUID eventId, Phase phase) {
        return db.sql(
                        "select exists (select 1 from event_phases where event_id = :id and phase = :phase"
                                + " and now() >= opens_at and now() < closes_at) as open")
                .bind("id", eventId)
                .bind("phase", phase.name())
                .map((row, meta) -> Boolean.TRUE.equals(row.get("open", Boolean.class)))
                .one();
    }

    /** Whether the phase's window has closed by the database's now(). */
    Mono<Boolean> hasClosedNow(UUID eventId, Phase phase) {
        return db.sql(
                        "select exists (select 1 from event_phases where event_id = :id and phase = :phase"
                                + " and now() >= closes_at) as closed")
                .bind("id", eventId)
                .bind("phase", phase.name())
                .map((row, meta) -> Boolean.TRUE.equals(row.get("closed", Boolean.class)))
                .one();
    }

    /**
     * The one copy of the gallery rule in SQL, for public pages such as the catalog: of these
     * events, those that are published and PUBLIC, keep their gallery public (the default) and
     * whose SUBMISSION window has closed at now().
     */
    Flux<UUID> galleryOpenAmong(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(
                        """
                        select e.id from events e
                        where e.id = any(:ids) and e.published and e.visibility = 'PUBLIC'
                          and coalesce((e.settings->>'galleryPublic')::boolean, true)
                          and exists (select 1 from event_phases p where p.event_id = e.id
                                      and p.phase = 'SUBMISSION' and now() >= p.closes_at)
                        """)
                .bind("ids", eventIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    Flux<PhaseWindow> findPhases(UUID eventId) {
        return db.sql(
                        "select phase, opens_at, closes_at from event_phases where event_id = :id"
                                + " order by opens_at, phase")
                .bind("id", eventId)
                .map(EventRepository::toWindow)
                .all();
    }

    Mono<Map<UUID, List<PhaseWindow>>> findPhases(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "select event_id, phase, opens_at, closes_at from event_phases"
                                + " where event_id = any(:ids) order by opens_at, phase")
                .bind("ids", eventIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("event_id", UUID.class), toWindow(row, meta)))
                .all()
                .collect(
                        Collectors.groupingBy(
                                Map.Entry::getKey,
                                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    Mono<Void> replacePhases(UUID eventId, List<PhaseWindow> windows) {
        Mono<Void> delete =
                db.sql("delete from event_phases where event_id = :id").bind("id", eventId).then();
        return delete.thenMany(
                        Flux.fromIterable(windows)
                                .concatMap(
                                        w ->
                                                db.sql(
                                                                "insert into event_phases (event_id, phase, opens_at, closes_at)"
                                                                        + " values (:id, :phase, :opens, :closes)")
                                                        .bind("id", eventId)
                                                        .bind("phase", w.phase().name())
                                                        .bind("opens", w.opensAt())
                                                        .bind("closes", w.closesAt())
                                                        .then()))
                .then(Mono.defer(() -> cache.forgetting(eventId)));
    }

    private static PhaseWindow toWindow(Readable row, Object meta) {
        return new PhaseWindow(
                Phase.valueOf(row.get("phase", String.class)),
                row.get("opens_at", Instant.class),
                row.get("closes_at", Instant.class));
    }

    private EventRow toRow(Readable row, Object meta) {
        return new EventRow(
                row.get("id", UUID.class),
                row.get("slug", String.class),
                row.get("title", String.class),
                row.get("description", String.class),
                row.get("timezone", String.class),
                json.readValue(row.get("settings", String.class), EventSettings.class)
                        .withDefaultsFrom(EventSettings.DEFAULTS),
                Boolean.TRUE.equals(row.get("published", Boolean.class)),
                row.get("published_at", Instant.class),
                row.get("created_by", UUID.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("version", Long.class),
                Visibility.valueOf(row.get("visibility", String.class)));
    }

    /** Whether the phase is open at the database's now(), its close extended by some minutes. */
    Mono<Boolean> isOpenNow(UUID eventId, Phase phase, int graceMinutes) {
        return db.sql(
                        """
                        select exists (select 1 from event_phases
                        where event_id = :id and phase = :phase and now() >= opens_at
                        and now() < closes_at + make_interval(mins => :grace)) as open""")
                .bind("id", eventId)
                .bind("phase", phase.name())
                .bind("grace", graceMinutes)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("open", Boolean.class)))
                .one();
    }

    // For voting: a phase's window with where the database's now() stands in it.

    /** The phase's window of the event, with whether it is open or closed at now(). */
    Mono<EventAccess.Window> window(UUID eventId, Phase phase) {
        return db.sql(
                        """
                        select opens_at, closes_at, now() >= opens_at and now() < closes_at
                          as open, now() >= closes_at as closed
                        from event_phases where event_id = :id and phase = :phase""")
                .bind("id", eventId)
                .bind("phase", phase.name())
                .map(
                        (row, meta) ->
                                new EventAccess.Window(
                                        row.get("opens_at", Instant.class),
                                        row.get("closes_at", Instant.class),
                                        Boolean.TRUE.equals(row.get("open", Boolean.class)),
                                        Boolean.TRUE.equals(row.get("closed", Boolean.class))))
                .one();
    }

    // For voting's fraud scan: windows of a phase open at now().

    /** Published events (one, or all when {@code eventId} is null) whose phase is open now(). */
    Flux<EventAccess.OpenWindow> openWindows(UUID eventId, Phase phase) {
        return db.sql(
                        """
                        select p.event_id, p.opens_at, p.closes_at from event_phases p
                        join events e on e.id = p.event_id
                        where e.published and p.phase = :phase
                          and now() >= p.opens_at and now() < p.closes_at
                          and (cast(:event as uuid) is null or p.event_id = cast(:event as uuid))
                        order by p.opens_at, p.event_id
                        """)
                .bind("phase", phase.name())
                .bind("event", Parameter.fromOrEmpty(eventId, UUID.class))
                .map(
                        row ->
                                new EventAccess.OpenWindow(
                                        row.get("event_id", UUID.class),
                                        row.get("opens_at", Instant.class),
                                        row.get("closes_at", Instant.class)))
                .all();
    }
}
