package org.minka.judging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.event.EventAccess;
import org.minka.submission.JudgeConflictPort;
import org.minka.submission.SubmissionAccess;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds conflicts of interest automatically, for each judge and each submission of a challenge the
 * judge covers: the judge is on the submission's team (TEAM_MEMBER), mentors its challenge or the
 * whole event (MENTOR), or is a member of the publisher that proposed its challenge (PUBLISHER).
 * Each fact is read once per event, in bulk, through the owning modules' facades.
 */
@Component
class ConflictFinder {

    static final String TEAM_MEMBER = "Member of the submission's team";
    static final String MENTOR = "Mentor of the submission's challenge";
    static final String PUBLISHER = "Member of the publisher that proposed the challenge";

    private final EventAccess events;
    private final TeamLookup teams;
    private final CatalogLookup catalog;
    private final SubmissionAccess submissions;

    ConflictFinder(
            EventAccess events,
            TeamLookup teams,
            CatalogLookup catalog,
            SubmissionAccess submissions) {
        this.events = events;
        this.teams = teams;
        this.catalog = catalog;
        this.submissions = submissions;
    }

    /** What detection reads of an event. */
    record Facts(
            List<SubmissionAccess.CountedVersion> counted,
            List<AssignmentPlanner.Judge> judges,
            Map<UUID, Set<UUID>> teamMembers,
            List<EventAccess.ScopedMember> mentors,
            Map<UUID, UUID> publisherOfChallenge,
            Map<UUID, Set<UUID>> publisherMembers) {}

    /** Every automatic conflict of the event's counted submissions with its judges. */
    Mono<List<Conflicts.Found>> find(UUID eventId, List<AssignmentPlanner.Judge> judges) {
        return facts(eventId, judges).map(ConflictFinder::found);
    }

    /** Reads the facts one after the other (callers hold a transaction). */
    private Mono<Facts> facts(UUID eventId, List<AssignmentPlanner.Judge> judges) {
        Reading r = new Reading();
        return counted(eventId, r)
                .then(members(eventId, r))
                .then(mentors(eventId, r))
                .then(publishers(eventId, r))
                .then(publisherMembers(r))
                .then(Mono.fromSupplier(() -> r.facts(judges)));
    }

    /** The facts as they are read. */
    private static final class Reading {
        List<SubmissionAccess.CountedVersion> counted = List.of();
        Map<UUID, Set<UUID>> members = Map.of();
        List<EventAccess.ScopedMember> mentors = List.of();
        Map<UUID, UUID> publishers = Map.of();
        Map<UUID, Set<UUID>> publisherMembers = Map.of();

        Facts facts(List<AssignmentPlanner.Judge> judges) {
            return new Facts(counted, judges, members, mentors, publishers, publisherMembers);
        }
    }

    private Mono<Void> counted(UUID eventId, Reading r) {
        return submissions
                .countedVersions(eventId)
                .collectList()
                .doOnNext(c -> r.counted = c)
                .then();
    }

    private Mono<Void> members(UUID eventId, Reading r) {
        return teams.eventMembers(eventId)
                .collectMultimap(TeamLookup.TeamMember::teamId, TeamLookup.TeamMember::userId)
                .doOnNext(m -> r.members = sets(m))
                .then();
    }

    private Mono<Void> mentors(UUID eventId, Reading r) {
        return events.mentorScopes(eventId).collectList().doOnNext(m -> r.mentors = m).then();
    }

    private Mono<Void> publishers(UUID eventId, Reading r) {
        return events.challengePublishers(eventId)
                .collectMap(
                        EventAccess.ChallengePublisher::challengeId,
                        EventAccess.ChallengePublisher::publisherId)
                .doOnNext(p -> r.publishers = p)
                .then();
    }

    private Mono<Void> publisherMembers(Reading r) {
        return Mono.defer(
                () ->
                        catalog.publisherMembers(new HashSet<>(r.publishers.values()))
                                .collectMultimap(
                                        CatalogLookup.PublisherMember::publisherId,
                                        CatalogLookup.PublisherMember::userId)
                                .doOnNext(pm -> r.publisherMembers = sets(pm))
                                .then());
    }

