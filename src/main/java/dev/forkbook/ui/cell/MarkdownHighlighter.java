package dev.forkbook.ui.cell;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Markdown highlighting as a pure function: source text to style classes ({@code md-heading},
 * {@code md-code}, {@code md-math}, {@code md-link}, {@code md-strong}, {@code md-emphasis}). Prose
 * stays plain: words that are Python keywords ({@code is}, {@code and}) are not styled.
 */
public final class MarkdownHighlighter {

    private static final Pattern PATTERN = Pattern.compile(
            "(?<FENCE>^[ \\t]*(?<MARK>```|~~~)[^\n]*\n(?:.*?\n)??[ \\t]*\\k<MARK>[ \\t]*$|^[ \\t]*(?:```|~~~).*\\z)"
            + "|(?<MATH>\\$\\$.+?(?:\\$\\$|\\z)|\\$(?=\\S)[^$\n]*?(?<=\\S)\\$)"
            + "|(?<CODE>(?<TICKS>`+)[^`].*?\\k<TICKS>|`+(?!`)[^`\n]*\\z)"
            + "|(?<HEADING>^[ \\t]{0,3}#{1,6}(?:[ \\t][^\n]*)?$)"
            + "|(?<LINK>!?\\[[^\\]\n]*\\]\\([^)\n]*\\)|<https?://[^>\\s]+>)"
            + "|(?<STRONG>\\*\\*(?=\\S).+?(?<=\\S)\\*\\*|__(?=\\S).+?(?<=\\S)__)"
            + "|(?<EMPHASIS>(?<![\\w*])\\*(?=[^\\s*])[^*\n]+?(?<=\\S)\\*(?!\\*)"
            + "|(?<![\\w_])_(?=[^\\s_])[^_\n]+?(?<=\\S)_(?![\\w_]))",
            Pattern.MULTILINE | Pattern.DOTALL);

    private static final List<String> GROUPS = List.of("FENCE", "MATH", "CODE", "HEADING", "LINK",
            "STRONG", "EMPHASIS");

    private MarkdownHighlighter() {
    }

    public static StyleSpans<Collection<String>> highlight(String text) {
        return RegexStyler.highlight(text, PATTERN, GROUPS,
                group -> group.equals("FENCE") ? "md-code" : "md-" + group.toLowerCase(Locale.ROOT));
    }
}
