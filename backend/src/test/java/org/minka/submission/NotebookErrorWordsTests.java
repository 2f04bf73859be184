package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.minka.common.Problem;

/** Issue 12, item 8: a refused notebook is described in Minka's words, not the parser's. */
class NotebookErrorWordsTests {

    private final NotebookInspector inspector = new NotebookInspector();

    @Test
    void inspectWhenNestedTooDeeplyThenMinkaWordsNotParserInternals() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        NotebookInspector.Result result = inspector.inspect(deep.getBytes(StandardCharsets.UTF_8));
        assertThat(result.errors()).hasSize(1);
        Problem.FieldViolation error = result.errors().get(0);
        assertThat(error.message())
                .isEqualTo("{minka.json.too-large}")
                .doesNotContainIgnoringCase("constraint")
                .doesNotContainIgnoringCase("jackson");
    }

    @Test
    void inspectWhenNotJsonThenMinkaWords() {
        NotebookInspector.Result result =
                inspector.inspect("{\"cells\": [".getBytes(StandardCharsets.UTF_8));
        assertThat(result.errors())
                .extracting(Problem.FieldViolation::message)
                .containsExactly("{minka.json.syntax}");
    }
}
