package org.minka.common;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Rate limits on every write (POST, PUT, PATCH, DELETE), shared by all instances through {@link
 * RateLimiter}: one per client address, counted before authentication so that anonymous writes
 * count too, and one per signed-in user, counted after it. Over either limit the request gets a 429
 * {@code rate-limited} problem with {@code Retry-After}, and nothing runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class WriteRateLimits {

    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /** After the request id and body limit, before Spring Security's chain (-100). */
    static final int IP_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    /** After Spring Security's chain, before the idempotency filter. */
    static final int USER_ORDER = 0;

    static boolean isWrite(HttpMethod method) {
        return method != null && WRITES.contains(method);
    }

    @Bean
    static WebFilter ipWriteLimit(
            RateLimiter limiter,
            ProblemFactory problems,
            RateLimitProperties properties,
            List<OwnWriteLimits> own) {
        ClientAddress clients = new ClientAddress(properties.trustedProxies());
        return new Filter(
                limiter,
                problems,
                properties,
                Exempt.of(own),
                properties.perIp(),
                IP_ORDER,
                exchange -> Mono.just("write:ip:" + clients.of(exchange.getRequest())));
    }

    @Bean
    static WebFilter userWriteLimit(
            RateLimiter limiter,
            ProblemFactory problems,
            RateLimitProperties properties,
            List<OwnWriteLimits> own) {
        return new Filter(
                limiter,
                problems,
                properties,
                Exempt.of(own),
                properties.perUser(),
                USER_ORDER,
                exchange -> exchange.getPrincipal().map(WriteRateLimits::userKey));
    }

    private static String userKey(Principal principal) {
        return "write:user:" + principal.getName();
    }

    /** Deletes ended windows every {@code purge-every}, one instance at a time. */
    @Bean
    static SmartLifecycle rateLimitPurge(
            RateLimiter limiter, RateLimitProperties properties, ClusterLocks locks) {
        return new PeriodicTask(
                        "Purging rate-limit windows",
                        properties.purgeEvery(),
                        properties.purgeEvery(),
                        limiter::purge)
                .clusterSingleton(locks);
    }

    /** The writes that modules count under their own limits ({@link OwnWriteLimits}). */
    record Exempt(List<PathPattern> patterns) {

        static Exempt of(List<OwnWriteLimits> own) {
            return new Exempt(
                    own.stream()
                            .flatMap(o -> o.paths().stream())
                            .map(PathPatternParser.defaultInstance::parse)
                            .toList());
        }

        boolean covers(ServerWebExchange exchange) {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            return patterns.stream().anyMatch(p -> p.matches(path));
        }
    }

    /**
     * Counts each write against the key {@code caller} gives (none: not counted), except those a
     * module counts itself.
     */
    static final class Filter implements WebFilter, Ordered {

        /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
        @Override
        public String toString() {
            return "WriteRateLimits.Filter";
        }

        private static final RateLimiter.Decision UNCOUNTED = new RateLimiter.Decision(true, 0, 0);

        private final RateLimiter limiter;
        private final ProblemFactory problems;
        private final RateLimitProperties properties;
        private final Exempt exempt;
        private final int limit;
        private final int order;
        private final Function<ServerWebExchange, Mono<String>> caller;

        Filter(
                RateLimiter limiter,
                ProblemFactory problems,
                RateLimitProperties properties,
                Exempt exempt,
                int limit,
                int order,
                Function<ServerWebExchange, Mono<String>> caller) {
            this.limiter = limiter;
            this.problems = problems;
            this.properties = properties;
            this.exempt = exempt;
            this.limit = limit;
            this.order = order;
            this.caller = caller;
        }

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (!properties.enabled()
                    || !isWrite(exchange.getRequest().getMethod())
                    || exempt.covers(exchange)) {
                return chain.filter(exchange);
            }
            return decide(exchange).flatMap(decision -> proceed(exchange, chain, decision));
        }

        private Mono<RateLimiter.Decision> decide(ServerWebExchange exchange) {
            return caller.apply(exchange)
                    .flatMap(key -> limiter.check(key, limit, properties.window()))
                    .defaultIfEmpty(UNCOUNTED);
        }

        private Mono<Void> proceed(
                ServerWebExchange exchange, WebFilterChain chain, RateLimiter.Decision decision) {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            return problems.write(exchange, new RateLimitedException(decision.retryAfterSeconds()));
        }
    }
}
