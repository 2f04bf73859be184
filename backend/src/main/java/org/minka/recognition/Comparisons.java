package org.minka.recognition;

import java.util.function.Function;

/** Growth figures of a campaign against the previous edition, each from its current ranking. */
final class Comparisons {

    private Comparisons() {}

    static Campaign.Comparison of(CampaignRepository.Row previous, Ranking mine, Ranking theirs) {
        return new Campaign.Comparison(
                previous == null ? null : previous.id(),
                previous == null ? null : previous.name(),
                growth(mine, theirs, r -> number(r.newDatasets())),
                growth(mine, theirs, Ranking::meanQuality),
                growth(mine, theirs, r -> number(r.participants())));
    }

    private static Double number(Integer n) {
        return n == null ? null : n.doubleValue();
    }

    static Campaign.Growth growth(Ranking mine, Ranking theirs, Function<Ranking, Double> f) {
        Double current = mine == null ? null : f.apply(mine);
        Double previous = theirs == null ? null : f.apply(theirs);
        Double percent = null;
        if (current != null && previous != null && previous != 0) {
            percent = Math.round((current - previous) / previous * 1000) / 10.0;
        }
        return new Campaign.Growth(current, previous, percent);
    }
}
