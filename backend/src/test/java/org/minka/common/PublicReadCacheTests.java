package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The per-instance cache of anonymous public reads, without a server. */
class PublicReadCacheTests {

    private static final String PATH = "/api/v1/events/e1/challenges";
    private static final String TAG = "\"abc123\"";

    private final AtomicLong now = new AtomicLong(1_000);
    private final PublicReadCache cache = new PublicReadCache(Duration.ofSeconds(1), now::get);
    private final List<ServerWebExchange> served = new ArrayList<>();
    private HttpStatus status = HttpStatus.OK;
    private String body = "{\"items\":[1]}";

    /** As WebFlux's handlers answer: a matching {@code If-None-Match} gets a 304 from the chain. */
    private final WebFilterChain chain =
            exchange -> {
                served.add(exchange);
                if (exchange.checkNotModified(TAG)) {
                    return exchange.getResponse().setComplete();
                }
                var response = exchange.getResponse();
                response.setStatusCode(status);
                response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                response.getHeaders().setETag(TAG);
                response.getHeaders().set("X-Request-Id", "id-" + served.size());
                response.getHeaders().set(HttpHeaders.TRANSFER_ENCODING, "chunked");
                response.beforeCommit(
                        () -> {
                            response.getHeaders().set("X-Content-Type-Options", "nosniff");
                            return Mono.empty();
                        });
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
            };

    private MockServerWebExchange get(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        cache.filter(exchange, chain).block();
        return exchange;
    }

    private MockServerWebExchange get() {
        return get(MockServerHttpRequest.get(PATH));
    }

