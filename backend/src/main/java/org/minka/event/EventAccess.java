package org.minka.event;

import java.util.List;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Per-event permission checks, for this module and the ones that build on it, and the one copy of
 * the visibility rule. Admins and members (active organizer, mentor or judge memberships) see every
 * event of theirs. Anyone else sees a published event when it is PUBLIC or UNLISTED, or when it is
 * PRIVATE and they take part in it (registered, in a team, invited to a team) or the allow-list
 * names their verified email or its domain. Everyone else gets a 404.
 */
@Service
public class EventAccess {

    /** The anonymous caller, whose kept standing serves everyone when the event is open to all. */
    private static final EventFactsCache.Caller ANYONE = new EventFactsCache.Caller(null, null);

    private final EventRepository events;
    private final MembershipRepository memberships;
    private final ChallengeRepository challenges;
    private final EventParticipantsPort participants;
    private final EventFactsCache cache;
    private final java.time.Clock clock;

    EventAccess(
            EventRepository events,
            MembershipRepository memberships,
            ChallengeRepository challenges,
            EventParticipantsPort participants,
            EventFactsCache cache,
            java.time.Clock clock) {
        this.events = events;
        this.memberships = memberships;
        this.challenges = challenges;
        this.participants = participants;
        this.cache = cache;
        this.clock = clock;
    }

    /** The event if this user (or anonymous, when null) may see it; else a not-found problem. */
    Mono<EventRow> visibleEvent(UUID eventId, CurrentUser user) {
        return visibleStanding(eventId, user).map(EventRepository.Standing::event);
    }

    /**
     * The event if this user organizes it; 403 when they may only see it, 404 otherwise. One
     * statement answers both checks.
     */
    Mono<EventRow> organizedEvent(UUID eventId, CurrentUser user) {
        return visibleStanding(eventId, user)
                .filter(standing -> organizes(standing, user))
                .map(EventRepository.Standing::event)
                .switchIfEmpty(Mono.error(MinkaException::forbidden));
    }

    private Mono<EventRepository.Standing> visibleStanding(UUID eventId, CurrentUser user) {
        return visible(readStanding(eventId, user), user);
    }

    /**
     * {@link #visibleStanding} from this instance's memory when it has it (see {@link
     * EventFactsCache}): for the checks other modules ask, not for the event's own reads and
     * writes, which read the row (and its version) from the database.
     */
    private Mono<EventRepository.Standing> keptStanding(UUID eventId, CurrentUser user) {
        EventFactsCache.Caller caller =
                user == null ? ANYONE : new EventFactsCache.Caller(user.id(), user.verifiedEmail());
        return visible(cache.get(eventId, caller, () -> readStanding(eventId, user)), user);
    }