    private static Map<UUID, Set<UUID>> sets(Map<UUID, java.util.Collection<UUID>> multimap) {
        Map<UUID, Set<UUID>> sets = new HashMap<>();
        multimap.forEach((k, v) -> sets.put(k, new HashSet<>(v)));
        return sets;
    }

    /** The pure part: every conflict the facts show. */
    static List<Conflicts.Found> found(Facts facts) {
        List<Conflicts.Found> found = new ArrayList<>();
        for (SubmissionAccess.CountedVersion s : facts.counted()) {
            Set<UUID> team = facts.teamMembers().getOrDefault(s.teamId(), Set.of());
            UUID publisher = facts.publisherOfChallenge().get(s.challengeId());
            Set<UUID> publisherMembers =
                    publisher == null
                            ? Set.of()
                            : facts.publisherMembers().getOrDefault(publisher, Set.of());
            Set<UUID> mentors = new HashSet<>();
            for (EventAccess.ScopedMember m : facts.mentors()) {
                if (m.covers(s.challengeId())) {
                    mentors.add(m.userId());
                }
            }
            for (AssignmentPlanner.Judge j : facts.judges()) {
                if (!j.covers(s.challengeId())) {
                    continue;
                }
                UUID id = j.judgeId();
                add(found, team.contains(id), s, id, ConflictView.Source.TEAM_MEMBER, TEAM_MEMBER);
                add(found, mentors.contains(id), s, id, ConflictView.Source.MENTOR, MENTOR);
                add(
                        found,
                        publisherMembers.contains(id),
                        s,
                        id,
                        ConflictView.Source.PUBLISHER,
                        PUBLISHER);
            }
        }
        return found;
    }

    private static void add(
            List<Conflicts.Found> found,
            boolean holds,
            SubmissionAccess.CountedVersion s,
            UUID judgeId,
            ConflictView.Source source,
            String reason) {
        if (holds) {
            found.add(new Conflicts.Found(s.submissionId(), judgeId, source, reason));
        }
    }

    /** The event's facts this check keeps in memory (see {@link EventAccess#remembered}). */
    private enum Kept {
        MENTOR_SCOPES,
        CHALLENGE_PUBLISHERS
    }

    /**
     * The automatic conflicts of one judge with one submission, asked one after the other: the
     * event's mentors and the challenges' publishers from this instance's memory of the event, then
     * the team's membership, and the publisher's only when a publisher proposed the challenge.
     */
    Flux<ConflictView.Source> sourcesOf(JudgeConflictPort.Subject s, UUID judgeId) {
        Mono<Boolean> member = teams.isMember(s.teamId(), judgeId);
        Mono<Boolean> mentor =
                keptMentors(s.eventId())
                        .map(all -> all.stream().anyMatch(m -> mentors(m, s, judgeId)));
        Mono<Boolean> publisher =
                keptPublishers(s.eventId())
                        .flatMapMany(Flux::fromIterable)
                        .filter(p -> p.challengeId().equals(s.challengeId()))
                        .next()
                        .flatMap(p -> catalog.isMember(p.publisherId(), judgeId))
                        .defaultIfEmpty(false);
        return Flux.concat(
                when(member, ConflictView.Source.TEAM_MEMBER),
                when(mentor, ConflictView.Source.MENTOR),
                when(publisher, ConflictView.Source.PUBLISHER));
    }

    private static boolean mentors(
            EventAccess.ScopedMember m, JudgeConflictPort.Subject s, UUID judgeId) {
        return m.userId().equals(judgeId) && m.covers(s.challengeId());
    }

    private Mono<List<EventAccess.ScopedMember>> keptMentors(UUID eventId) {
        return events.remembered(
                eventId, Kept.MENTOR_SCOPES, () -> events.mentorScopes(eventId).collectList());
    }

    private Mono<List<EventAccess.ChallengePublisher>> keptPublishers(UUID eventId) {
        return events.remembered(
                eventId,
                Kept.CHALLENGE_PUBLISHERS,
                () -> events.challengePublishers(eventId).collectList());
    }

    /** What a judge's automatic conflicts depend on, read once for a page of one event. */
    private record JudgeFacts(
            Set<UUID> teams, EventAccess.ScopedMember mentor, Map<UUID, UUID> publishers) {}

