package org.minka.catalog.portal;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.NameResolverProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CKAN, DKAN and DCAT-US portals over the reactive WebClient. Every failure becomes a problem
 * for the caller: the portal down (5xx after retries), too slow, too large, unreadable, refusing
 * the request, or at an address Minka does not fetch from. Each operation has one total deadline
 * across all its requests and retries ({@link OutboundProperties}), and every connection (each
 * redirect included) goes only to an address the {@link AddressGuard} permits.
 */
@Component
public class PortalClient implements org.springframework.beans.factory.DisposableBean {

    /** Which deadline an operation runs under. */
    public enum Deadline {
        /** A user waits for it (registering a portal, linking a dataset). */
        USER,
        /** A background refresh or check. */
        BACKGROUND
    }

    private final WebClient web;
    private final HttpClient http;
    private final PortalProperties props;
    private final OutboundProperties outbound;
    private final GuardedResolverGroup resolvers;
    private final JsonMapper json;

    /**
     * Outbound fetches run on event loops and a connection pool of their own, not the global ones:
     * another application context in the same JVM (a test's second instance) disposes the global
     * resources when it closes, and a resolver bound to them would fail every fetch after.
     */
    private final LoopResources loops = LoopResources.create("portal-client", 1, true);

    private final ConnectionProvider connections =
            ConnectionProvider.builder("portal-client").maxConnections(64).build();