    @Test
    void readWhenRepeatedWithinTtlThenSameBytesAndHeadersWithoutTheChain() {
        MockServerWebExchange first = get();
        MockServerWebExchange second = get();

        assertThat(served).hasSize(1);
        assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getResponse().getBodyAsString().block())
                .isEqualTo(first.getResponse().getBodyAsString().block())
                .isEqualTo(body);
        HttpHeaders headers = second.getResponse().getHeaders();
        assertThat(headers.getETag()).isEqualTo(TAG);
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.getContentLength()).isEqualTo(body.length());
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Request-Id")).isNull();
        assertThat(headers.getFirst(HttpHeaders.TRANSFER_ENCODING)).isNull();
    }

    @Test
    void readWhenIfNoneMatchMatchesThen304FromTheChainsFullAnswerAndFromTheCache() {
        MockServerWebExchange miss = get(MockServerHttpRequest.get(PATH).ifNoneMatch(TAG));
        assertThat(miss.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(served.get(0).getRequest().getHeaders().getIfNoneMatch()).isEmpty();
        assertThat(miss.getResponse().getBodyAsString().block()).isEmpty();

        for (String tag : List.of(TAG, "W/" + TAG, "\"other\", " + TAG, "*")) {
            MockServerWebExchange hit =
                    get(MockServerHttpRequest.get(PATH).header("If-None-Match", tag));
            assertThat(hit.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(hit.getResponse().getHeaders().getETag()).isEqualTo(TAG);
            assertThat(hit.getResponse().getHeaders().getContentType()).isNull();
        }
        assertThat(served).hasSize(1);

        MockServerWebExchange full = get();
        assertThat(full.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(full.getResponse().getBodyAsString().block()).isEqualTo(body);
        assertThat(full.getResponse().getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(served).hasSize(1);
    }

    @Test
    void readWhenIfNoneMatchDiffersThenFullBody() {
        get();
        MockServerWebExchange stale = get(MockServerHttpRequest.get(PATH).ifNoneMatch("\"old\""));
        assertThat(stale.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stale.getResponse().getBodyAsString().block()).isEqualTo(body);
    }

    @Test
    void readWhenTokenOrCookieOrOtherPathThenAlwaysThroughTheChain() {
        for (int i = 0; i < 2; i++) {
            get(MockServerHttpRequest.get(PATH).header(HttpHeaders.AUTHORIZATION, "Bearer x"));
            get(MockServerHttpRequest.get(PATH).header(HttpHeaders.COOKIE, "a=b"));
            get(MockServerHttpRequest.get("/actuator/health"));
        }
        assertThat(served).hasSize(6);
    }

    @Test
    void readWhenQueryAcceptLanguageOrOriginDifferThenKeptApart() {
        get();
        get(MockServerHttpRequest.get(PATH + "?limit=5"));
        get(MockServerHttpRequest.get(PATH).header(HttpHeaders.ACCEPT_LANGUAGE, "es"));
        get(MockServerHttpRequest.get(PATH).header(HttpHeaders.ORIGIN, "https://a.example"));
        get(MockServerHttpRequest.get(PATH).accept(MediaType.TEXT_PLAIN));
        assertThat(served).hasSize(5);
        get(MockServerHttpRequest.get(PATH + "?limit=5"));
        assertThat(served).hasSize(5);
    }

    @Test
    void readWhenTtlPassedThenThroughTheChainAgain() {
        get();
        now.addAndGet(Duration.ofMillis(999).toNanos());
        get();
        assertThat(served).hasSize(1);
        now.addAndGet(Duration.ofMillis(2).toNanos());
        get();
        assertThat(served).hasSize(2);
    }

    @Test
    void readWhenTtlPassedAndARefreshIsOnItsWayThenOthersGetTheKeptAnswerMeanwhile() {
        get();
        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        Sinks.Empty<Void> dbAnswers = Sinks.empty();
        MockServerWebExchange refresher =
                MockServerWebExchange.from(MockServerHttpRequest.get(PATH));
        body = "{\"items\":[1,2]}";
        Mono<Void> refresh =
                cache.filter(
                        refresher,
                        ex -> dbAnswers.asMono().then(Mono.defer(() -> chain.filter(ex))));
        var inFlight = refresh.toFuture();

        MockServerWebExchange meanwhile = get();

        assertThat(served).as("only the first request went down the chain").hasSize(1);
        assertThat(meanwhile.getResponse().getBodyAsString().block()).isEqualTo("{\"items\":[1]}");
        dbAnswers.tryEmitEmpty();
        inFlight.join();
        assertThat(served).hasSize(2);
        assertThat(get().getResponse().getBodyAsString().block()).isEqualTo("{\"items\":[1,2]}");
        assertThat(served).as("the refreshed entry is served").hasSize(2);
    }

    @Test
    void readWhenTwiceTheTtlPassedThenNotServedEvenWhileARefreshIsOnItsWay() {
        get();
        now.addAndGet(Duration.ofMillis(2_001).toNanos());
        Sinks.Empty<Void> dbAnswers = Sinks.empty();
        MockServerWebExchange refresher =
                MockServerWebExchange.from(MockServerHttpRequest.get(PATH));
        var inFlight =
                cache.filter(
                                refresher,
                                ex -> dbAnswers.asMono().then(Mono.defer(() -> chain.filter(ex))))
                        .toFuture();

        get();

        assertThat(served).as("too old to serve: the second request went through").hasSize(2);
        dbAnswers.tryEmitEmpty();
        inFlight.join();
    }

    @Test
    void readWhenARefreshFailsThenTheNextRequestRefreshes() {
        get();
        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        MockServerWebExchange failing = MockServerWebExchange.from(MockServerHttpRequest.get(PATH));
        cache.filter(failing, ex -> Mono.error(new IllegalStateException("db down")))
                .onErrorResume(e -> Mono.empty())
                .block();

        get();

        assertThat(served).as("the claim was given back: this one refreshed").hasSize(2);
    }

    @Test
    void readWhenAWriteWentThroughThisInstanceThenThroughTheChainAgain() {
        get();
        MockServerWebExchange write = MockServerWebExchange.from(MockServerHttpRequest.post(PATH));
        cache.filter(write, ex -> Mono.empty()).block();
        get();
        assertThat(served).hasSize(2);
    }

    @Test
    void readWhenNotA200OrWithoutETagThenNotKept() {
        status = HttpStatus.NOT_FOUND;
        get();
        get();
        assertThat(served).hasSize(2);
        status = HttpStatus.OK;
        WebFilterChain untagged =
                exchange -> {
                    served.add(exchange);
                    var response = exchange.getResponse();
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
                };
        for (int i = 0; i < 2; i++) {
            cache.filter(MockServerWebExchange.from(MockServerHttpRequest.get(PATH)), untagged)
                    .block();
        }
        assertThat(served).hasSize(4);
    }

    @Test
    void readWhenTtlZeroThenCacheOff() {
        PublicReadCache off = new PublicReadCache(Duration.ZERO, now::get);
        for (int i = 0; i < 2; i++) {
            off.filter(MockServerWebExchange.from(MockServerHttpRequest.get(PATH)), chain).block();
        }
        assertThat(served).hasSize(2);
    }
}
