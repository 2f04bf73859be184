package org.minka.event;

/**
 * Where an event stands at a moment: a draft until published, upcoming before its first window, one
 * of the phases, between two windows, or archived after results close.
 */
enum EventStage {
    DRAFT,
    UPCOMING,
    REGISTRATION,
    SUBMISSION,
    JUDGING,
    VOTING,
    RESULTS,
    BETWEEN_PHASES,
    ARCHIVED
}