    private Mono<EventRepository.Standing> visible(
            Mono<EventRepository.Standing> read, CurrentUser user) {
        return read.filterWhen(standing -> sees(standing, user))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("event")));
    }

    private Mono<EventRepository.Standing> readStanding(UUID eventId, CurrentUser user) {
        return user == null
                ? events.findWithStanding(eventId, null, null)
                : events.findWithStanding(eventId, user.id(), user.verifiedEmail());
    }

    /** The visibility rule (see the class comment); asks team only for a PRIVATE event. */
    private Mono<Boolean> sees(EventRepository.Standing standing, CurrentUser user) {
        EventRow event = standing.event();
        if (organizes(standing, user) || standing.member()) {
            return Mono.just(true);
        }
        if (!event.published()) {
            return Mono.just(false);
        }
        if (event.visibility() != Visibility.PRIVATE || standing.allowed()) {
            return Mono.just(true);
        }
        return takesPart(event.id(), user);
    }

    private Mono<Boolean> takesPart(UUID eventId, CurrentUser user) {
        return user == null
                ? Mono.just(false)
                : participants.takesPart(eventId, user.id(), user.verifiedEmail());
    }

    /** Who lists events, with the events they take part in. */
    Mono<EventRepository.Viewer> viewer(CurrentUser user) {
        if (user == null) {
            return Mono.just(EventRepository.Viewer.ANONYMOUS);
        }
        return participants
                .eventsOf(user.id(), user.verifiedEmail())
                .collectList()
                .map(
                        ids ->
                                new EventRepository.Viewer(
                                        user.id(), user.verifiedEmail(), user.admin(), ids));
    }

    private static boolean organizes(EventRepository.Standing standing, CurrentUser user) {
        return user != null && (user.admin() || standing.organizer());
    }

    /** Fails unless the user organizes the event (or is an admin). */
    public Mono<Void> requireOrganizer(UUID eventId, CurrentUser user) {
        return organized(eventId, user).then();
    }

    /** Whether the user organizes the event; admins organize every event. */
    public Mono<Boolean> isOrganizer(UUID eventId, CurrentUser user) {
        if (user == null) {
            return Mono.just(false);
        }
        if (user.admin()) {
            return Mono.just(true);
        }
        return hasRole(eventId, user, MembershipRole.ORGANIZER, null);
    }

    /** Whether the user mentors this challenge (a mentor without scope mentors all of them). */
    public Mono<Boolean> isMentorOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return user == null
                ? Mono.just(false)
                : hasRole(eventId, user, MembershipRole.MENTOR, challengeId);
    }

    /** Whether the user judges this challenge (a judge without scope judges all of them). */
    public Mono<Boolean> isJudgeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return user == null
                ? Mono.just(false)
                : hasRole(eventId, user, MembershipRole.JUDGE, challengeId);
    }

    /**
     * Whether the user (by id) organizes the event or mentors this challenge; for checks on users
     * other than the caller, such as whom a mention may reach.
     */
    public Mono<Boolean> isMentorOrOrganizer(UUID eventId, UUID challengeId, UUID userId) {
        return memberships
                .hasRole(eventId, userId, MembershipRole.ORGANIZER, null)
                .flatMap(
                        organizer ->
                                organizer
                                        ? Mono.just(true)
                                        : memberships.hasRole(
                                                eventId,
                                                userId,
                                                MembershipRole.MENTOR,
                                                challengeId));
    }

    /** Whether the user (by id, not the caller) judges this challenge. */
    public Mono<Boolean> isJudge(UUID eventId, UUID challengeId, UUID userId) {
        return memberships.hasRole(eventId, userId, MembershipRole.JUDGE, challengeId);
    }

    /** A phase of a published event opening or closing at {@code at}. */
    public record PhaseEdge(UUID eventId, Phase phase, boolean opening, java.time.Instant at) {}

    /**
     * Windows of published events that open or close after the database's now() and within {@code
     * window} of it.
     */
    public reactor.core.publisher.Flux<PhaseEdge> edgesWithin(java.time.Duration window) {
        return events.edgesWithin(window);
    }

    /** Users with an active membership (organizer, mentor, judge) in the event. */
    public reactor.core.publisher.Flux<UUID> memberUserIds(UUID eventId) {
        return memberships.activeUserIds(eventId);
    }

    /** What other modules need to know of an event. */
    public record EventFacts(UUID id, boolean published, EventSettings settings) {}

    /**
     * The event's facts if this user may see it; else a not-found problem. An event anyone may see
     * (published, not PRIVATE) is answered from one kept entry for every caller; only other events
     * need the caller's own standing.
     */
    public Mono<EventFacts> visible(UUID eventId, CurrentUser user) {
        return openToAnyone(eventId)
                .switchIfEmpty(Mono.defer(() -> keptStanding(eventId, user)))
                .map(s -> facts(s.event()));
    }

    /**
     * The anonymous caller's kept standing, when it sees the event: then every caller does (the
     * visibility rule only adds rights for a signed-in caller).
     */
    private Mono<EventRepository.Standing> openToAnyone(UUID eventId) {
        return cache.get(eventId, ANYONE, () -> readStanding(eventId, null))
                .filter(s -> s.event().published() && s.event().visibility() != Visibility.PRIVATE);
    }

    private static EventFacts facts(EventRow e) {
        return new EventFacts(e.id(), e.published(), e.settings());
    }

    /**
     * The event's facts if this user organizes it (or is an admin); 403 when they may only see it,
     * 404 otherwise. Answered from this instance's memory when it has it, else by one statement.
     */
    public Mono<EventFacts> organized(UUID eventId, CurrentUser user) {
        return keptStanding(eventId, user)
                .filter(standing -> organizes(standing, user))
                .map(standing -> facts(standing.event()))
                .switchIfEmpty(Mono.error(MinkaException::forbidden));
    }

    /** Whether the phase's window is open at the database's now(). */
    public Mono<Boolean> isOpen(UUID eventId, Phase phase) {
        return events.isOpenNow(eventId, phase);
    }

    /** Whether the phase's window has closed by the database's now(). */
    public Mono<Boolean> hasClosed(UUID eventId, Phase phase) {
        return events.hasClosedNow(eventId, phase);
    }

    /**
     * Whether anonymous callers may read the event: it exists, is published and is not PRIVATE (for
     * anonymous reads by other modules; a caller with a token goes through {@link #visible}).
     */
    public Mono<Boolean> isPublished(UUID eventId) {
        return events.findById(eventId)
                .map(e -> e.published() && e.visibility() != Visibility.PRIVATE)
                .defaultIfEmpty(false);
    }

    /**
     * Whether the event shows its gallery to everyone: published, gallery public, and SUBMISSION
     * closed (by the clock, see {@link PhaseState}). This is the one copy of the gallery rule; a
     * caller who may not see the event gets {@code false}.
     */
    public Mono<Boolean> galleryOpen(UUID eventId, CurrentUser user) {
        return standing(eventId, user).map(Standing::galleryOpen);
    }

    /**
     * Of these events, the ones whose gallery is open now to everyone and that are listed (PUBLIC),
     * for public pages that show no single event (the catalog); see {@link #galleryOpen}.
     */
    public Mono<java.util.Set<UUID>> galleryOpenAmong(java.util.Collection<UUID> eventIds) {
        return events.galleryOpenAmong(eventIds).collect(java.util.stream.Collectors.toSet());
    }

    private Mono<Boolean> hasRole(
            UUID eventId, CurrentUser user, MembershipRole role, UUID challengeId) {
        return memberships.hasRole(eventId, user.id(), role, challengeId);
    }

    static MinkaException unknownChallenges(List<UUID> ids) {
        return new MinkaException(ProblemType.UNKNOWN_CHALLENGE, ids.toString());
    }

    // For team: challenges by id and title, so that no other module reads event's tables.

    /** A challenge's id and title, for other modules' lists and exports. */
    public record ChallengeTitle(UUID id, String title) {}

    /** Of these ids, the ones that are not challenges of the event, in the order given. */
    public reactor.core.publisher.Flux<UUID> unknownChallengeIds(
            UUID eventId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return reactor.core.publisher.Flux.empty();
        }
        return challenges
                .existingIds(eventId, ids)
                .collect(java.util.stream.Collectors.toSet())
                .flatMapMany(known -> missing(ids, known));
    }

    private static reactor.core.publisher.Flux<UUID> missing(
            java.util.Collection<UUID> ids, java.util.Set<UUID> known) {
        return reactor.core.publisher.Flux.fromIterable(ids).filter(id -> !known.contains(id));
    }

    /** The event's challenges, id and title, in creation order. */
    public reactor.core.publisher.Flux<ChallengeTitle> challengeTitles(UUID eventId) {
        return challenges.titles(eventId);
    }

    /**
     * Whether the phase is open at the database's now(), with {@code graceMinutes} added to its
     * close; joins the caller's transaction, so a write can check its deadline when it commits.
     */
    public Mono<Boolean> isOpenWithGrace(UUID eventId, Phase phase, int graceMinutes) {
        return events.isOpenNow(eventId, phase, graceMinutes);
    }

    /**
     * Which challenges of the event a user mentors: {@code all} when a mentor membership has no
     * scope, else the union of the scopes (empty when the user mentors nothing here).
     */
    public record ChallengeScope(boolean all, java.util.Set<UUID> challengeIds) {

        /** Whether the scope covers nothing. */
        public boolean none() {
            return !all && challengeIds.isEmpty();
        }

        /** Whether the scope covers this challenge (any challenge at all when null). */
        public boolean covers(UUID challengeId) {
            return challengeId == null ? !none() : all || challengeIds.contains(challengeId);
        }
    }

    /** The challenges the caller mentors in this event (see {@link ChallengeScope}). */
    public Mono<ChallengeScope> mentorScope(UUID eventId, CurrentUser user) {
        if (user == null) {
            return Mono.just(new ChallengeScope(false, java.util.Set.of()));
        }
        return memberships
                .scopes(eventId, user.id(), MembershipRole.MENTOR)
                .collectList()
                .map(EventAccess::union);
    }

    private static ChallengeScope union(List<UUID[]> scopes) {
        boolean all = scopes.stream().anyMatch(s -> s == null || s.length == 0);
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        scopes.stream().filter(s -> s != null).forEach(s -> ids.addAll(List.of(s)));
        return new ChallengeScope(all, all ? java.util.Set.of() : java.util.Set.copyOf(ids));
    }

    // Visibility, for modules whose public pages span events (the catalog's usage lists).

    /** Of these events, the published PUBLIC ones: what a page for everyone may mention. */
    public Mono<java.util.Set<UUID>> listedAmong(java.util.Collection<UUID> eventIds) {
        return events.listedAmong(eventIds).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Whether the user may register as a participant, given that they see the event: always for a
     * PUBLIC or UNLISTED event; for a PRIVATE one only when the allow-list names them or they
     * already take part (a pending team invitation counts). Not-found when they may not see it.
     */
    public Mono<Boolean> mayRegister(UUID eventId, CurrentUser user) {
        return keptStanding(eventId, user).flatMap(standing -> mayRegister(standing, user));
    }

    private Mono<Boolean> mayRegister(EventRepository.Standing standing, CurrentUser user) {
        if (standing.event().visibility() != Visibility.PRIVATE || standing.allowed()) {
            return Mono.just(true);
        }
        return takesPart(standing.event().id(), user);
    }

    // For judging: judges and mentors with their scopes, and who proposed each challenge.

    /** A member of one role with its challenge scope ({@code all}: every challenge). */
    public record ScopedMember(UUID userId, ChallengeScope scope) {

        static ScopedMember of(UUID userId, UUID[] challengeIds) {
            return new ScopedMember(userId, union(List.<UUID[]>of(challengeIds)));
        }

        /** Whether the scope covers this challenge. */
        public boolean covers(UUID challengeId) {
            return scope.all() || scope.challengeIds().contains(challengeId);
        }
    }

    /** The event's active judges, each with the challenges they judge, by user id. */
    public reactor.core.publisher.Flux<ScopedMember> judgeScopes(UUID eventId) {
        return memberships.scopedMembers(eventId, MembershipRole.JUDGE);
    }

    /** The event's active mentors, each with the challenges they mentor, by user id. */
    public reactor.core.publisher.Flux<ScopedMember> mentorScopes(UUID eventId) {
        return memberships.scopedMembers(eventId, MembershipRole.MENTOR);
    }

    /** A challenge that a publisher proposed (an accepted proposal). */
    public record ChallengePublisher(UUID challengeId, UUID publisherId) {}

    /** The event's challenges that publishers proposed, with the publisher of each. */
    public reactor.core.publisher.Flux<ChallengePublisher> challengePublishers(UUID eventId) {
        return challenges.challengePublishers(eventId);
    }

    // Recognition's dataset feedback (through team): the challenges that use a dataset.

    /** A challenge of an event. */
    public record EventChallenge(UUID eventId, UUID challengeId) {}

    /** The challenges (any visibility) whose dataset entries are linked to this dataset. */
    public reactor.core.publisher.Flux<EventChallenge> challengesUsingDataset(UUID datasetId) {
        return challenges.usingDataset(datasetId);
    }

    // The caller's whole standing in an event in one statement (issue 12, item 13).

    /**
     * Where an event's phases stand when the standing was asked, by the injected clock from the
     * event's windows (for reads and a write's early refusal; writes check their phase at the
     * database's now() in their own transaction).
     */
    public record PhaseState(
            boolean registrationClosed,
            boolean submissionClosed,
            boolean judgingOpened,
            java.time.Instant at,
            java.time.Instant submissionOpens,
            java.time.Instant submissionCloses) {

        /**
         * Whether SUBMISSION is open at {@link #at}, its close extended by {@code graceMinutes}: a
         * write's early refusal; the write checks again at the database's now().
         */
        public boolean submissionOpen(int graceMinutes) {
            return submissionOpens != null
                    && submissionCloses != null
                    && !at.isBefore(submissionOpens)
                    && at.isBefore(submissionCloses.plusSeconds(60L * graceMinutes));
        }
    }

    /**
     * An event the caller may see, with everything the modules above ask of the caller's place in
     * it: admin or organizer, the challenges they mentor and judge, and where the phases stand now
     * (see {@link PhaseState}).
     */
    public record Standing(
            EventFacts event,
            boolean organizer,
            ChallengeScope mentors,
            ChallengeScope judges,
            PhaseState phases) {

        /** Whether the caller mentors this challenge (any, when null). */
        public boolean mentorOf(UUID challengeId) {
            return mentors.covers(challengeId);
        }

        /** Whether the caller judges this challenge (any, when null), whatever the phase. */
        public boolean judgeOf(UUID challengeId) {
            return judges.covers(challengeId);
        }

        /** Whether the caller judges this challenge and JUDGING has opened: when judges read. */
        public boolean readsAsJudge(UUID challengeId) {
            return phases.judgingOpened() && judgeOf(challengeId);
        }

        /** The gallery rule (see {@link EventAccess#galleryOpen}) on what was read. */
        public boolean galleryOpen() {
            return event.published()
                    && Boolean.TRUE.equals(event.settings().galleryPublic())
                    && phases.submissionClosed();
        }
    }

    /**
     * The caller's standing in the event if they may see it; else a not-found problem. Answered
     * from this instance's memory when it has it ({@link EventFactsCache}), else by one statement
     * for the visibility check, every role and the phase windows (a PRIVATE event asks team once
     * more for a caller with no role and not on the allow-list).
     */
    public Mono<Standing> standing(UUID eventId, CurrentUser user) {
        return keptStanding(eventId, user).map(s -> standing(s, user));
    }

    /** The standing with where the phases stand now, by the injected clock (reads only). */
    private Standing standing(EventRepository.Standing s, CurrentUser user) {
        return new Standing(
                facts(s.event()),
                organizes(s, user),
                s.mentors(),
                s.judges(),
                s.edges().at(clock.instant()));
    }

    // For voting: the VOTING window, so that a ballot's statement checks it at the database's
    // now().

    /** A phase's window, and whether it is open or has closed at the database's now(). */
    public record Window(
            java.time.Instant opensAt, java.time.Instant closesAt, boolean open, boolean closed) {}

    /** The event's window of this phase; empty when the event has none. */
    public Mono<Window> window(UUID eventId, Phase phase) {
        return events.window(eventId, phase);
    }

    /** The event's facts without any check, for modules that checked the caller already. */
    public Mono<EventFacts> facts(UUID eventId) {
        return events.findById(eventId)
                .map(e -> new EventFacts(e.id(), e.published(), e.settings()));
    }

    // For voting's fraud scan: the events whose VOTING is open, with the window.

    /** A phase window of an event, open at the database's now(). */
    public record OpenWindow(UUID eventId, java.time.Instant opensAt, java.time.Instant closesAt) {}

    /** The published events whose {@code phase} window is open at the database's now(). */
    public reactor.core.publisher.Flux<OpenWindow> openWindows(Phase phase) {
        return events.openWindows(null, phase);
    }

    /**
     * The event's {@code phase} window if the event is published and it is open now; else empty.
     */
    public Mono<OpenWindow> openWindow(UUID eventId, Phase phase) {
        return events.openWindows(eventId, phase).next();
    }

    // For results' certificates: the event's title, printed on them.

    /** The event's title, without any check; empty for an unknown event. */
    public Mono<String> title(UUID eventId) {
        return events.findById(eventId).map(EventRow::title);
    }

    // This instance's memory of events' rarely changing facts, for the modules above (issue 12).

    /**
     * A fact of the event that a module above keeps in this instance's memory, named by {@code
     * what} (a value of that module's own type, so that keys never collide); read by {@code load}
     * when not kept. It is forgotten with the event's own facts (any change to the event, its
     * phases, memberships or allow-list, on any instance), after {@code minka.event-cache.ttl}, and
     * by {@link #forgetEverywhere}. Nothing is kept while the cache is off or not listening.
     */
    public <T> Mono<T> remembered(
            UUID eventId, Object what, java.util.function.Supplier<Mono<T>> load) {
        return cache.get(eventId, what, load);
    }

    /**
     * Makes every instance forget what it keeps of the event: this one now and when the running
     * transaction ends, the others by a NOTIFY delivered at commit. For a module whose kept facts
     * of the event changed.
     */
    public Mono<Void> forgetEverywhere(UUID eventId) {
        return cache.forgettingEverywhere(eventId);
    }
}
