package org.minka.results;

/** What an award is for. */
enum AwardKind {
    /** A place 1..M in a challenge, from the judging ranking. */
    PLACE,
    /** The best first place across the event (when the results ask for one). */
    OVERALL,
    /** The most valid votes, per challenge or per event by the event's voting scope. */
    PEOPLES_CHOICE,
    /** An organizer's own award with a written reason, to a team or a publisher. */
    DISTINCTION,
    /** A publisher whose datasets the winning submissions used. */
    PUBLISHER,
    /** One of the datasets the edition's submissions used most. */
    DATASET
}
