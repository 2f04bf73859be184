package org.minka.recognition;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * What dataset feedback asks of the modules that know events and teams: may this user report a
 * problem on this dataset? They may when a challenge uses it and they are a member of a team, a
 * mentor or an organizer of that challenge's event.
 */
public interface DatasetReporterPort {

    /** How a user stands towards a dataset. */
    enum Standing {
        /** No challenge uses the dataset. */
        NOT_USED,
        /** Challenges use it, but the user has no role in any of their events. */
        NOT_ALLOWED,
        /** The user is a team member, mentor or organizer in an event whose challenge uses it. */
        ALLOWED
    }

    /** How the user stands towards the dataset. */
    Mono<Standing> standing(UUID datasetId, UUID userId);
}
