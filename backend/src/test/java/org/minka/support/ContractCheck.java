package org.minka.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks every response the full-stack tests receive against the committed contract ({@code
 * openapi/openapi.yaml}) with Atlassian's swagger-request-validator: the status must be declared
 * for the operation, the content type must be one it lists, and a JSON body must match its schema.
 * Mismatches are collected and fail the test that saw them (see {@link IntegrationTest}).
 *
 * <p>Not checked: requests (tests send malformed ones on purpose), paths the contract does not
 * describe (the actuator, {@code /v3/api-docs}, unknown URLs: the drift test covers the app's own
 * operations), and the bodies of streams and files (event streams, downloads, CSV), whose status
 * and content type are still checked.
 */
public final class ContractCheck {

    static final Path CONTRACT = Path.of("..", "openapi", "openapi.yaml");

    /** Set {@code -Dminka.openapi.report=FILE} to list mismatches in a file instead of failing. */
    static final String REPORT = System.getProperty("minka.openapi.report", "");

    /** Mismatches seen since the last {@link #drain()}. */
    public static final Queue<String> MISMATCHES = new ConcurrentLinkedQueue<>();

    /**
     * Statuses the contract may leave out, each with its reason: method, path pattern (regex) and
     * status.
     */
    static final List<Exemption> EXEMPT =
            List.of(
                    new Exemption(
                            "POST",
                            "/api/v1/submissions/[^/]+/artifacts",
                            500,
                            "ReaperIntegrationTests injects a SQL error (a trigger) after the object"
                                    + " is stored; an internal error is generic, not a contract"
                                    + " answer. A storage outage is a documented 503."));

    record Exemption(String method, String pathRegex, int status, String reason) {
        boolean covers(String method, String path, int status) {
            return this.method.equals(method) && this.status == status && path.matches(pathRegex);
        }
    }

    private static volatile OpenApiInteractionValidator validator;

    /**
     * Its own threads: off the event loops (BlockHound), and never queued behind the app's work on
     * boundedElastic.
     */
    private static final Scheduler CHECKS =
            Schedulers.newBoundedElastic(4, 10_000, "contract-check");

    private ContractCheck() {}

    /** The validator over the committed contract, built on first use. */
    public static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (ContractCheck.class) {
                if (validator == null) {
                    validator = build(CONTRACT);
                }
            }
        }
        return validator;
    }

    static OpenApiInteractionValidator build(Path contract) {
        return OpenApiInteractionValidator.createForSpecificationUrl(
                        contract.toAbsolutePath().normalize().toUri().toString())
                .withLevelResolver(
                        LevelResolver.create()
                                // requests are the tests' business: malformed ones are on purpose
                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                .build())
                .build();
    }

    /**
     * Validates one response; returns the problems found, empty when it matches the contract or
     * when the path is not in it.
     */
    public static List<String> problems(
            String method, String path, int status, HttpHeaders headers, byte[] body) {
        for (Exemption exemption : EXEMPT) {
            if (exemption.covers(method, path, status)) {
                return List.of();
            }
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        MediaType type = headers.getContentType();
        if (type != null) {
            response.withContentType(type.toString());
        }
        if (body != null && body.length > 0) {
            response.withBody(body);
        }
        ValidationReport report =
                validator()
                        .validateResponse(path, Request.Method.valueOf(method), response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !outsideTheContract(m.getKey()))
                .filter(m -> body != null || !m.getKey().equals("validation.response.body.missing"))
                .map(m -> method + " " + path + " -> " + status + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    private static boolean outsideTheContract(String key) {
        return key.equals("validation.request.path.missing")
                || key.equals("validation.request.operation.notAllowed");
    }

    /** The filter that the shared WebTestClient runs on every exchange. */
    public static ExchangeFilterFunction filter() {
        return (request, next) -> next.exchange(request).flatMap(r -> checked(request, r));
    }

    private static Mono<ClientResponse> checked(ClientRequest request, ClientResponse response) {
        MediaType type = response.headers().contentType().orElse(null);
        if (!json(type)) {
            return Mono.fromRunnable(() -> record(request, response, null))
                    .subscribeOn(CHECKS)
                    .thenReturn(response);
        }
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                .map(ContractCheck::bytes)
                .defaultIfEmpty(new byte[0])
                .publishOn(CHECKS)
                .doOnNext(body -> record(request, response, body))
                .map(body -> rebuilt(response, body));
    }

    private static boolean json(MediaType type) {
        return type != null
                && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static void record(ClientRequest request, ClientResponse response, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        response.headers().asHttpHeaders().forEach(headers::addAll);
        List<String> found =
                problems(
                        request.method().name(),
                        request.url().getRawPath(),
                        response.statusCode().value(),
                        headers,
                        body);
        if (!found.isEmpty()) {
            report(found);
        }
    }

    private static ClientResponse rebuilt(ClientResponse response, byte[] body) {
        return response.mutate()
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))
                .build();
    }

    private static synchronized void report(List<String> found) {
        if (REPORT.isEmpty()) {
            MISMATCHES.addAll(found);
            return;
        }
        try {
            Files.write(
                    Path.of(REPORT), found, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Returns and forgets the mismatches seen so far. */
    public static List<String> drain() {
        List<String> seen = new java.util.ArrayList<>();
        String next;
        while ((next = MISMATCHES.poll()) != null) {
            seen.add(next);
        }
        return seen;
    }
}
