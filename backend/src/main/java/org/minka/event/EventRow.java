package org.minka.event;

import java.time.Instant;
import java.util.UUID;

/** An event row as stored. */
record EventRow(
        UUID id,
        String slug,
        String title,
        String description,
        String timezone,
        EventSettings settings,
        boolean published,
        Instant publishedAt,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
