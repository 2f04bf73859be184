package org.minka.common;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** One page of a keyset-paged list. {@code nextCursor} is absent on the last page. */
@Schema(description = "A page of items; follow nextCursor (or the Link header) for the next page")
public record CursorPage<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@link PageRequest#fetchSize()}, ordered by (createdAt,
     * id).
     */
    public static <R, T> CursorPage<T> of(
            List<R> rows,
            PageRequest request,
            Function<R, Instant> createdAt,
            Function<R, UUID> id,
            Function<R, T> mapper) {
        boolean more = rows.size() > request.limit();
        List<R> page = more ? rows.subList(0, request.limit()) : rows;
        String next = null;
        if (more) {
            R last = page.get(page.size() - 1);
            next = new Cursor(createdAt.apply(last), id.apply(last)).encode();
        }
        return new CursorPage<>(page.stream().map(mapper).toList(), next);
    }
}
