package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class NotebookInspectorTests {

    private final NotebookInspector inspector = new NotebookInspector();
    private final NotebookPreview preview =
            new NotebookPreview(
                    new SubmissionProperties(null, null, null, null, null, null, null, null));

    @Test
    void everySharedNotebookIsClassifiedAsNbformatDoes() {
        assertThat(Notebooks.files())
                .containsExactlyInAnyOrderElementsOf(Notebooks.SHARED.keySet());
        for (String name : Notebooks.files()) {
            NotebookInspector.Result result = inspector.inspect(Notebooks.read(name));
            assertThat(result.valid())
                    .as(name + " " + result.errors())
                    .isEqualTo(Notebooks.SHARED.get(name));
            if (!result.valid()) {
                assertThat(result.errors()).hasSizeLessThanOrEqualTo(NotebookInspector.MAX_ERRORS);
                assertThat(result.errors()).allSatisfy(e -> assertThat(e.field()).startsWith("/"));
            }
        }
    }

    @Test
    void inspectWhenValidThenFactsExtracted() {
        NotebookFacts v45 = inspector.inspect(Notebooks.read("test4.5.ipynb")).facts();
        assertThat(v45).isEqualTo(new NotebookFacts(4, 5, "python", "python3", 4, 5, true, 1));
        NotebookFacts v40 = inspector.inspect(Notebooks.read("test4.ipynb")).facts();
        assertThat(v40.nbformatMinor()).isZero();
        assertThat(v40.language()).isNull();
        assertThat(v40.codeCells()).isEqualTo(4);
        NotebookFacts tracebacks =
                inspector.inspect(Notebooks.read("many_tracebacks.ipynb")).facts();
        assertThat(tracebacks.hasOutputs()).isTrue();
        assertThat(tracebacks.imageOutputs()).isZero();
    }

    @Test
    void inspectWhenInvalidThenPathsAndMessagesOfTheFirstErrors() {
        var duplicate = inspector.inspect(Notebooks.read("invalid_unique_cell_id.ipynb"));
        assertThat(duplicate.errors()).hasSize(1);
        assertThat(duplicate.errors().get(0).field()).isEqualTo("/cells/1/id");
        assertThat(duplicate.errors().get(0).message()).contains("duplicate cell id 'dup'");
        var noId = inspector.inspect(Notebooks.read("v4_5_no_cell_id.ipynb"));
        assertThat(noId.errors()).isNotEmpty();
        assertThat(noId.errors().toString()).contains("id");
        var badMetadata = inspector.inspect(Notebooks.read("v4_5_invalid_metadata.ipynb"));
        assertThat(badMetadata.errors()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(
                        inspector
                                .inspect("not json".getBytes(StandardCharsets.UTF_8))
                                .errors()
                                .get(0)
                                .field())
                .isEqualTo("/");
        assertThat(
                        inspector
                                .inspect("{\"nbformat\": 3}".getBytes(StandardCharsets.UTF_8))
                                .errors()
                                .get(0)
                                .field())
                .isEqualTo("/nbformat");
        assertThat(inspector.inspect("[1,2]".getBytes(StandardCharsets.UTF_8)).valid()).isFalse();
    }

    @Test
    void previewWhenHostileThenNoExecutableMarkupAndNoExternalLoads() {
        var result = inspector.inspect(Notebooks.hostile());
        assertThat(result.valid()).as(result.errors().toString()).isTrue();
        String html = preview.render(result.notebook(), "x<script>.ipynb");
        assertNoActiveContent(html);
        assertThat(html).contains("clic").contains("texto").contains("&lt;script&gt;alert(7)");
    }

    static void assertNoActiveContent(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .doesNotContain(
                        "<script",
                        "<iframe",
                        "<object",
                        "<embed",
                        "<form",
                        "javascript:",
                        "evil.example");
        Document doc = Jsoup.parse(html);
        for (Element e : doc.getAllElements()) {
            assertThat(e.attributes().asList())
                    .allSatisfy(
                            a ->
                                    assertThat(a.getKey().toLowerCase(Locale.ROOT))
                                            .doesNotStartWith("on"));
            if (e.tagName().equals("img")) {
                assertThat(e.attr("src")).startsWith("data:image/");
            }
        }
        assertThat(doc.select("script, iframe, object, embed, form, svg, link, base")).isEmpty();
        assertThat(doc.select("style")).hasSize(1);
        assertThat(doc.select("[style]")).isEmpty();
    }

    @Test
    void previewWhenImageIsHugeThenLeftOutAndPreviewStaysSmall() {
        byte[] notebook = Notebooks.withImage(20 * 1024 * 1024);
        var result = inspector.inspect(notebook);
        assertThat(result.valid()).isTrue();
        assertThat(result.facts().imageOutputs()).isEqualTo(1);
        String html = preview.render(result.notebook(), "grafico.ipynb");
        assertThat(html).contains("Image omitted").doesNotContain("data:image/png");
        assertThat(html.length()).isLessThan(64 * 1024);

        var small = inspector.inspect(Notebooks.withImage(10 * 1024));
        String inline = preview.render(small.notebook(), "pequeno.ipynb");
        assertThat(inline).contains("src=\"data:image/png;base64,iVBORw0KGg");
    }
}
