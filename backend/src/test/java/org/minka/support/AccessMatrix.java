package org.minka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may call what: a table of endpoints (rows) and callers (columns) with the status each caller
 * gets, and the requests that make each row. The table is text, so it reads as one:
 *
 * <pre>
 *                        anonymous  citizen  admin
 *   GET /events          200        200      200
 *   POST /events         401        403      201
 * </pre>
 *
 * <p>Every call is checked the same way: the status; on a 4xx or 5xx an {@code
 * application/problem+json} body with a Minka problem {@code type} and a {@code requestId}; and on
 * a 401 a {@code WWW-Authenticate: Bearer} header. All callers of a row run, in column order, and
 * every mismatch is reported at once.
 *
 * <p>Rows declared with {@link #read} only read, so they may share one scenario per class (see
 * {@link #scenario}); rows declared with {@link #write} get a fresh one each time.
 *
 * @param <S> what a row's request is built from (the scenario)
 */
public final class AccessMatrix<S> {

    /** The problem types Minka answers with. */
    static final String PROBLEM_PREFIX = "\"type\":\"https://minka.dev/problems/";

    /** One request; built per caller, so a destructive call gets its own target. */
    public record Call(HttpMethod method, String path, Object body, MediaType contentType) {

        public static Call get(String path) {
            return new Call(HttpMethod.GET, path, null, null);
        }

        /** A call with a JSON body, or none when {@code body} is null. */
        public static Call json(HttpMethod method, String path, Object body) {
            return new Call(method, path, body, body == null ? null : MediaType.APPLICATION_JSON);
        }

        /** A POST whose body is already encoded (multipart uploads). */
        public static Call stream(String path, MediaType type, Publisher<DataBuffer> body) {
            return new Call(HttpMethod.POST, path, body, type);
        }
    }

    private record Row<S>(Function<S, Call> call, boolean readOnly) {}

    private final List<String> callers;
    private final Map<String, int[]> expected = new LinkedHashMap<>();
    private final Map<String, Row<S>> rows = new LinkedHashMap<>();
    private final Map<Object, S> shared = new ConcurrentHashMap<>();
    private final Map<String, String> noChallenge = new LinkedHashMap<>();

    private AccessMatrix(List<String> callers) {
        this.callers = callers;
    }

    /**
     * Reads the table: the first line names the callers; each other line is a row's name followed
     * by one status per caller.
     */
    public static <S> AccessMatrix<S> of(String table) {
        List<String> lines =
                table.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        AccessMatrix<S> matrix = new AccessMatrix<>(List.of(lines.get(0).split("\\s+")));
        int width = matrix.callers.size();
        for (String line : lines.subList(1, lines.size())) {
            String[] words = line.split("\\s+");
            if (words.length <= width) {
                throw new IllegalArgumentException("row without a name or statuses: " + line);
            }
            String name = String.join(" ", Arrays.copyOf(words, words.length - width));
            int[] statuses =
                    Arrays.stream(words, words.length - width, words.length)
                            .mapToInt(Integer::parseInt)
                            .toArray();
            if (matrix.expected.put(name, statuses) != null) {
                throw new IllegalArgumentException("row named twice: " + name);
            }
        }
        return matrix;
    }

    /** The request of a row that only reads. */
    public AccessMatrix<S> read(String row, Function<S, Call> call) {
        return declare(row, call, true);
    }

    /** The request of a row that changes state. */
    public AccessMatrix<S> write(String row, Function<S, Call> call) {
        return declare(row, call, false);
    }

    private AccessMatrix<S> declare(String row, Function<S, Call> call, boolean readOnly) {
        if (!expected.containsKey(row)) {
            throw new IllegalArgumentException("no such row in the table: " + row);
        }
        if (rows.put(row, new Row<>(call, readOnly)) != null) {
            throw new IllegalArgumentException("request declared twice: " + row);
        }
        return this;
    }

    /**
     * A known defect, written down: this row's 401 lacks {@code WWW-Authenticate}, for the reason
     * given. Every other check still runs; remove the line once the defect is fixed.
     */
    public AccessMatrix<S> knownMissingChallenge(String row, String reason) {
        if (!expected.containsKey(row) || reason.isBlank()) {
            throw new IllegalArgumentException("no such row, or no reason: " + row);
        }
        noChallenge.put(row, reason);
        return this;
    }

    /** The rows' names, in table order; fails when a row has no request. */
    public Stream<String> rows() {
        Set<String> missing = new java.util.LinkedHashSet<>(expected.keySet());
        missing.removeAll(rows.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("rows without a request: " + missing);
        }
        return expected.keySet().stream();
    }

    /** The callers, in column order. */
    public List<String> callers() {
        return callers;
    }

    public boolean readOnly(String row) {
        return rows.get(row).readOnly();
    }

    /**
     * The scenario for a row: for a read-only row, the one built for {@code key} (once per matrix,
     * that is per test class); for a row that writes, a fresh one.
     */
    public S scenario(String row, Object key, Supplier<S> build) {
        if (!readOnly(row)) {
            return build.get();
        }
        S existing = shared.get(key);
        if (existing == null) {
            existing = build.get();
            shared.put(key, existing);
        }
        return existing;
    }

    /**
     * Makes the row's request once per caller, with the given tokens in column order ({@code null}
     * for an anonymous caller), and checks each answer.
     */
    public void verify(WebTestClient web, String row, S scenario, String... tokens) {
        assertThat(tokens).as("one token per caller " + callers).hasSize(callers.size());
        int[] statuses = expected.get(row);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            Call call = rows.get(row).call().apply(scenario);
            EntityExchangeResult<String> result = send(web, call, tokens[i]);
            wrong.addAll(
                    check(
                            callers.get(i),
                            call,
                            statuses[i],
                            result,
                            !noChallenge.containsKey(row)));
        }
        assertThat(wrong).as(row).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static EntityExchangeResult<String> send(WebTestClient web, Call call, String token) {
        WebTestClient.RequestBodySpec request = web.method(call.method()).uri(call.path());
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        WebTestClient.RequestHeadersSpec<?> ready = request;
        if (call.body() instanceof Publisher<?> publisher) {
            ready =
                    request.contentType(call.contentType())
                            .body((Publisher<DataBuffer>) publisher, DataBuffer.class);
        } else if (call.body() != null) {
            ready = request.contentType(call.contentType()).bodyValue(call.body());
        }
        return ready.exchange().expectBody(String.class).returnResult();
    }

    /** What is wrong with one answer, if anything. */
    static List<String> check(
            String caller,
            Call call,
            int expected,
            EntityExchangeResult<String> result,
            boolean challengeOn401) {
        List<String> wrong = new ArrayList<>();
        int status = result.getStatus().value();
        String body = result.getResponseBody() == null ? "" : result.getResponseBody();
        String where = caller + " on " + call.method() + " " + call.path() + ": ";
        if (status != expected) {
            wrong.add(where + "expected " + expected + " but got " + status + " " + body);
            return wrong;
        }
        if (status >= 400) {
            if (!MediaType.APPLICATION_PROBLEM_JSON.equals(
                    result.getResponseHeaders().getContentType())) {
                wrong.add(where + "not problem+json: " + result.getResponseHeaders());
            }
            if (!body.contains(PROBLEM_PREFIX) || !body.contains("\"requestId\"")) {
                wrong.add(where + "no Minka problem type or requestId: " + body);
            }
        }
        if (status == 401 && challengeOn401) {
            String challenge = result.getResponseHeaders().getFirst("WWW-Authenticate");
            if (challenge == null || !challenge.startsWith("Bearer")) {
                wrong.add(where + "401 without WWW-Authenticate: Bearer");
            }
        }
        return wrong;
    }
}
