package org.minka.common;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/** Turns every error that reaches the web layer into a problem body, before Boot's default. */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private final ProblemFactory problems;

    ProblemExceptionHandler(ProblemFactory problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        return problems.write(exchange, ex);
    }
}
