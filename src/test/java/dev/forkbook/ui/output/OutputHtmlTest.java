package dev.forkbook.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputHtmlTest {

    @Test
    void escaping_covers_markup_and_quotes() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", OutputHtml.escape(
                "<a href=\"x\" title='y'>&"));
    }

    @Test
    void untrusted_pages_start_with_a_policy_that_allows_no_script_or_load() {
        String page = OutputHtml.untrustedPage(List.of(new OutputHtml.Part("text/html", "<b>x</b>")));
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        int policy = page.indexOf("Content-Security-Policy");
        assertTrue(policy > 0 && policy < page.indexOf("<b>x</b>"), "the policy comes first");
        assertTrue(page.contains("default-src 'none'"));
        assertFalse(page.contains("script-src"), "no script source is allowed at all");
    }

    @Test
    void json_is_pretty_printed_and_escaped() {
        String page = OutputHtml.untrustedPage(List.of(new OutputHtml.Part("application/json",
                Map.of("k", "<v>"))));
        assertTrue(page.contains("&quot;k&quot; : &quot;&lt;v&gt;&quot;"), page);
    }

    @Test
    void trusted_pages_allow_only_scripts_with_their_nonce() {
        String page = OutputHtml.trustedPage(List.of(new OutputHtml.Part("text/markdown", "# T")),
                "abc123");
        assertTrue(page.contains("script-src 'nonce-abc123'"));
        assertTrue(page.contains("<h1>T</h1>"));
        assertFalse(page.contains("<script>"), "every script carries the nonce");
    }

    @Test
    void inline_code_in_rendered_markdown_is_monospace() {
        String page = OutputHtml.untrustedPage(List.of(new OutputHtml.Part("text/html",
                "<p>call <code>f()</code></p>")));
        assertTrue(page.matches("(?s).*[,{]code[,{][^}]*font-family:'DejaVu Sans Mono'.*"), page);
    }
}
