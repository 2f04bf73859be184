package org.minka.catalog;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.minka.catalog.portal.PortalClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks resource URLs politely: at most {@code perHost} requests at a time to one host, and at
 * most {@code hosts} hosts at a time.
 */
@Component
class ReachabilityChecks {

    private final PortalClient client;
    private final int perHost;
    private final int hosts;

    ReachabilityChecks(
            PortalClient client,
            @Value("${minka.catalog.reachability.per-host:2}") int perHost,
            @Value("${minka.catalog.reachability.hosts:8}") int hosts) {
        this.client = client;
        this.perHost = perHost;
        this.hosts = hosts;
    }

    int perHost() {
        return perHost;
    }

    /** URL to whether it answered 2xx/3xx. */
    Mono<Map<String, Boolean>> check(Collection<String> urls) {
        Map<String, List<String>> byHost =
                new LinkedHashSet<>(urls)
                        .stream()
                                .collect(
                                        Collectors.groupingBy(
                                                ReachabilityChecks::host,
                                                LinkedHashMap::new,
                                                Collectors.toList()));
        return Flux.fromIterable(byHost.values())
                .flatMap(this::checkHost, hosts)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The URLs of one host, at most {@code perHost} at a time. */
    private Flux<Map.Entry<String, Boolean>> checkHost(List<String> group) {
        return Flux.fromIterable(group).flatMap(this::checkOne, perHost);
    }

    private Mono<Map.Entry<String, Boolean>> checkOne(String url) {
        return client.reachable(url).map(ok -> Map.entry(url, ok));
    }

    private static String host(String url) {
        try {
            String host = URI.create(url.strip().replace(" ", "%20")).getAuthority();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException ex) {
            return "";
        }
    }
}
