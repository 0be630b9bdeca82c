package dev.forkbook.ui.cell;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;

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
        return RegexStyler.highlight(text, PATTERN, GROUPS,
                group -> group.toLowerCase(Locale.ROOT));
    }
}