    public PortalClient(PortalProperties props, OutboundProperties outbound, JsonMapper json) {
        this.props = props;
        this.outbound = outbound;
        this.json = json;
        this.resolvers = resolvers(new AddressGuard(outbound.allow()), loops);
        this.http = guarded(props, resolvers, connections, loops);
        this.web =
                WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(http))
                        .defaultHeader(HttpHeaders.USER_AGENT, props.userAgent())
                        .defaultHeader(HttpHeaders.ACCEPT, ACCEPT)
                        .build();
    }

    private static final String ACCEPT = MediaType.APPLICATION_JSON_VALUE + ", */*;q=0.5";

    /** The usual non-blocking DNS resolver of reactor-netty's client, behind the guard. */
    private static GuardedResolverGroup resolvers(AddressGuard guard, LoopResources loops) {
        boolean preferNative = HttpClient.create().configuration().isPreferNative();
        AddressResolverGroup<InetSocketAddress> usual =
                NameResolverProvider.builder().build().newNameResolverGroup(loops, preferNative);
        return new GuardedResolverGroup(usual, guard);
    }

    private static HttpClient guarded(
            PortalProperties props,
            GuardedResolverGroup resolvers,
            ConnectionProvider connections,
            LoopResources loops) {
        return HttpClient.create(connections)
                .runOn(loops)
                .resolver(resolvers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) props.timeout().toMillis())
                .responseTimeout(props.timeout())
                .followRedirect(true);
    }

    /**
     * Fails with a refused-address problem when the URL's host resolves to an address the guard
     * refuses. A host that does not resolve passes (nothing would be fetched from it).
     */
    public Mono<Void> checkAddress(String url) {
        URI uri = URI.create(url.strip());
        int port = uri.getPort() > 0 ? uri.getPort() : defaultPort(uri);
        InetSocketAddress address = InetSocketAddress.createUnresolved(uri.getHost(), port);
        EventLoop loop = loops.onClient(true).next();
        Mono<Void> resolved =
                Mono.create(
                        sink ->
                                resolvers
                                        .getResolver(loop)
                                        .resolveAll(address)
                                        .addListener(f -> settle(f, sink)));
        return resolved.onErrorResume(e -> refusedOrPass(e, uri))
                .timeout(outbound.deadline(), Mono.empty());
    }

    private static void settle(Future<?> f, MonoSink<Void> sink) {
        if (f.isSuccess()) {
            sink.success();
        } else {
            sink.error(f.cause());
        }
    }

    private static Mono<Void> refusedOrPass(Throwable e, URI uri) {
        if (e instanceof GuardedResolverGroup.RefusedAddress) {
            return Mono.error(
                    new MinkaException(ProblemType.PORTAL_ADDRESS_REFUSED, uri.getHost()));
        }
        return Mono.empty();
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A dataset's snapshot and the raw record it came from. */
    public record Fetched(DatasetSnapshot snapshot, JsonNode raw) {}

    /** Reads one dataset by its id or slug at the portal, under the user-facing deadline. */
    public Mono<Fetched> fetchDataset(PortalKind kind, String baseUrl, String datasetId) {
        return fetchDataset(kind, baseUrl, datasetId, Deadline.USER);
    }

    /** Reads one dataset by its id or slug at the portal, under the given deadline. */
    public Mono<Fetched> fetchDataset(
            PortalKind kind, String baseUrl, String datasetId, Deadline deadline) {
        Mono<Fetched> read =
                kind == PortalKind.DCAT_US
                        ? fetchDcat(baseUrl, datasetId)
                        : fetchCkan(baseUrl, datasetId);
        return within(read, deadline, host(URI.create(stripSlash(baseUrl))));
    }

    private Mono<Fetched> fetchDcat(String baseUrl, String datasetId) {
        return getJson(dataJson(baseUrl), "data.json")
                .flatMap(catalog -> dcatEntry(catalog, baseUrl, datasetId));
    }

    private static Mono<Fetched> dcatEntry(JsonNode catalog, String baseUrl, String id) {
        JsonNode entry = findDcatEntry(catalog, id);
        if (entry == null) {
            return Mono.error(notFound(baseUrl, id));
        }
        return Mono.just(new Fetched(PortalRecords.fromDcatUs(entry), entry));
    }

    private Mono<Fetched> fetchCkan(String baseUrl, String datasetId) {
        URI uri =
                UriComponentsBuilder.fromUriString(stripSlash(baseUrl))
                        .path("/api/3/action/package_show")
                        .queryParam("id", "{id}")
                        .encode()
                        .buildAndExpand(datasetId)
                        .toUri();
        return getJson(uri, "CKAN package_show answer")
                .onErrorMap(PortalClient::isNotFound, e -> notFound(baseUrl, datasetId))
                .flatMap(root -> ckanDataset(root, uri, baseUrl, datasetId));
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof MinkaException m
                && m.type() == ProblemType.PORTAL_REJECTED
                && "404".equals(String.valueOf(m.args()[1]));
    }

    private static Mono<Fetched> ckanDataset(
            JsonNode root, URI uri, String baseUrl, String datasetId) {
        if (root.path("success").isBoolean() && !root.path("success").booleanValue()) {
            return Mono.error(notFound(baseUrl, datasetId));
        }
        JsonNode dataset = PortalRecords.unwrapPackageShow(root);
        if (dataset == null) {
            return Mono.error(invalid(uri, "CKAN package_show answer"));
        }
        return Mono.just(new Fetched(PortalRecords.fromCkan(dataset), dataset));
    }

    /**
     * Detects the kind: CKAN answers {@code status_show} with a ckan_version; DKAN answers the
     * CKAN-compatible {@code package_list} but not {@code status_show}; else a DCAT-US {@code
     * data.json} with a dataset list. All three probes share the user-facing deadline.
     */
    public Mono<PortalKind> detect(String baseUrl) {
        String base = stripSlash(baseUrl);
        Mono<PortalKind> ckan =
                getJson(URI.create(base + "/api/3/action/status_show"), "status")
                        .filter(n -> n.path("result").has("ckan_version"))
                        .map(n -> PortalKind.CKAN);
        Mono<PortalKind> dkan =
                getJson(URI.create(base + "/api/3/action/package_list?limit=1"), "package list")
                        .filter(PortalClient::isPackageList)
                        .map(n -> PortalKind.DKAN);
        Mono<PortalKind> dcat =
                getJson(dataJson(base), "data.json")
                        .filter(n -> n.path("dataset").isArray())
                        .map(n -> PortalKind.DCAT_US);
        Mono<PortalKind> detected =
                probe(ckan)
                        .switchIfEmpty(probe(dkan))
                        .switchIfEmpty(probe(dcat))
                        .switchIfEmpty(Mono.error(undetectable(base)));
        return within(detected, Deadline.USER, host(URI.create(base)));
    }

    /** A probe that found nothing; a refused address stays an error. */
    private static Mono<PortalKind> probe(Mono<PortalKind> kind) {
        return kind.onErrorResume(PortalClient::probeFailed, e -> Mono.empty());
    }

    private static boolean probeFailed(Throwable e) {
        return e instanceof MinkaException m && m.type() != ProblemType.PORTAL_ADDRESS_REFUSED;
    }

    private static boolean isPackageList(JsonNode n) {
        return n.path("success").asBoolean(false) && n.path("result").isArray();
    }

    private static MinkaException undetectable(String base) {
        return new MinkaException(ProblemType.PORTAL_UNDETECTABLE, base);
    }

    /**
     * Whether a resource URL answers 2xx or 3xx: a HEAD first, then a GET of its first byte when
     * the HEAD is refused or fails. No body is read; the connection is closed after the headers. A
     * URL at a refused address is not contacted and counts as not reachable.
     */
    public Mono<Boolean> reachable(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip().replace(" ", "%20"));
        } catch (IllegalArgumentException ex) {
            return Mono.just(false);
        }
        Mono<Boolean> head = answers(http.headers(this::userAgent).head().uri(uri));
        Mono<Boolean> rangedGet = answers(http.headers(this::firstByte).get().uri(uri));
        Mono<Boolean> either = head.flatMap(ok -> ok ? Mono.just(true) : rangedGet);
        return either.timeout(outbound.backgroundDeadline(), Mono.just(false));
    }

    private Mono<Boolean> answers(HttpClient.ResponseReceiver<?> request) {
        return request.response()
                .map(r -> r.status().code() < 400)
                .timeout(props.timeout())
                .onErrorReturn(false);
    }

    private void userAgent(io.netty.handler.codec.http.HttpHeaders h) {
        h.set(HttpHeaders.USER_AGENT, props.userAgent());
    }

    private void firstByte(io.netty.handler.codec.http.HttpHeaders h) {
        userAgent(h);
        h.set(HttpHeaders.RANGE, "bytes=0-0");
    }

    /** GETs a URL and parses it as JSON, with the time-outs, retries and cap. */
    public Mono<JsonNode> getJson(URI uri, String what) {
        return getBytes(uri).map(bytes -> parse(bytes, uri, what));
    }

    private JsonNode parse(byte[] bytes, URI uri, String what) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isContainer()) {
                throw invalid(uri, what);
            }
            return node;
        } catch (JacksonException ex) {
            throw invalid(uri, what);
        }
    }

    /** The operation, failed with a time-out problem once its deadline has passed. */
    private <T> Mono<T> within(Mono<T> operation, Deadline deadline, String host) {
        Duration limit =
                deadline == Deadline.USER ? outbound.deadline() : outbound.backgroundDeadline();
        Mono<T> late = Mono.error(() -> new MinkaException(ProblemType.PORTAL_TIMEOUT, host));
        return operation.timeout(limit, late);
    }

    private Mono<byte[]> getBytes(URI uri) {
        return web.get()
                .uri(uri)
                .exchangeToMono(response -> body(response, uri))
                .timeout(props.totalTimeout())
                .retryWhen(
                        Retry.backoff(props.retries(), props.backoff())
                                .filter(PortalClient::retryable)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(e -> !(e instanceof MinkaException), e -> translate(e, uri));
    }

    private Mono<byte[]> body(ClientResponse response, URI uri) {
        int status = response.statusCode().value();
        if (status >= 500) {
            return response.releaseBody().then(Mono.error(new PortalStatus(status)));
        }
        if (status >= 300) {
            MinkaException rejected =
                    new MinkaException(
                            ProblemType.PORTAL_REJECTED, host(uri), String.valueOf(status));
            return response.releaseBody().then(Mono.error(rejected));
        }
        long declared = response.headers().contentLength().orElse(-1);
        if (declared > props.maxBytes()) {
            return Mono.error(new DataBufferLimitException("Content-Length " + declared));
        }
        return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), props.maxBytes())
                .map(PortalClient::bytes)
                .defaultIfEmpty(new byte[0]);
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    /** Retries only on 5xx answers and time-outs. */
    static boolean retryable(Throwable e) {
        return e instanceof PortalStatus || isTimeout(e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ReadTimeoutException) {
                return true;
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private MinkaException translate(Throwable e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GuardedResolverGroup.RefusedAddress) {
                return new MinkaException(ProblemType.PORTAL_ADDRESS_REFUSED, uri.getHost());
            }
        }
        if (e instanceof PortalStatus status) {
            return new MinkaException(
                    ProblemType.PORTAL_UNAVAILABLE, host(uri), "HTTP " + status.status);
        }
        if (isTimeout(e)) {
            return new MinkaException(ProblemType.PORTAL_TIMEOUT, host(uri));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataBufferLimitException) {
                return new MinkaException(
                        ProblemType.PORTAL_RESPONSE_TOO_LARGE,
                        host(uri),
                        String.valueOf(props.maxBytes()));
            }
        }
        if (e instanceof WebClientRequestException) {
            return new MinkaException(ProblemType.PORTAL_UNAVAILABLE, host(uri), "no connection");
        }
        return new MinkaException(ProblemType.PORTAL_INVALID_RESPONSE, host(uri), "response");
    }

    private static MinkaException invalid(URI uri, String what) {
        return new MinkaException(ProblemType.PORTAL_INVALID_RESPONSE, host(uri), what);
    }

    private static MinkaException notFound(String baseUrl, String datasetId) {
        return new MinkaException(
                ProblemType.PORTAL_DATASET_NOT_FOUND,
                host(URI.create(stripSlash(baseUrl))),
                datasetId);
    }

    private static JsonNode findDcatEntry(JsonNode catalog, String id) {
        for (JsonNode d : catalog.path("dataset")) {
            for (String field : new String[] {"identifier", "@id", "landingPage"}) {
                String value = PortalRecords.text(d, field);
                if (value != null && value.equals(id)) {
                    return d;
                }
            }
        }
        return null;
    }

    private static URI dataJson(String baseUrl) {
        String base = stripSlash(baseUrl);
        return URI.create(
                base.toLowerCase(Locale.ROOT).endsWith(".json") ? base : base + "/data.json");
    }

    static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    private static String host(URI uri) {
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }

    /** A 5xx answer, retried before it becomes a problem. */
    static final class PortalStatus extends RuntimeException {
        final int status;

        PortalStatus(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    /** Closes the outbound pool and its event loops with the application context. */
    @Override
    public void destroy() {
        connections.dispose();
        loops.dispose();
    }
}
