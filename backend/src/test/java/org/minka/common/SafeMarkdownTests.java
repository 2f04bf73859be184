package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTests {

    private final SafeMarkdown markdown = new SafeMarkdown();

    @Test
    void formattingAndLinksKept() {
        String html = markdown.render("Usa el **ubigeo** del [INEI](https://www.inei.gob.pe)");
        assertThat(html)
                .contains("<strong>ubigeo</strong>")
                .contains("href=\"https://www.inei.gob.pe\"")
                .contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void hostileMarkupNeverSurvives() {
        String html =
                markdown.render(
                        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                                + "[clic](javascript:alert(1)) <iframe src=\"https://evil\"></iframe>"
                                + " ![x](https://evil/pixel.png) <a href=\"#\" onclick=\"x()\">a</a>");
        // Raw HTML comes out as escaped text; what a browser would build from it has no active
        // parts.
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parseBodyFragment(html);
        assertThat(page.select("script, img, iframe, style, object, embed")).isEmpty();
        assertThat(page.getAllElements())
                .allSatisfy(
                        element ->
                                assertThat(element.attributes().asList())
                                        .noneMatch(a -> a.getKey().toLowerCase().startsWith("on")));
        assertThat(page.select("a[href]"))
                .allSatisfy(
                        a ->
                                assertThat(a.attr("href").toLowerCase())
                                        .doesNotContain("javascript:"));
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe");
        assertThat(markdown.render(null)).isNull();
    }
}
