package org.minka.event;

/** What a member does in one event. */
public enum MembershipRole {
    ORGANIZER,
    MENTOR,
    JUDGE
}
