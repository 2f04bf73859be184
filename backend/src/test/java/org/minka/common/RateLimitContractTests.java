package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed contract documents the write rate limits: 429 with Retry-After on every write. */
class RateLimitContractTests {

    private static final OpenAPI CONTRACT =
            new OpenAPIV3Parser()
                    .read(Path.of("..", "openapi", "openapi.yaml").toAbsolutePath().toString());

    @Test
    void contractWhenWriteOperationThen429RateLimitedWithRetryAfter() {
        List<String> writes = new ArrayList<>();
        CONTRACT.getPaths()
                .forEach(
                        (path, item) ->
                                item.readOperationsMap()
                                        .forEach(
                                                (method, operation) -> {
                                                    if (isWrite(method)) {
                                                        writes.add(method + " " + path);
                                                        assertLimited(
                                                                method + " " + path, operation);
                                                    }
                                                }));
        assertThat(writes).hasSizeGreaterThan(40);
    }

    @Test
    void contractWhenReadOperationThenNo429() {
        CONTRACT.getPaths()
                .forEach(
                        (path, item) ->
                                item.readOperationsMap()
                                        .forEach(
                                                (method, operation) -> {
                                                    if (!isWrite(method)) {
                                                        assertThat(operation.getResponses())
                                                                .as(method + " " + path)
                                                                .doesNotContainKey("429");
                                                    }
                                                }));
    }

    private static boolean isWrite(PathItem.HttpMethod method) {
        return switch (method) {
            case POST, PUT, PATCH, DELETE -> true;
            default -> false;
        };
    }

    private static void assertLimited(String operationName, Operation operation) {
        ApiResponse limited = operation.getResponses().get("429");
        assertThat(limited).as(operationName).isNotNull();
        assertThat(limited.getHeaders()).as(operationName).containsKey("Retry-After");
        var problem = limited.getContent().get("application/problem+json");
        assertThat(problem).as(operationName).isNotNull();
        Object example = problem.getExamples().get("rate-limited").getValue();
        assertThat(example.toString())
                .as(operationName)
                .contains(ProblemType.RATE_LIMITED.uri().toString());
    }
}
