package org.minka.mentoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The help queue's figures for organizers: counts, waiting times and each mentor's load. */
@Service
class HelpQueueStats {

    private final HelpRequestRepository requests;
    private final EventAccess access;
    private final UserDirectory users;

    HelpQueueStats(HelpRequestRepository requests, EventAccess access, UserDirectory users) {
        this.requests = requests;
        this.access = access;
        this.users = users;
    }

    /** The figures of the event's queue (organizers). */
    Mono<HelpRequest.Stats> stats(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(requests.stats(eventId))
                .flatMap(stats -> withMentors(eventId, stats));
    }

    private Mono<HelpRequest.Stats> withMentors(UUID eventId, HelpRequest.Stats stats) {
        return requests.mentorLoad(eventId)
                .collectList()
                .flatMap(this::named)
                .map(
                        mentors ->
                                new HelpRequest.Stats(
                                        stats.open(),
                                        stats.claimed(),
                                        stats.resolved(),
                                        stats.oldestOpenSeconds(),
                                        stats.medianWaitSeconds(),
                                        mentors));
    }

    /** The mentors' loads with their display names, from the user directory. */
    private Mono<List<HelpRequest.MentorLoad>> named(List<HelpRequest.MentorLoad> loads) {
        List<UUID> ids = loads.stream().map(HelpRequest.MentorLoad::mentorId).toList();
        return users.namesOf(ids).map(names -> named(loads, names));
    }

    private static List<HelpRequest.MentorLoad> named(
            List<HelpRequest.MentorLoad> loads, Map<UUID, String> names) {
        return loads.stream()
                .map(
                        l ->
                                new HelpRequest.MentorLoad(
                                        l.mentorId(),
                                        names.get(l.mentorId()),
                                        l.inProgress(),
                                        l.resolved()))
                .toList();
    }
}
