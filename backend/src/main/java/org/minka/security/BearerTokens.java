package org.minka.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The bearer token of the {@code Authorization} header, as Spring Security's {@code
 * ServerBearerTokenAuthenticationConverter} reads it with its defaults (no token in the query
 * string or a form body): no header, or one that does not start with "bearer", is no token; a
 * header that starts so but is not {@code Bearer <token68>} (RFC 6750: {@code ^Bearer
 * (?<token>[a-zA-Z0-9-._~+/]+=*)$}, ASCII case-insensitive) is an {@code invalid_token} error. The
 * same rule in a loop instead of the regular expression, which was 3.5 % of the app's CPU in {@code
 * make bench-vote} (a JWT is 700-odd characters); {@code BearerTokensTests} checks it against the
 * expression. The converter's merge of header, query and body tokens is not built either.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "bearer";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (!startsWithScheme(header)) {
            return Mono.empty();
        }
        String token = token(header);
        if (token == null) {
            return Mono.error(
                    new OAuth2AuthenticationException(
                            BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /** Whether the header starts with "bearer" in any case (Spring's test before its match). */
    static boolean startsWithScheme(String header) {
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /** The token of {@code Bearer <token68>}, or null if the header is not that. */
    static String token(String header) {
        int start = SCHEME.length() + 1;
        if (header.length() <= start || header.charAt(SCHEME.length()) != ' ') {
            return null;
        }
        for (int i = 0; i < SCHEME.length(); i++) {
            if ((header.charAt(i) | 0x20) != SCHEME.charAt(i)) {
                return null;
            }
        }
        int end = header.length();
        while (end > start && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == start) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (!tokenChar(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(start);
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
