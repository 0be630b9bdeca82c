package dev.forkbook.ui.cell;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Python syntax highlighting as a pure function: source text to style classes
 * ({@code keyword}, {@code builtin}, {@code string}, {@code comment}, {@code number},
 * {@code decorator}, {@code definition}). No toolkit needed, so it is tested as plain code and can run
 * off the FX thread.
 */
public final class PythonHighlighter {

    private static final String[] KEYWORDS = {"and", "as", "assert", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "exec", "finally", "for", "from", "global", "if",
        "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "print", "raise", "return",
        "try", "while", "with", "yield", "None", "True", "False"};
    private static final String[] BUILTINS = {"abs", "all", "any", "bool", "dict", "dir", "display",
        "enumerate", "filter", "float", "getattr", "hasattr", "int", "isinstance", "len", "list",
        "map", "max", "min", "object", "open", "range", "repr", "reversed", "round", "set",
        "setattr", "sorted", "str", "sum", "super", "tuple", "type", "unicode", "xrange", "zip"};

    private static final Pattern PATTERN = Pattern.compile(
            "(?<COMMENT>#[^\n]*)"
            + "|(?<STRING>[rRuUbB]{0,2}(\"\"\"(?:[^\\\\]|\\\\.)*?(?:\"\"\"|\\z)"
            + "|'''(?:[^\\\\]|\\\\.)*?(?:'''|\\z)"
            + "|\"(?:[^\"\\\\\n]|\\\\.)*(?:\"|$)|'(?:[^'\\\\\n]|\\\\.)*(?:'|$)))"
            + "|(?<DECORATOR>^[ \\t]*@[\\w.]+)"
            + "|(?<DEFINITION>(?<=\\bdef |\\bclass )\\w+)"
            + "|(?<KEYWORD>\\b(?:" + String.join("|", KEYWORDS) + ")\\b)"
            + "|(?<BUILTIN>\\b(?:" + String.join("|", BUILTINS) + ")\\b(?=\\s*\\())"
            + "|(?<NUMBER>\\b(?:0[xX][0-9a-fA-F]+|\\d+\\.?\\d*(?:[eE][+-]?\\d+)?[jJlL]?)\\b)",
            Pattern.MULTILINE | Pattern.DOTALL);

    private static final List<String> GROUPS = List.of("COMMENT", "STRING", "DECORATOR",
            "DEFINITION", "KEYWORD", "BUILTIN", "NUMBER");

    private PythonHighlighter() {
    }

    public static StyleSpans<Collection<String>> highlight(String text) {
        Matcher matcher = PATTERN.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int end = 0;
        while (matcher.find()) {
            String style = styleOf(matcher);
            spans.add(List.of(), matcher.start() - end);
            spans.add(List.of(style), matcher.end() - matcher.start());
            end = matcher.end();
        }
        spans.add(List.of(), text.length() - end);
        return spans.create();
    }

    private static String styleOf(Matcher matcher) {
        for (String group : GROUPS) {
            if (matcher.group(group) != null) {
                return group.toLowerCase(java.util.Locale.ROOT);
            }
        }
        throw new IllegalStateException("a match without a group");
    }
}
