package org.minka.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;

/**
 * The committed contract ({@code openapi/openapi.yaml}) is what clients code against: this test
 * fails when the running app's spec drifts from it. {@code make openapi} rewrites it.
 */
class OpenApiContractTests extends IntegrationTest {

    static final Path CONTRACT = Path.of("..", "openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "patch", "delete", "head", "options");

    private String liveSpec() {
        // springdoc builds the spec once, which takes minutes on a machine under heavy load
        // and the spec outgrew the 1 MB that the app's codecs buffer
        return web.mutate()
                .responseTimeout(java.time.Duration.ofMinutes(5))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void committedContractMatchesRunningApp() throws Exception {
        String live = liveSpec();
        if (Boolean.getBoolean("minka.openapi.write")) {
            Files.writeString(CONTRACT, live, StandardCharsets.UTF_8);
        }
        assertThat(CONTRACT).as("openapi/openapi.yaml is committed; run make openapi").exists();
        JsonNode committed = YAML.readTree(Files.readString(CONTRACT, StandardCharsets.UTF_8));
        JsonNode running = YAML.readTree(live);
        assertThat(running)
                .as(
                        "the running app's /v3/api-docs differs from openapi/openapi.yaml; run make openapi and commit it")
                .isEqualTo(committed);
    }

    @Test
    void everyOperationIsDocumentedForClients() throws Exception {
        JsonNode spec = YAML.readTree(liveSpec());
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
                    ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                require(
                        operation.hasNonNull("operationId"),
                        where + " has no operationId",
                        problems);
                require(
                        operation.path("summary").asText().length() > 5,
                        where + " has no summary",
                        problems);
                require(operation.path("tags").size() > 0, where + " has no tag", problems);
                require(
                        operation.has("security"),
                        where + " declares no security requirement",
                        problems);
                boolean hasError = false;
                for (Iterator<Map.Entry<String, JsonNode>> responses =
                                operation.get("responses").fields();
                        responses.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    int status = Integer.parseInt(response.getKey());
                    if (status < 400) {
                        continue;
                    }
                    hasError = true;
                    JsonNode problem =
                            response.getValue().path("content").path("application/problem+json");
                    require(
                            problem.path("schema")
                                    .path("$ref")
                                    .asText()
                                    .equals("#/components/schemas/Problem"),
                            where + " " + status + " does not use the Problem schema",
                            problems);
                    require(
                            problem.path("examples").size() > 0,
                            where + " " + status + " has no example",
                            problems);
                }
                require(hasError, where + " documents no error response", problems);
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(15);
        assertThat(problems).isEmpty();
        assertThat(spec.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
    }

    private static void require(boolean condition, String message, List<String> problems) {
        if (!condition) {
            problems.add(message);
        }
    }
}
