package org.minka.event;

/** The phases of an event, in order. VOTING may overlap JUDGING; no other pair may overlap. */
public enum Phase {
    REGISTRATION,
    SUBMISSION,
    JUDGING,
    VOTING,
    RESULTS;

    boolean mayOverlap(Phase other) {
        return (this == JUDGING && other == VOTING) || (this == VOTING && other == JUDGING);
    }
}
