package org.minka.catalog.portal;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
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
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CKAN, DKAN and DCAT-US portals over the reactive WebClient. Every failure becomes a problem
 * for the caller: the portal down (5xx after retries), too slow, too large, unreadable, or refusing
 * the request.
 */
@Component
public class PortalClient {

    private final WebClient web;
    private final HttpClient http;
    private final PortalProperties props;
    private final JsonMapper json;

    public PortalClient(PortalProperties props, JsonMapper json) {
        this.props = props;
        this.json = json;
        HttpClient http =
                HttpClient.create()
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                (int) props.timeout().toMillis())
                        .responseTimeout(props.timeout())
                        .followRedirect(true);
        this.http = http;
        this.web =
                WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(http))
                        .defaultHeader(HttpHeaders.USER_AGENT, props.userAgent())
                        .defaultHeader(
                                HttpHeaders.ACCEPT,
                                MediaType.APPLICATION_JSON_VALUE + ", */*;q=0.5")
                        .build();
    }

    /** A dataset's snapshot and the raw record it came from. */
    public record Fetched(DatasetSnapshot snapshot, JsonNode raw) {}

    /** Reads one dataset by its id or slug at the portal. */
    public Mono<Fetched> fetchDataset(PortalKind kind, String baseUrl, String datasetId) {
        if (kind == PortalKind.DCAT_US) {
            return getJson(dataJson(baseUrl), "data.json")
                    .flatMap(
                            catalog -> {
                                JsonNode entry = findDcatEntry(catalog, datasetId);
                                if (entry == null) {
                                    return Mono.error(notFound(baseUrl, datasetId));
                                }
                                return Mono.just(
                                        new Fetched(PortalRecords.fromDcatUs(entry), entry));
                            });
        }
        URI uri =
                UriComponentsBuilder.fromUriString(stripSlash(baseUrl))
                        .path("/api/3/action/package_show")
                        .queryParam("id", "{id}")
                        .encode()
                        .buildAndExpand(datasetId)
                        .toUri();
        return getJson(uri, "CKAN package_show answer")
                .onErrorMap(
                        e ->
                                e instanceof MinkaException m
                                        && m.type() == ProblemType.PORTAL_REJECTED
                                        && "404".equals(String.valueOf(m.args()[1])),
                        e -> notFound(baseUrl, datasetId))
                .flatMap(
                        root -> {
                            if (root.path("success").isBoolean()
                                    && !root.path("success").booleanValue()) {
                                return Mono.error(notFound(baseUrl, datasetId));
                            }
                            JsonNode dataset = PortalRecords.unwrapPackageShow(root);
                            if (dataset == null) {
                                return Mono.error(invalid(uri, "CKAN package_show answer"));
                            }
                            return Mono.just(new Fetched(PortalRecords.fromCkan(dataset), dataset));
                        });
    }

    /**
     * Detects the kind: CKAN answers {@code status_show} with a ckan_version; DKAN answers the
     * CKAN-compatible {@code package_list} but not {@code status_show}; else a DCAT-US {@code
     * data.json} with a dataset list.
     */
    public Mono<PortalKind> detect(String baseUrl) {
        String base = stripSlash(baseUrl);
        Mono<PortalKind> ckan =
                getJson(URI.create(base + "/api/3/action/status_show"), "status")
                        .filter(n -> n.path("result").has("ckan_version"))
                        .map(n -> PortalKind.CKAN);
        Mono<PortalKind> dkan =
                getJson(URI.create(base + "/api/3/action/package_list?limit=1"), "package list")
                        .filter(
                                n ->
                                        n.path("success").asBoolean(false)
                                                && n.path("result").isArray())
                        .map(n -> PortalKind.DKAN);
        Mono<PortalKind> dcat =
                getJson(dataJson(base), "data.json")
                        .filter(n -> n.path("dataset").isArray())
                        .map(n -> PortalKind.DCAT_US);
        return ckan.onErrorResume(MinkaException.class, e -> Mono.empty())
                .switchIfEmpty(dkan.onErrorResume(MinkaException.class, e -> Mono.empty()))
                .switchIfEmpty(dcat.onErrorResume(MinkaException.class, e -> Mono.empty()))
                .switchIfEmpty(
                        Mono.error(new MinkaException(ProblemType.PORTAL_UNDETECTABLE, base)));
    }

    /**
     * Whether a resource URL answers 2xx or 3xx: a HEAD first, then a GET of its first byte when
     * the HEAD is refused or fails. No body is read; the connection is closed after the headers.
     */
    public Mono<Boolean> reachable(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip().replace(" ", "%20"));
        } catch (IllegalArgumentException ex) {
            return Mono.just(false);
        }
        Mono<Boolean> head =
                http.headers(h -> h.set(HttpHeaders.USER_AGENT, props.userAgent()))
                        .head()
                        .uri(uri)
                        .response()
                        .map(r -> r.status().code() < 400)
                        .timeout(props.timeout())
                        .onErrorReturn(false);
        Mono<Boolean> rangedGet =
                http.headers(
                                h ->
                                        h.set(HttpHeaders.USER_AGENT, props.userAgent())
                                                .set(HttpHeaders.RANGE, "bytes=0-0"))
                        .get()
                        .uri(uri)
                        .response()
                        .map(r -> r.status().code() < 400)
                        .timeout(props.timeout())
                        .onErrorReturn(false);
        return head.flatMap(ok -> ok ? Mono.just(true) : rangedGet);
    }

    /** GETs a URL and parses it as JSON, with the time-outs, retries and cap. */
    public Mono<JsonNode> getJson(URI uri, String what) {
        return getBytes(uri)
                .map(
                        bytes -> {
                            try {
                                JsonNode node = json.readTree(bytes);
                                if (node == null || !node.isContainer()) {
                                    throw invalid(uri, what);
                                }
                                return node;
                            } catch (JacksonException ex) {
                                throw invalid(uri, what);
                            }
                        });
    }

    private Mono<byte[]> getBytes(URI uri) {
        return web.get()
                .uri(uri)
                .exchangeToMono(
                        response -> {
                            int status = response.statusCode().value();
                            if (status >= 500) {
                                return response.releaseBody()
                                        .then(Mono.error(new PortalStatus(status)));
                            }
                            if (status >= 300) {
                                return response.releaseBody()
                                        .then(
                                                Mono.error(
                                                        new MinkaException(
                                                                ProblemType.PORTAL_REJECTED,
                                                                host(uri),
                                                                String.valueOf(status))));
                            }
                            long declared = response.headers().contentLength().orElse(-1);
                            if (declared > props.maxBytes()) {
                                return Mono.error(
                                        new DataBufferLimitException("Content-Length " + declared));
                            }
                            return DataBufferUtils.join(
                                            response.bodyToFlux(DataBuffer.class), props.maxBytes())
                                    .map(
                                            buffer -> {
                                                byte[] bytes = new byte[buffer.readableByteCount()];
                                                buffer.read(bytes);
                                                DataBufferUtils.release(buffer);
                                                return bytes;
                                            })
                                    .defaultIfEmpty(new byte[0]);
                        })
                .timeout(props.totalTimeout())
                .retryWhen(
                        Retry.backoff(props.retries(), props.backoff())
                                .filter(PortalClient::retryable)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(e -> !(e instanceof MinkaException), e -> translate(e, uri));
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
}
