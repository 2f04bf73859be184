package org.minka.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Responses for reads: an ETag (so {@code If-None-Match} gets a 304: a list of tags, weak
 * comparison, and {@code *} through {@link ConditionalRequestFilter}), revalidating cache headers,
 * and the {@code Link} header of cursor pages; and the version an {@code If-Match} expects.
 */
@Component
public class HttpCaching {

    private final JsonMapper json;

    HttpCaching(JsonMapper json) {
        this.json = json;
    }

    /** A 200 whose ETag is a digest of the body. */
    public <T> ResponseEntity<T> ok(T body) {
        return ResponseEntity.ok()
                .eTag(digest(json.writeValueAsBytes(body)))
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    /** A 200 with a given ETag, for representations whose version is their identity. */
    public <T> ResponseEntity<T> ok(T body, String etag) {
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache()).body(body);
    }

    /**
     * A 200 for a page, with a digest ETag and {@code Link: <...>; rel="next"} when there is more.
     */
    public <T> ResponseEntity<CursorPage<T>> page(CursorPage<T> page, ServerWebExchange exchange) {
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.ok()
                        .eTag(digest(json.writeValueAsBytes(page)))
                        .cacheControl(CacheControl.noCache());
        if (page.nextCursor() != null) {
            String next =
                    UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                            .replaceQueryParam("cursor", page.nextCursor())
                            .build()
                            .toUriString();
            builder.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return builder.body(page);
    }

    /** The strong ETag of a versioned representation, e.g. {@code "7"} or {@code "7-VOTING"}. */
    public static String versionTag(long version, String qualifier) {
        return "\"" + version + (qualifier == null ? "" : "-" + qualifier) + "\"";
    }

    /**
     * The version an {@code If-Match} header expects, or null when absent or {@code *} (any current
     * representation: the write itself answers 404 when there is none). If-Match compares strongly
     * (RFC 9110, 13.1.1): weak tags never match, and of a list the first strong tag is the version
     * expected. A value that is not one of our tags can never match, so it fails as a stale write.
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        List<String> tags = List.of(ifMatch.split(","));
        if (tags.stream().anyMatch(HttpCaching::isWildcard)) {
            return null;
        }
        return tags.stream()
                .map(String::trim)
                .filter(tag -> !tag.startsWith("W/"))
                .findFirst()
                .map(HttpCaching::version)
                .orElseThrow(() -> new MinkaException(ProblemType.STALE_VERSION));
    }

    private static long version(String strongTag) {
        String tag = strongTag.replace("\"", "");
        int dash = tag.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? tag : tag.substring(0, dash));
        } catch (NumberFormatException ex) {
            throw new MinkaException(ProblemType.STALE_VERSION);
        }
    }

    /** Whether a conditional header's value is (or lists) {@code *}. */
    static boolean isWildcard(String value) {
        return List.of(value.split(",")).stream().anyMatch(tag -> tag.trim().equals("*"));
    }

    /** Fails with 412 when the client expected another version. */
    public static void checkVersion(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new MinkaException(ProblemType.STALE_VERSION);
        }
    }

    static String digest(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
