package dev.forkbook.ui.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to safe HTML with commonmark-java: raw HTML in the source is shown as text and unsafe URLs
 * are dropped. {@code $...$} and {@code $$...$$} are taken out before parsing (so markdown does not
 * mangle {@code _} and {@code *} in formulas) and come back as {@code <span class="math">} elements
 * holding the escaped TeX, which KaTeX renders in the page.
 */
public final class MarkdownHtml {

    private static final Pattern MATH = Pattern.compile(
            "(?<!\\\\)\\$\\$(.+?)\\$\\$|(?<![\\\\$])\\$(?!\\s)([^$\n]+?)(?<!\\s)\\$(?!\\d)",
            Pattern.DOTALL);
    private static final String TOKEN = "FORKBOOKMATHTOKEN";

    private static final List<org.commonmark.Extension> EXTENSIONS =
            List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        List<String> formulas = new ArrayList<>();
        Matcher matcher = MATH.matcher(markdown);
        StringBuilder protectedText = new StringBuilder();
        while (matcher.find()) {
            boolean display = matcher.group(1) != null;
            String tex = display ? matcher.group(1) : matcher.group(2);
            formulas.add(mathSpan(tex, display));
            matcher.appendReplacement(protectedText, TOKEN + (formulas.size() - 1) + "X");
        }
        matcher.appendTail(protectedText);
        String html = RENDERER.render(PARSER.parse(protectedText.toString()));
        for (int i = formulas.size() - 1; i >= 0; i--) {
            html = html.replace(TOKEN + i + "X", formulas.get(i));
        }
        return html;
    }

    /** A formula for KaTeX: the TeX escaped as text, rendered by the page's script. */
    static String mathSpan(String tex, boolean display) {
        return "<span class=\"math " + (display ? "display" : "inline") + "\">"
                + OutputHtml.escape(tex.strip()) + "</span>";
    }

    /** A {@code text/latex} output: {@code $..$}, {@code $$..$$} or bare TeX, shown as display math. */
    public static String latex(String tex) {
        String body = tex.strip();
        if (body.startsWith("$$") && body.endsWith("$$") && body.length() >= 4) {
            body = body.substring(2, body.length() - 2);
        } else if (body.startsWith("$") && body.endsWith("$") && body.length() >= 2) {
            body = body.substring(1, body.length() - 1);
        }
        return "<div>" + mathSpan(body, true) + "</div>";
    }
}
