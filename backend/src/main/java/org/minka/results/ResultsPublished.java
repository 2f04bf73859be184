package org.minka.results;

import java.time.Instant;
import java.util.UUID;

/**
 * An event's results went public and its winners were told: published once per publication (again
 * after an unpublish and a new publication), on the instance that announced it, after the
 * announcement's transaction committed. The event's certificate run listens to it; what it issues
 * is idempotent per (kind, subject, recipient), so a repeated event issues nothing twice.
 */
record ResultsPublished(UUID eventId, Instant publishedAt) {}
