package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@link IndexedHandlerMapping} answers every request as Spring's full scan of the mappings does:
 * the same handler, the same path variables and best pattern, or the same error (404, 405, 406,
 * 415), over the app's own mappings with every method and a range of paths (each pattern filled in,
 * with a trailing slash, in upper case, percent-encoded, with matrix parameters, double slashes,
 * "mine" where an id goes) and media types (in turn, so that the test stays short).
 */
class IndexedHandlerMappingIntegrationTests extends IntegrationTest {

    private static final List<HttpMethod> METHODS =
            List.of(
                    HttpMethod.GET,
                    HttpMethod.HEAD,
                    HttpMethod.POST,
                    HttpMethod.PUT,
                    HttpMethod.PATCH,
                    HttpMethod.DELETE,
                    HttpMethod.OPTIONS);

    private static final List<String> ACCEPTS =
            List.of(
                    "application/json",
                    "text/event-stream",
                    "application/pdf,text/csv;q=0.5",
                    "*/*");

    private static final List<String> BODIES =
            List.of("application/json", "text/plain", "multipart/form-data; boundary=x");

    @Autowired ApplicationContext context;

    private IndexedHandlerMapping mapping() {
        Object bean = context.getBean("requestMappingHandlerMapping");
        assertThat(bean).isInstanceOf(IndexedHandlerMapping.class);
        return (IndexedHandlerMapping) bean;
    }

    @Test
    void lookupWhenAnyRequestThenSameAnswerAsSpringsFullScan() throws Exception {
        IndexedHandlerMapping mapping = mapping();
        Set<String> paths = paths(mapping);
        int handled = 0;
        List<String> differences = new ArrayList<>();
        int turn = 0;
        for (String path : paths) {
            for (HttpMethod method : METHODS) {
                String accept = ACCEPTS.get(turn++ % ACCEPTS.size());
                for (String body : bodyTypes(method)) {
                    String indexed = answer(mapping, path, method, accept, body, true);
                    String scanned = answer(mapping, path, method, accept, body, false);
                    if (!indexed.equals(scanned)) {
                        differences.add(method + " " + path + " " + accept + " " + body);
                    }
                    handled += indexed.startsWith("handler") ? 1 : 0;
                }
            }
        }
        assertThat(differences).isEmpty();
        // not a comparison of two empty answers: most filled-in patterns reach a handler
        assertThat(handled).isGreaterThan(mapping.getHandlerMethods().size() * 2);
        assertThat(paths).hasSizeGreaterThan(mapping.getHandlerMethods().size());
    }

    @Test
    void lookupWhenPathHasVariablesThenOnlyAFewMappingsAreTried() {
        IndexedHandlerMapping mapping = mapping();
        var cast =
                MockServerWebExchange.from(
                        MockServerHttpRequest.post(
                                        "/api/v1/events/{id}/voting/ballots",
                                        java.util.UUID.randomUUID())
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON));

        List<IndexedHandlerMapping.Entry> candidates = mapping.candidates(cast);

        assertThat(candidates).isNotNull().hasSizeBetween(1, 4);
        assertThat(mapping.getHandlerMethods()).hasSizeGreaterThan(100);
    }

    @Test
    void lookupWhenCorsPreflightOrDoubleSlashThenSpringsFullScanDecides() {
        IndexedHandlerMapping mapping = mapping();
        var preflight =
                MockServerWebExchange.from(
                        MockServerHttpRequest.options("/api/v1/events/x")
                                .header(HttpHeaders.ORIGIN, "https://app.example.org")
                                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"));
        var doubleSlash =
                MockServerWebExchange.from(
                        MockServerHttpRequest.method(
                                HttpMethod.GET, java.net.URI.create("/api//v1/events")));

        assertThat(mapping.candidates(preflight)).isNull();
        assertThat(mapping.candidates(doubleSlash)).isNull();
    }

    private static List<String> bodyTypes(HttpMethod method) {
        boolean body =
                method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        return body ? BODIES : java.util.Collections.singletonList(null);
    }

    /** Each pattern filled in, and the same with the variations a client may send. */
    private static Set<String> paths(RequestMappingHandlerMapping mapping) {
        Set<String> paths = new LinkedHashSet<>();
        int turn = 0;
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                String filled =
                        fill(pattern.getPatternString(), "0f8e2c1a-7b7d-4c1e-9a57-3f1b2c3d4e5f");
                paths.add(filled);
                paths.add(fill(pattern.getPatternString(), "mine"));
                // two of the variations per pattern, in turn (all of them for every pattern take
                // a minute)
                List<String> variations =
                        List.of(
                                filled + "/",
                                filled.toUpperCase(java.util.Locale.ROOT),
                                filled.replaceFirst("/api/", "/%61pi/"),
                                filled.replaceFirst("/v1/", "/v1;p=1/"),
                                filled + "/extra",
                                filled.replaceFirst("/", "//"));
                paths.add(variations.get(turn++ % variations.size()));
                paths.add(variations.get(turn++ % variations.size()));
            }
        }
        paths.addAll(
                List.of("/", "/nope", "/api/v1", "/api/v1/", "/api/v1/events//x", "/v3/api-docs"));
        return paths;
    }

    private static String fill(String pattern, String value) {
        return pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                .replace("**", "a/b")
                .replaceAll("\\{[^}]+}", value)
                .replace("*", "x");
    }

    private static String answer(
            IndexedHandlerMapping mapping,
            String path,
            HttpMethod method,
            String accept,
            String contentType,
            boolean indexed) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.method(method, java.net.URI.create(path))
                        .header(HttpHeaders.ACCEPT, accept);
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        try {
            HandlerMethod found =
                    indexed ? mapping.lookupHandlerMethod(exchange) : mapping.scanAll(exchange);
            return found == null ? "none" : "handler " + found + " " + attributes(exchange);
        } catch (Exception ex) {
            return "error " + ex;
        }
    }

    private static Map<String, String> attributes(MockServerWebExchange exchange) {
        Map<String, String> seen = new TreeMap<>();
        for (String name :
                List.of(
                        HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                        HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                        HandlerMapping.MATRIX_VARIABLES_ATTRIBUTE,
                        HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE,
                        HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE)) {
            seen.put(name, Objects.toString(exchange.getAttribute(name)));
        }
        return seen;
    }
}
