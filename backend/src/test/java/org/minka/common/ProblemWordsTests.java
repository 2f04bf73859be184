package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** Issue 12, item 8: library failures reach the caller in Minka's words, in es and en. */
class ProblemWordsTests {

    private final ProblemFactory problems = factory();

    private static ProblemFactory factory() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new ProblemFactory(
                new Messages(source),
                source,
                JsonMapper.builder().build(),
                Clock.systemUTC(),
                java.time.Duration.ofSeconds(5));
    }

    private Problem problem(String language, String word) {
        MinkaException notebook =
                new MinkaException(
                        ProblemType.VALIDATION_FAILED,
                        "problem.validation-failed.detail",
                        List.of(new Problem.FieldViolation("/", word)),
                        1);
        MockServerWebExchange exchange =
                MockServerWebExchange.from(
                        MockServerHttpRequest.post("/api/v1/x")
                                .header("Accept-Language", language));
        return problems.create(exchange, notebook);
    }

    @Test
    void createWhenViolationIsAWordThenResolvedInTheCallersLanguage() {
        String english = problem("en", LibraryErrors.json(null)).errors().get(0).message();
        String spanish = problem("es", LibraryErrors.json(null)).errors().get(0).message();
        assertThat(english).isEqualTo("is not valid JSON");
        assertThat(spanish).isEqualTo("no es JSON válido");
    }

    @Test
    void createWhenParserRefusedDepthThenNoInternalsNamed() {
        String word =
                LibraryErrors.json(
                        new tools.jackson.core.exc.StreamConstraintsException("depth 1001"));
        String english = problem("en", word).errors().get(0).message();
        assertThat(english)
                .contains("nested too deeply")
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("{");
        assertThat(problem("es", word).errors().get(0).message()).contains("anidado");
    }
}
