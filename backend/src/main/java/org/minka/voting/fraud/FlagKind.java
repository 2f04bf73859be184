package org.minka.voting.fraud;

/** What a detector saw. The names are part of the API and the flags' stored rows. */
enum FlagKind {
    /** More ballots on one submission in a short window than the event's baseline explains. */
    BURST,
    /** Many voters behind one IP hash. */
    SHARED_IP,
    /** Accounts created during the voting window that vote for the same submissions. */
    NEW_ACCOUNT_CLUSTER
}