    /**
     * The automatic conflicts that hold now for one judge with each of these submissions of one
     * event, by submission id: the same rule as {@link #sourcesOf}, in a fixed number of statements
     * whatever the page's size.
     */
    Mono<Map<UUID, Set<ConflictView.Source>>> sourcesAmong(
            List<JudgeConflictPort.Subject> subjects, UUID judgeId) {
        UUID eventId = subjects.get(0).eventId();
        return judgeFacts(eventId, judgeId)
                .flatMap(f -> withPublishers(f, judgeId))
                .map(f -> sourcesAmong(subjects, f));
    }

    private Mono<JudgeFacts> judgeFacts(UUID eventId, UUID judgeId) {
        Mono<Set<UUID>> judgeTeams = teams.teamsOf(eventId, judgeId).collect(toSet());
        Mono<EventAccess.ScopedMember> mentor =
                keptMentors(eventId)
                        .flatMapMany(Flux::fromIterable)
                        .filter(m -> m.userId().equals(judgeId))
                        .reduce(ConflictFinder::widest)
                        .defaultIfEmpty(NO_SCOPE);
        Mono<Map<UUID, UUID>> publishers =
                keptPublishers(eventId)
                        .flatMapMany(Flux::fromIterable)
                        .collectMap(
                                EventAccess.ChallengePublisher::challengeId,
                                EventAccess.ChallengePublisher::publisherId);
        return judgeTeams.flatMap(
                t -> mentor.flatMap(m -> publishers.map(p -> new JudgeFacts(t, m, p))));
    }

    private static final EventAccess.ScopedMember NO_SCOPE =
            new EventAccess.ScopedMember(null, new EventAccess.ChallengeScope(false, Set.of()));

    private static EventAccess.ScopedMember widest(
            EventAccess.ScopedMember a, EventAccess.ScopedMember b) {
        Set<UUID> ids = new HashSet<>(a.scope().challengeIds());
        ids.addAll(b.scope().challengeIds());
        boolean all = a.scope().all() || b.scope().all();
        return new EventAccess.ScopedMember(
                a.userId(), new EventAccess.ChallengeScope(all, all ? Set.of() : ids));
    }

    /** The facts with only the publishers the judge belongs to kept. */
    private Mono<JudgeFacts> withPublishers(JudgeFacts f, UUID judgeId) {
        if (f.publishers().isEmpty()) {
            return Mono.just(f);
        }
        return catalog.publisherMembers(new HashSet<>(f.publishers().values()))
                .filter(m -> m.userId().equals(judgeId))
                .map(CatalogLookup.PublisherMember::publisherId)
                .collect(toSet())
                .map(mine -> new JudgeFacts(f.teams(), f.mentor(), kept(f.publishers(), mine)));
    }

    private static Map<UUID, UUID> kept(Map<UUID, UUID> publishers, Set<UUID> mine) {
        Map<UUID, UUID> kept = new HashMap<>();
        publishers.forEach((c, p) -> keep(kept, c, p, mine));
        return kept;
    }

    private static void keep(Map<UUID, UUID> kept, UUID challenge, UUID p, Set<UUID> mine) {
        if (mine.contains(p)) {
            kept.put(challenge, p);
        }
    }

    private static Map<UUID, Set<ConflictView.Source>> sourcesAmong(
            List<JudgeConflictPort.Subject> subjects, JudgeFacts f) {
        Map<UUID, Set<ConflictView.Source>> sources = new HashMap<>();
        for (JudgeConflictPort.Subject s : subjects) {
            Set<ConflictView.Source> held = java.util.EnumSet.noneOf(ConflictView.Source.class);
            if (f.teams().contains(s.teamId())) {
                held.add(ConflictView.Source.TEAM_MEMBER);
            }
            if (f.mentor().covers(s.challengeId())) {
                held.add(ConflictView.Source.MENTOR);
            }
            if (f.publishers().containsKey(s.challengeId())) {
                held.add(ConflictView.Source.PUBLISHER);
            }
            sources.put(s.submissionId(), held);
        }
        return sources;
    }

    private static <T> java.util.stream.Collector<T, ?, Set<T>> toSet() {
        return java.util.stream.Collectors.toSet();
    }

    private static Mono<ConflictView.Source> when(Mono<Boolean> holds, ConflictView.Source s) {
        return holds.filter(yes -> yes).map(yes -> s);
    }
}
