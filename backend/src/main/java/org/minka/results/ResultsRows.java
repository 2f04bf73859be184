package org.minka.results;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The rows of the results tables, as the services use them. */
final class ResultsRows {

    private ResultsRows() {}

    /** An event's results: its settings, when the draft was built, and its publication. */
    record Edition(
            UUID eventId,
            int places,
            boolean overallWinner,
            String licence,
            String language,
            Instant builtAt,
            Instant publishAt,
            Instant announcedAt,
            long version) {

        /** Whether the results are public at {@code now}. */
        boolean publicAt(Instant now) {
            return publishAt != null && !publishAt.isAfter(now);
        }

        /** Whether a publication is set (now or later): the draft may not change. */
        boolean publicationSet() {
            return publishAt != null;
        }
    }

    /** A dataset a submission declared, with the catalog's dataset when it is linked. */
    record DatasetRef(String url, String title, UUID datasetId, UUID publisherId) {}

    /** A counted submission's place in the draft (null when unranked or disqualified). */
    record Placement(
            UUID submissionId,
            UUID challengeId,
            UUID teamId,
            Integer place,
            boolean tied,
            Double score,
            long votes,
            String source,
            List<DatasetRef> datasets) {}

    /** An award as stored. */
    record Award(
            UUID id,
            AwardKind kind,
            boolean generated,
            UUID challengeId,
            Integer place,
            UUID submissionId,
            UUID teamId,
            UUID publisherId,
            UUID datasetId,
            String titleEs,
            String titleEn,
            String reasonEs,
            String reasonEn,
            Integer uses) {

        /** A built award (not a distinction). */
        static Award built(
                AwardKind kind,
                UUID challengeId,
                Integer place,
                UUID submissionId,
                UUID teamId,
                UUID publisherId,
                UUID datasetId,
                Integer uses) {
            return new Award(
                    UUID.randomUUID(),
                    kind,
                    true,
                    challengeId,
                    place,
                    submissionId,
                    teamId,
                    publisherId,
                    datasetId,
                    null,
                    null,
                    null,
                    null,
                    uses);
        }
    }

    /** A submission out of the ranking. */
    record Disqualification(UUID submissionId, String reason, UUID by, Instant at) {}
}
