package org.minka.common;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The id of a request: taken from {@code X-Request-Id} when it is well formed, else generated. */
final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIds.class.getName();
    public static final String CONTEXT_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private RequestIds() {}

    static String resolve(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }

    /** The id of this exchange, assigning one if the filter has not run (never null). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = resolve(exchange.getRequest().getHeaders().getFirst(HEADER));
            exchange.getAttributes().put(ATTRIBUTE, id);
        }
        return id;
    }
}
