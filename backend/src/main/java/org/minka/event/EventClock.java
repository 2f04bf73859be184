package org.minka.event;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;

/** Phase windows: their validation, and the phase in force at an instant. */
final class EventClock {

    private EventClock() {}

    static List<Phase> openPhases(List<PhaseWindow> windows, Instant now) {
        return windows.stream()
                .filter(w -> w.contains(now))
                .map(PhaseWindow::phase)
                .sorted()
                .toList();
    }

    static EventStage stage(boolean published, List<PhaseWindow> windows, Instant now) {
        if (!published) {
            return EventStage.DRAFT;
        }
        List<Phase> open = openPhases(windows, now);
        if (!open.isEmpty()) {
            return EventStage.valueOf(open.get(open.size() - 1).name());
        }
        if (windows.isEmpty()) {
            return EventStage.UPCOMING;
        }
        Instant first =
                windows.stream()
                        .map(PhaseWindow::opensAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
        Instant last =
                windows.stream()
                        .map(PhaseWindow::closesAt)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        if (now.isBefore(first)) {
            return EventStage.UPCOMING;
        }
        return now.isBefore(last) ? EventStage.BETWEEN_PHASES : EventStage.ARCHIVED;
    }

    /**
     * Checks that there is exactly one window per phase, each opens before it closes, phases open
     * in order, and no two overlap, except VOTING with JUDGING. Returns the windows in phase order.
     */
    static List<PhaseWindow> validate(List<PhaseWindow> windows) {
        Map<Phase, PhaseWindow> byPhase = new EnumMap<>(Phase.class);
        for (PhaseWindow w : windows) {
            if (byPhase.put(w.phase(), w) != null) {
                throw invalid("problem.invalid-phase-windows.duplicate", w.phase());
            }
        }
        for (Phase phase : Phase.values()) {
            PhaseWindow w = byPhase.get(phase);
            if (w == null) {
                throw invalid("problem.invalid-phase-windows.missing", phase);
            }
            if (!w.opensAt().isBefore(w.closesAt())) {
                throw invalid("problem.invalid-phase-windows.empty", phase);
            }
        }
        Phase[] phases = Phase.values();
        for (int i = 0; i < phases.length; i++) {
            for (int j = i + 1; j < phases.length; j++) {
                PhaseWindow earlier = byPhase.get(phases[i]);
                PhaseWindow later = byPhase.get(phases[j]);
                if (later.opensAt().isBefore(earlier.opensAt())) {
                    throw invalid("problem.invalid-phase-windows.order", phases[j], phases[i]);
                }
                if (!phases[i].mayOverlap(phases[j])
                        && earlier.closesAt().isAfter(later.opensAt())) {
                    throw invalid("problem.invalid-phase-windows.overlap", phases[i], phases[j]);
                }
            }
        }
        return List.copyOf(byPhase.values());
    }

    private static MinkaException invalid(String key, Object... args) {
        return new MinkaException(ProblemType.INVALID_PHASE_WINDOWS, key, List.of(), args);
    }
}
