package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One allow-list entry of a PRIVATE event: an email address, or a whole email domain. */
@Schema(name = "AllowListEntry")
record AllowListEntry(
        UUID id,
        Kind kind,
        @Schema(
                        description = "An email address, or a domain written with a leading '@'",
                        example = "@minedu.gob.pe")
                String entry,
        Instant createdAt) {

    /** What an entry matches: one verified email, or every verified email of a domain. */
    @Schema(name = "AllowListEntryKind")
    enum Kind {
        EMAIL,
        DOMAIN
    }

    /** The entry as stored: kind and lower-case value (a domain without its '@'). */
    record Parsed(Kind kind, String value) {

        String display() {
            return kind == Kind.DOMAIN ? "@" + value : value;
        }
    }
}
