package org.minka.common;

import jakarta.validation.ConstraintViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one factory for error bodies. Controllers, the security entry point and access-denied
 * handler, and the global exception handler all write problems through it.
 */
@Component
public class ProblemFactory {

    private static final Logger log = LoggerFactory.getLogger(ProblemFactory.class);

    private final Messages messages;
    private final MessageSourceInterpolator interpolator;
    private final JsonMapper json;
    private final Clock clock;
    private final String retryAfter;

    ProblemFactory(
            Messages messages,
            MessageSource messageSource,
            JsonMapper json,
            Clock clock,
            @Value("${minka.unavailable.retry-after:5s}") Duration retryAfter) {
        this.retryAfter = Long.toString(Math.max(1, retryAfter.toSeconds()));
        this.messages = messages;
        this.interpolator = new MessageSourceInterpolator(messageSource);
        this.json = json;
        this.clock = clock;
    }

    /** Builds the problem body for an exception, in the caller's language. */
    public Problem create(ServerWebExchange exchange, Throwable error) {
        Locale locale = messages.locale(exchange);
        MinkaException ex = translate(error, locale);
        ProblemType type = ex.type();
        if (type.status().is5xxServerError()) {
            logFailure(exchange, type, error);
        }
        List<Problem.FieldViolation> violations =
                ex.violations().stream().map(v -> inWords(v, locale)).toList();
        return new Problem(
                type.uri().toString(),
                messages.get("problem." + type.slug() + ".title", null, locale),
                type.status().value(),
                messages.get(ex.messageKey(), ex.args(), locale),
                exchange.getRequest().getPath().value(),
                RequestIds.of(exchange),
                Instant.now(clock),
                violations.isEmpty() ? null : violations);
    }

    /**
     * A 500 with its stack trace; a 503 (a dependency down, one line per request for as long as the
     * outage lasts) with its cause only.
     */
    private static void logFailure(ServerWebExchange exchange, ProblemType type, Throwable error) {
        try (MDC.MDCCloseable ignored =
                MDC.putCloseable(RequestIds.CONTEXT_KEY, RequestIds.of(exchange))) {
            Object method = exchange.getRequest().getMethod();
            String path = exchange.getRequest().getPath().value();
            if (type == ProblemType.SERVICE_UNAVAILABLE) {
                log.warn("{} {} unavailable: {}", method, path, rootCause(error).toString());
            } else {
                log.error("{} {} failed", method, path, error);
            }
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A violation whose message is a key in braces, in the caller's language. */
    private Problem.FieldViolation inWords(Problem.FieldViolation violation, Locale locale) {
        var key = LibraryErrors.KEY.matcher(violation.message());
        if (!key.matches()) {
            return violation;
        }
        String words = messages.get(key.group(1), null, locale);
        return new Problem.FieldViolation(violation.field(), words);
    }

    /** Writes the problem for an exception as the response, unless it is already committed. */
    public Mono<Void> write(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = create(exchange, error);
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.ETAG);
        headers.remove(HttpHeaders.LAST_MODIFIED);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        if (problem.status() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            // The rest of an oversized body is never read; don't keep the connection for it.
            headers.setConnection("close");
        }
        if (problem.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // a dependency is down: the same request may succeed later (RFC 9110 section 10.2.3)
            headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        if (error instanceof RateLimitedException limited) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            headers.setAllow(notAllowed.getSupportedMethods());
        }
        if (problem.status() == 401 && !headers.containsHeader(HttpHeaders.WWW_AUTHENTICATE)) {
            // RFC 9110: every 401 names its scheme, whichever layer refused
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private MinkaException translate(Throwable error, Locale locale) {
        if (error instanceof MinkaException ex) {
            return ex;
        }
        if (error instanceof WebExchangeBindException bind) {
            List<Problem.FieldViolation> violations =
                    bind.getFieldErrors().stream()
                            .map(
                                    fe ->
                                            new Problem.FieldViolation(
                                                    fe.getField(), message(fe, locale)))
                            .toList();
            List<Problem.FieldViolation> all =
                    violations.isEmpty()
                            ? bind.getGlobalErrors().stream()
                                    .map(
                                            ge ->
                                                    new Problem.FieldViolation(
                                                            ge.getObjectName(),
                                                            messages.get(ge, locale)))
                                    .toList()
                            : violations;
            return new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    all,
                    all.size());
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return new MinkaException(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (error instanceof NotAcceptableStatusException) {
            return new MinkaException(ProblemType.NOT_ACCEPTABLE);
        }
        if (error instanceof MethodNotAllowedException) {
            return new MinkaException(ProblemType.METHOD_NOT_ALLOWED);
        }
        if (error instanceof ServerWebInputException input) {
            if (hasCause(input, DataBufferLimitException.class)) {
                return new MinkaException(ProblemType.PAYLOAD_TOO_LARGE);
            }
            if (input.getMethodParameter() != null
                    && input.getMethodParameter().getParameterName() != null
                    && !hasCause(input, DecodingException.class)) {
                return new MinkaException(
                        ProblemType.MALFORMED_REQUEST,
                        "problem.malformed-request.parameter",
                        List.of(),
                        input.getMethodParameter().getParameterName());
            }
            return new MinkaException(ProblemType.MALFORMED_REQUEST);
        }
        if (error instanceof DataBufferLimitException) {
            return new MinkaException(ProblemType.PAYLOAD_TOO_LARGE);
        }
        if (error instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 404 -> new MinkaException(ProblemType.NOT_FOUND, "resource");
                case 413 -> new MinkaException(ProblemType.PAYLOAD_TOO_LARGE);
                case 400 -> new MinkaException(ProblemType.MALFORMED_REQUEST);
                case 503 -> new MinkaException(ProblemType.SERVICE_UNAVAILABLE);
                default -> new MinkaException(ProblemType.INTERNAL_ERROR);
            };
        }
        if (error instanceof OptimisticLockingFailureException) {
            return new MinkaException(ProblemType.STALE_VERSION);
        }
        if (error instanceof DataIntegrityViolationException) {
            return new MinkaException(ProblemType.CONFLICT);
        }
        if (error instanceof AuthenticationException) {
            return new MinkaException(ProblemType.UNAUTHORIZED);
        }
        if (error instanceof AccessDeniedException) {
            return new MinkaException(ProblemType.FORBIDDEN);
        }
        if (DependencyUnavailableException.isCauseOf(error)) {
            return new MinkaException(ProblemType.SERVICE_UNAVAILABLE);
        }
        return new MinkaException(ProblemType.INTERNAL_ERROR);
    }

    private String message(FieldError fieldError, Locale locale) {
        if (fieldError.contains(ConstraintViolation.class)) {
            ConstraintViolation<?> violation = fieldError.unwrap(ConstraintViolation.class);
            return interpolator.interpolate(
                    violation.getMessageTemplate(), violation.getConstraintDescriptor(), locale);
        }
        return messages.get(fieldError, locale);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
