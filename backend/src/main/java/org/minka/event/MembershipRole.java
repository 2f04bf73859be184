package org.minka.event;

/** What a member does in one event. */
enum MembershipRole {
    ORGANIZER,
    MENTOR,
    JUDGE
}
