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
        long version,
        Visibility visibility) {

    EventRow withPublished(boolean isPublished, Instant at) {
        return new EventRow(
                id,
                slug,
                title,
                description,
                timezone,
                settings,
                isPublished,
                isPublished ? at : publishedAt,
                createdBy,
                createdAt,
                updatedAt,
                version,
                visibility);
    }

    EventRow withDetails(
            String newSlug,
            String newTitle,
            String newDescription,
            String newTimezone,
            EventSettings newSettings) {
        return new EventRow(
                id,
                newSlug,
                newTitle,
                newDescription,
                newTimezone,
                newSettings,
                published,
                publishedAt,
                createdBy,
                createdAt,
                updatedAt,
                version,
                visibility);
    }

    EventRow withVisibility(Visibility newVisibility) {
        return new EventRow(
                id,
                slug,
                title,
                description,
                timezone,
                settings,
                published,
                publishedAt,
                createdBy,
                createdAt,
                updatedAt,
                version,
                newVisibility);
    }
}
