package org.minka.submission;

import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Renders a validated notebook as a self-contained HTML page: markdown through CommonMark, code and
 * text escaped, images inline up to a size cap, and HTML outputs cleaned by jsoup to an allow-list
 * with no script, no event handlers, no frames and no external sources. JavaScript outputs are
 * dropped. The page is served with a Content-Security-Policy that forbids any load but inline
 * images.
 */
@Component
class NotebookPreview {

    static final List<String> IMAGE_TYPES =
            List.of("image/png", "image/jpeg", "image/gif", "image/svg+xml");

    /** No script runs, nothing is fetched, no form posts, the page cannot be framed. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
                    + " form-action 'none'; frame-ancestors 'none'; sandbox";

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    private static final String STYLE =
            "body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}"
                    + "pre{background:#f6f8fa;padding:.5rem;overflow:auto}"
                    + ".error{background:#fdecea}.omitted{color:#666;font-style:italic}"
                    + "img{max-width:100%}";

    private final Parser markdown = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().build();
    private final Safelist safelist;
    private final SubmissionProperties properties;

    NotebookPreview(SubmissionProperties properties) {
        this.properties = properties;
        this.safelist =
                Safelist.relaxed()
                        .removeProtocols("img", "src", "http", "https")
                        .addProtocols("img", "src", "data")
                        .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
    }

    private static final java.util.regex.Pattern CELL_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The preview page of a valid notebook. */
    String render(JsonNode notebook, String title) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CONTENT_SECURITY_POLICY)
                .append("\"><title>")
                .append(escape(title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body><main>");
        long[] imageBudget = {properties.previewImagesMaxBytes()};
        for (JsonNode cell : notebook.path("cells")) {
            String type = cell.path("cell_type").asString("");
            String source = text(cell.path("source"));
            out.append("<section class=\"cell ").append(escape(type)).append('"');
            String cellId = cell.path("id").asString("");
            if (CELL_ID.matcher(cellId).matches()) {
                // where comments anchored to this cell are shown
                out.append(" id=\"cell-").append(cellId).append('"');
            }
            out.append('>');
            switch (type) {
                case "markdown" -> out.append(clean(html.render(markdown.parse(source))));
                case "code" -> {
                    out.append("<pre class=\"code\"><code>")
                            .append(escape(source))
                            .append("</code></pre>");
                    for (JsonNode output : cell.path("outputs")) {
                        renderOutput(output, out, imageBudget);
                    }
                }
                default ->
                        out.append("<pre class=\"raw\">").append(escape(source)).append("</pre>");
            }
            out.append("</section>");
        }
        return out.append("</main></body></html>").toString();
    }

    private void renderOutput(JsonNode output, StringBuilder out, long[] imageBudget) {
        String type = output.path("output_type").asString("");
        switch (type) {
            case "stream" ->
                    out.append("<pre class=\"stream\">")
                            .append(escape(strip(text(output.path("text")))))
                            .append("</pre>");
            case "error" -> {
                StringBuilder tb = new StringBuilder();
                tb.append(output.path("ename").asString(""))
                        .append(": ")
                        .append(output.path("evalue").asString(""));
                for (JsonNode line : output.path("traceback")) {
                    tb.append('\n').append(line.asString(""));
                }
                out.append("<pre class=\"error\">")
                        .append(escape(strip(tb.toString())))
                        .append("</pre>");
            }
            default -> renderData(output.path("data"), out, imageBudget);
        }
    }

    private void renderData(JsonNode data, StringBuilder out, long[] imageBudget) {
        for (String mime : List.of("image/png", "image/jpeg", "image/gif")) {
            if (data.has(mime)) {
                String b64 = text(data.get(mime)).replaceAll("\\s", "");
                if (b64.length() > properties.previewImageMaxBytes()
                        || b64.length() > imageBudget[0]
                        || !BASE64.matcher(b64).matches()) {
                    out.append("<p class=\"omitted\">Image omitted from the preview (")
                            .append(b64.length() / 1024)
                            .append(" KiB; download the notebook to see it).</p>");
                } else {
                    imageBudget[0] -= b64.length();
                    out.append("<img alt=\"output\" src=\"data:")
                            .append(mime)
                            .append(";base64,")
                            .append(b64)
                            .append("\">");
                }
                return;
            }
        }
        if (data.has("text/html")) {
            out.append("<div class=\"html\">")
                    .append(clean(text(data.get("text/html"))))
                    .append("</div>");
        } else if (data.has("text/markdown")) {
            out.append(clean(html.render(markdown.parse(text(data.get("text/markdown"))))));
        } else if (data.has("text/plain")) {
            out.append("<pre class=\"text\">")
                    .append(escape(strip(text(data.get("text/plain")))))
                    .append("</pre>");
        } else if (data.has("application/javascript") || data.has("image/svg+xml")) {
            out.append("<p class=\"omitted\">Active content omitted from the preview.</p>");
        }
    }

    private String clean(String fragment) {
        Document clean = new Cleaner(safelist).clean(Jsoup.parseBodyFragment(fragment));
        clean.outputSettings().prettyPrint(false);
        clean.select("img:not([src])").remove();
        return clean.body().html();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : node) {
                sb.append(part.asString(""));
            }
            return sb.toString();
        }
        return node.isString() ? node.asString() : node.toString();
    }

    private static String strip(String s) {
        return ANSI.matcher(s).replaceAll("");
    }

    static String escape(String s) {
        return Entities.escape(s);
    }
}
