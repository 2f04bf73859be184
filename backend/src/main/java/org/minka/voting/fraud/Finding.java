package org.minka.voting.fraud;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one detector found in one scan: its kind, the subject it is about (a submission id, an IP
 * hash, a cluster's submissions), the ballots that make it, a score to sort by (higher is more
 * suspicious) and the evidence in the documented JSON shape of its kind.
 */
record Finding(
        FlagKind kind,
        String subject,
        List<UUID> ballotIds,
        double score,
        Map<String, Object> evidence) {

    Finding {
        ballotIds = List.copyOf(ballotIds);
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
