package org.minka.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Which requests pass without a signed-in user, decided in one plain pass over the path: any {@code
 * OPTIONS} (CORS preflights), the open paths with any method (health, API docs), and the public
 * reads with {@code GET} or {@code HEAD}. Everything else needs an authenticated user.
 *
 * <p>The same rules written as {@code pathMatchers(...).permitAll()} cost more than the rest of
 * authorization: Spring Security runs every rule's patterns through a {@code Flux} of matchers,
 * each answering a {@code Mono}, so a {@code POST} that no rule permits went through 63 of them
 * before {@code anyExchange().authenticated()} (docs/performance.md). The patterns and their
 * matching are Spring's ({@link PathPatternParser#defaultInstance}, on the path within the
 * application), as {@code pathMatchers} uses them.
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final Mono<AuthorizationResult> GRANTED =
            Mono.just(new AuthorizationDecision(true));

    private final List<PathPattern> open;
    private final List<PathPattern> publicReads;
    private final ReactiveAuthorizationManager<AuthorizationContext> authenticated =
            AuthenticatedReactiveAuthorizationManager.authenticated();

    AccessRules(List<String> open, List<String> publicReads) {
        this.open = parsed(open);
        this.publicReads = parsed(publicReads);
    }

    @Override
    public Mono<AuthorizationResult> authorize(
            Mono<Authentication> authentication, AuthorizationContext context) {
        if (isPublic(context.getExchange().getRequest())) {
            return GRANTED;
        }
        return authenticated.authorize(authentication, context);
    }

    /** Whether the request passes without a signed-in user. */
    boolean isPublic(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (HttpMethod.OPTIONS.equals(method)) {
            return true;
        }
        PathContainer path = request.getPath().pathWithinApplication();
        if (matchesAny(open, path)) {
            return true;
        }
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return read && matchesAny(publicReads, path);
    }

    private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathPattern> parsed(List<String> patterns) {
        return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }
}
