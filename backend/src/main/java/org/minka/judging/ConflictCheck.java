package org.minka.judging;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.submission.JudgeConflictPort;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The submission module's question, answered without writing: a judge is conflicted when a stored
 * conflict is active, or when an automatic one holds now and was not lifted (detection stores it
 * later; a lifted one stays lifted).
 */
@Component
class ConflictCheck implements JudgeConflictPort {

    private final Conflicts conflicts;
    private final ConflictFinder finder;

    ConflictCheck(Conflicts conflicts, ConflictFinder finder) {
        this.conflicts = conflicts;
        this.finder = finder;
    }

    @Override
    public Mono<Boolean> conflicted(Subject subject, UUID judgeId) {
        return conflicts
                .ofPairKept(subject.eventId(), subject.submissionId(), judgeId)
                .flatMap(stored -> conflicted(subject, judgeId, stored));
    }

    private Mono<Boolean> conflicted(
            Subject subject, UUID judgeId, java.util.List<ConflictView> stored) {
        if (stored.stream().anyMatch(ConflictView::active)) {
            return Mono.just(true);
        }
        Set<ConflictView.Source> lifted =
                stored.stream().map(ConflictView::source).collect(Collectors.toSet());
        return finder.sourcesOf(subject, judgeId).any(source -> !lifted.contains(source));
    }

    @Override
    public Mono<Set<UUID>> conflictedAmong(java.util.List<Subject> subjects, UUID judgeId) {
        if (subjects.isEmpty()) {
            return Mono.just(Set.of());
        }
        var ids = subjects.stream().map(Subject::submissionId).toList();
        return conflicts
                .ofPairs(ids, judgeId)
                .collectMultimap(ConflictView::submissionId)
                .flatMap(stored -> conflictedAmong(subjects, judgeId, stored));
    }

    private Mono<Set<UUID>> conflictedAmong(
            java.util.List<Subject> subjects,
            UUID judgeId,
            java.util.Map<UUID, java.util.Collection<ConflictView>> stored) {
        return finder.sourcesAmong(subjects, judgeId)
                .map(found -> conflictedIds(subjects, stored, found));
    }

    /** Per submission, the rule of {@link #conflicted}: an active stored one, or one not lifted. */
    private static Set<UUID> conflictedIds(
            java.util.List<Subject> subjects,
            java.util.Map<UUID, java.util.Collection<ConflictView>> stored,
            java.util.Map<UUID, Set<ConflictView.Source>> found) {
        return subjects.stream()
                .map(Subject::submissionId)
                .filter(
                        id ->
                                conflicted(
                                        stored.getOrDefault(id, java.util.List.of()),
                                        found.get(id)))
                .collect(Collectors.toSet());
    }

    private static boolean conflicted(
            java.util.Collection<ConflictView> stored, Set<ConflictView.Source> found) {
        if (stored.stream().anyMatch(ConflictView::active)) {
            return true;
        }
        Set<ConflictView.Source> lifted =
                stored.stream().map(ConflictView::source).collect(Collectors.toSet());
        return found.stream().anyMatch(source -> !lifted.contains(source));
    }
}
