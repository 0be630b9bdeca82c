package dev.forkbook.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

    @Test
    void markdown_becomes_html() {
        assertEquals("<h2>Plan</h2>\n<p><em>try</em> it</p>\n", MarkdownHtml.render("## Plan\n\n*try* it"));
    }

    @Test
    void maths_is_kept_out_of_markdown_and_escaped_for_katex() {
        String html = MarkdownHtml.render("Area $a_1 * b_2 < c$ and $$\\sum_i x_i$$");
        assertTrue(html.contains("<span class=\"math inline\">a_1 * b_2 &lt; c</span>"), html);
        assertTrue(html.contains("<span class=\"math display\">\\sum_i x_i</span>"), html);
        assertFalse(html.contains("<em>"), "underscores inside maths are not emphasis");
    }

    @Test
    void prices_are_not_maths() {
        assertFalse(MarkdownHtml.render("costs $5 and $10").contains("math"));
    }

    @Test
    void raw_html_is_shown_as_text_and_unsafe_links_are_dropped() {
        String html = MarkdownHtml.render("<script>alert(1)</script>\n\n[x](javascript:alert(1))");
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("javascript:"), html);
    }

    @Test
    void latex_outputs_lose_their_dollar_delimiters() {
        assertEquals("<div><span class=\"math display\">\\frac{a}{b}</span></div>",
                MarkdownHtml.latex("$$\\frac{a}{b}$$"));
    }
}
