package org.minka.voting.fraud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Clusters of accounts created during the voting window (at or after VOTING opened) that vote for
 * the same submissions. Each such account's ballot set is the set of submissions it voted for; two
 * accounts are linked when the Jaccard similarity of their sets is at least {@code minJaccard}, and
 * a cluster is a connected group (single linkage). A cluster of at least {@code minAccounts}
 * accounts is a finding with every ballot of its accounts. Its core is the submissions that at
 * least half of its accounts voted for, its subject a hash of the core, and its score the number of
 * accounts times their mean similarity to the core.
 */
final class ClusterDetector {

    private final FraudProperties.Cluster thresholds;

    ClusterDetector(FraudProperties.Cluster thresholds) {
        this.thresholds = thresholds;
    }

    /** The clusters among these ballots of one event, whose VOTING opened at {@code opensAt}. */
    List<Finding> detect(List<BallotFact> ballots, Instant opensAt) {
        Map<UUID, List<BallotFact>> byVoter = new TreeMap<>();
        for (BallotFact ballot : ballots) {
            Instant created = ballot.voterCreatedAt();
            if (created != null && !created.isBefore(opensAt)) {
                byVoter.computeIfAbsent(ballot.voterId(), v -> new ArrayList<>()).add(ballot);
            }
        }
        Map<SortedSet<UUID>, List<UUID>> bySet = new LinkedHashMap<>();
        byVoter.forEach(
                (voter, own) -> {
                    SortedSet<UUID> set = submissions(own);
                    if (set.size() >= thresholds.minBallots()) {
                        bySet.computeIfAbsent(set, s -> new ArrayList<>()).add(voter);
                    }
                });
        List<Finding> found = new ArrayList<>();
        for (List<SortedSet<UUID>> component : components(new ArrayList<>(bySet.keySet()))) {
            List<UUID> voters =
                    component.stream().flatMap(set -> bySet.get(set).stream()).sorted().toList();
            if (voters.size() >= thresholds.minAccounts()) {
                found.add(finding(voters, byVoter));
            }
        }
        return found;
    }

    private static SortedSet<UUID> submissions(List<BallotFact> own) {
        return own.stream()
                .map(BallotFact::submissionId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static double jaccard(Set<UUID> a, Set<UUID> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        long common = a.stream().filter(b::contains).count();
        return common / (double) (a.size() + b.size() - common);
    }

    /**
     * The groups of distinct ballot sets linked by similarity. Sets are compared smallest first;
     * two sets of sizes {@code m ≤ n} cannot reach {@code minJaccard} once {@code m < n ×
     * minJaccard}, which cuts the inner loop short.
     */
    private List<List<SortedSet<UUID>>> components(List<SortedSet<UUID>> sets) {
        sets.sort(Comparator.comparingInt(Set::size));
        int[] parent = new int[sets.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        double min = thresholds.minJaccard();
        for (int i = 0; i < sets.size(); i++) {
            for (int j = i + 1; j < sets.size(); j++) {
                if (sets.get(i).size() < sets.get(j).size() * min) {
                    break;
                }
                if (jaccard(sets.get(i), sets.get(j)) >= min) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, List<SortedSet<UUID>>> groups = new TreeMap<>();
        for (int i = 0; i < sets.size(); i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(sets.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    private static int root(int[] parent, int i) {
        int r = i;
        while (parent[r] != r) {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        return r;
    }

    private Finding finding(List<UUID> voters, Map<UUID, List<BallotFact>> byVoter) {
        List<BallotFact> ballots =
                voters.stream()
                        .flatMap(v -> byVoter.get(v).stream())
                        .sorted(
                                Comparator.comparing(BallotFact::castAt)
                                        .thenComparing(BallotFact::ballotId))
                        .toList();
        SortedSet<UUID> core = core(voters, byVoter);
        double meanJaccard =
                voters.stream()
                        .mapToDouble(v -> jaccard(submissions(byVoter.get(v)), core))
                        .average()
                        .orElse(0);
        Instant from =
                ballots.stream().map(BallotFact::voterCreatedAt).min(Instant::compareTo).get();
        Instant to = ballots.stream().map(BallotFact::voterCreatedAt).max(Instant::compareTo).get();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("accounts", voters.size());
        evidence.put("submissionIds", core.stream().map(UUID::toString).sorted().toList());
        evidence.put("meanJaccard", BurstDetector.round(meanJaccard));
        evidence.put("ballots", ballots.size());
        evidence.put("createdFrom", from.toString());
        evidence.put("createdTo", to.toString());
        return new Finding(
                FlagKind.NEW_ACCOUNT_CLUSTER,
                subject(core),
                ballots.stream().map(BallotFact::ballotId).toList(),
                BurstDetector.round(voters.size() * meanJaccard),
                evidence);
    }

    /** The submissions at least half of the accounts voted for (the most voted, if none is). */
    private static SortedSet<UUID> core(List<UUID> voters, Map<UUID, List<BallotFact>> byVoter) {
        Map<UUID, Integer> counts = new HashMap<>();
        for (UUID voter : voters) {
            submissions(byVoter.get(voter)).forEach(s -> counts.merge(s, 1, Integer::sum));
        }
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        int needed = Math.min(most, (voters.size() + 1) / 2);
        return counts.entrySet().stream()
                .filter(e -> e.getValue() >= needed)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A cluster's subject: the SHA-256 of its core's ids, so that it stays short. */
    static String subject(SortedSet<UUID> core) {
        String ids = core.stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(ids.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
