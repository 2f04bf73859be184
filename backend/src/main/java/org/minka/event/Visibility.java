package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;

/** Who may see a published event; members and admins always see it. */
@Schema(
        name = "EventVisibility",
        description =
                "PUBLIC: listed and readable by anyone. UNLISTED: readable by anyone with its id,"
                        + " listed only for members. PRIVATE: readable only by members,"
                        + " participants and allow-listed emails or domains; 404 for everyone else")
enum Visibility {
    PUBLIC,
    UNLISTED,
    PRIVATE
}
