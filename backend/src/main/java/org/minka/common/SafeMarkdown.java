package org.minka.common;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Markdown written by users (comments), rendered to HTML that is safe to insert into a page:
 * CommonMark with raw HTML escaped and URLs sanitised, then jsoup's basic allow-list (no script,
 * event handlers, images, frames or styles; links get {@code rel="nofollow noopener noreferrer"}).
 * Built at startup, because jsoup and CommonMark read resources when their classes load.
 */
@Component
public class SafeMarkdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final Safelist safelist =
            Safelist.basic()
                    .removeProtocols("a", "href", "ftp")
                    .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    SafeMarkdown() {
        render("*warm-up* <b>x</b>");
    }

    /** The safe HTML of this markdown; null for null. */
    public String render(String markdown) {
        if (markdown == null) {
            return null;
        }
        Document clean =
                new Cleaner(safelist)
                        .clean(Jsoup.parseBodyFragment(renderer.render(parser.parse(markdown))));
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
