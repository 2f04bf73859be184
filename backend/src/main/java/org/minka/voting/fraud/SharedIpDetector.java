package org.minka.voting.fraud;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Many voters behind one IP hash: every IP hash with at least {@code minVoters} distinct voters is
 * a finding, with all the ballots cast from it. The score is the number of voters. A school or an
 * office behind one address looks the same, which is why a flag only asks an organizer to look.
 */
final class SharedIpDetector {

    private final FraudProperties.SharedIp thresholds;

    SharedIpDetector(FraudProperties.SharedIp thresholds) {
        this.thresholds = thresholds;
    }

    /** The IP hashes of these ballots of one event that too many voters share. */
    List<Finding> detect(List<BallotFact> ballots) {
        Map<String, List<BallotFact>> byIp = new TreeMap<>();
        for (BallotFact ballot : ballots) {
            if (ballot.ipHash() != null) {
                byIp.computeIfAbsent(ballot.ipHash(), ip -> new ArrayList<>()).add(ballot);
            }
        }
        List<Finding> found = new ArrayList<>();
        byIp.forEach(
                (ip, behind) -> {
                    long voters = behind.stream().map(BallotFact::voterId).distinct().count();
                    if (voters >= thresholds.minVoters()) {
                        found.add(finding(ip, behind, voters));
                    }
                });
        return found;
    }

    private static Finding finding(String ip, List<BallotFact> behind, long voters) {
        List<BallotFact> sorted =
                behind.stream()
                        .sorted(
                                Comparator.comparing(BallotFact::castAt)
                                        .thenComparing(BallotFact::ballotId))
                        .toList();
        long agents =
                sorted.stream().map(BallotFact::uaHash).filter(Objects::nonNull).distinct().count();
        Instant first = sorted.get(0).castAt();
        Instant last = sorted.get(sorted.size() - 1).castAt();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ipHash", ip);
        evidence.put("voters", voters);
        evidence.put("ballots", sorted.size());
        evidence.put("userAgents", agents);
        evidence.put("firstCastAt", first.toString());
        evidence.put("lastCastAt", last.toString());
        return new Finding(
                FlagKind.SHARED_IP,
                ip,
                sorted.stream().map(BallotFact::ballotId).toList(),
                voters,
                evidence);
    }
}
