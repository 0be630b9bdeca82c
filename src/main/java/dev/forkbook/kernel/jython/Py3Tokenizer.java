package dev.forkbook.kernel.jython;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer for Python 3 source (the grammar of CPython's {@code tokenize}), keeping each token's
 * offsets so a translation can rewrite single tokens and leave every other character where it was.
 *
 * <p>Beyond Python's tokens it knows IPython's line syntax: a logical line that starts with
 * {@code %} or {@code !} is one {@link Kind#MAGIC} token, and {@code !cmd} after an {@code =} is one
 * {@link Kind#SHELL} token. It never fails: text it cannot read becomes an {@link Kind#ERROR} token,
 * and the compiler reports it afterwards.
 */
final class Py3Tokenizer {

    enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, NL, COMMENT, MAGIC, SHELL, ERROR }

    /**
     * One token: {@code [start, end)} in the source, its 1-based line and 0-based column;
     * {@code lineStart} is true for the first token of a logical line, whose indentation is
     * {@code indent} (in columns).
     */
    record Token(Kind kind, String text, int start, int end, int line, int column, boolean lineStart,
            int indent) {

        boolean is(String value) {
            return text.equals(value) && (kind == Kind.OP || kind == Kind.NAME);
        }

        boolean isName(String value) {
            return kind == Kind.NAME && text.equals(value);
        }
    }

    private static final String[] OPERATORS = {
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>",
    };

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineOffset;
    private int depth;

    private Py3Tokenizer(String source) {
        this.src = source;
    }

    /** The tokens of {@code source}, without whitespace, indentation or end tokens. */
    static List<Token> tokenize(String source) {
        Py3Tokenizer tokenizer = new Py3Tokenizer(source);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        boolean atLineStart = true;
        int indent = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (atLineStart && depth == 0) {
                indent = 0;
                while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t'
                        || src.charAt(pos) == '\f')) {
                    indent = src.charAt(pos) == '\t' ? (indent / 8 + 1) * 8 : indent + 1;
                    pos++;
                }
                if (pos >= src.length()) {
                    break;
                }
                c = src.charAt(pos);
                if (c == '\n' || c == '#') {
                    // A blank or comment-only line is no logical line.
                    if (c == '#') {
                        comment();
                    }
                    if (pos < src.length()) {
                        add(Kind.NL, pos, pos + 1, false, 0);
                        newline();
                    }
                    continue;
                }
                if (c == '%' || c == '!' && !src.startsWith("!=", pos)) {
                    add(Kind.MAGIC, pos, endOfPhysicalLine(pos), true, indent);
                    atLineStart = false;
                    continue;
                }
                atLineStart = false;
                lineToken(indent, true);
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '\n') {
                add(depth == 0 && !lastIsNewline() ? Kind.NEWLINE : Kind.NL, pos, pos + 1, false, 0);
                newline();
                atLineStart = depth == 0;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                lineOffset = pos;
            } else {
                lineToken(indent, false);
            }
        }
        if (!tokens.isEmpty() && !lastIsNewline()) {
            add(Kind.NEWLINE, src.length(), src.length(), false, 0);
        }
    }

    private boolean lastIsNewline() {
        return tokens.isEmpty() || tokens.get(tokens.size() - 1).kind() == Kind.NEWLINE;
    }

    private void newline() {
        pos++;
        line++;
        lineOffset = pos;
    }

    private int endOfPhysicalLine(int from) {
        int end = src.indexOf('\n', from);
        return end < 0 ? src.length() : end;
    }

    private void comment() {
        int end = endOfPhysicalLine(pos);
        add(Kind.COMMENT, pos, end, false, 0);
        pos = end;
    }

    /** Reads one token that is not whitespace or a newline. */
    private void lineToken(int indent, boolean lineStart) {
        char c = src.charAt(pos);
        int start = pos;
        if (c == '#') {
            comment();
        } else if (isStringStart()) {
            string(lineStart, indent);
        } else if (isNameStart(c)) {
            while (pos < src.length() && isNamePart(src.charAt(pos))) {
                pos++;
            }
            add(Kind.NAME, start, pos, lineStart, indent);
        } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length()
                && Character.isDigit(src.charAt(pos + 1))) {
            number();
            add(Kind.NUMBER, start, pos, lineStart, indent);
        } else if (c == '!' && !src.startsWith("!=", pos)) {
            add(Kind.SHELL, start, endOfPhysicalLine(pos), lineStart, indent);
        } else {
            operator(lineStart, indent);
        }
    }

    /** Python 3 identifiers: ASCII letters, digits and {@code _}, and Unicode letters and marks. */
    private static boolean isNameStart(char c) {
        return c < 128 ? Character.isLetter(c) || c == '_'
                : Character.isLetter(c) || Character.getType(c) == Character.LETTER_NUMBER;
    }

    private static boolean isNamePart(char c) {
        if (c < 128) {
            return Character.isLetterOrDigit(c) || c == '_';
        }
        int type = Character.getType(c);
        return Character.isLetterOrDigit(c) || type == Character.LETTER_NUMBER
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.CONNECTOR_PUNCTUATION;
    }

    private void operator(boolean lineStart, int indent) {
        int start = pos;
        boolean mayBeLonger = pos + 1 < src.length()
                && "*/<>=!+-%&|^@.:".indexOf(src.charAt(pos + 1)) >= 0;
        for (int k = 0; mayBeLonger && k < OPERATORS.length; k++) {
            String op = OPERATORS[k];
            if (src.startsWith(op, pos)) {
                pos += op.length();
                add(Kind.OP, start, pos, lineStart, indent);
                return;
            }
        }
        char c = src.charAt(pos++);
        if ("([{".indexOf(c) >= 0) {
            depth++;
        } else if (")]}".indexOf(c) >= 0) {
            depth = Math.max(0, depth - 1);
        }
        Kind kind = "()[]{}:;,.=+-*/%&|^~<>@".indexOf(c) >= 0 ? Kind.OP : Kind.ERROR;
        add(kind, start, pos, lineStart, indent);
    }

    private void number() {
        char c = src.charAt(pos);
        if (c == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            pos += 2;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos))
                    || src.charAt(pos) == '_')) {
                pos++;
            }
            return;
        }
        digits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                digits();
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && "jJlL".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void digits() {
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            pos++;
        }
    }

    private boolean isStringStart() {
        int p = pos;
        int prefix = 0;
        while (p < src.length() && prefix < 3 && "rRbBuUfF".indexOf(src.charAt(p)) >= 0) {
            p++;
            prefix++;
        }
        return p < src.length() && (src.charAt(p) == '\'' || src.charAt(p) == '"');
    }

    private void string(boolean lineStart, int indent) {
        int start = pos;
        int startLine = line;
        int startColumn = pos - lineOffset;
        while ("rRbBuUfF".indexOf(src.charAt(pos)) >= 0) {
            pos++;
        }
        char quote = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        boolean closed = false;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                if (src.charAt(pos + 1) == '\n') {
                    line++;
                    lineOffset = pos + 2;
                }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) {
                    break;
                }
                line++;
                lineOffset = pos + 1;
            }
            if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                closed = true;
                break;
            }
            pos++;
        }
        tokens.add(new Token(closed ? Kind.STRING : Kind.ERROR, src.substring(start, pos), start, pos,
                startLine, startColumn, lineStart, indent));
    }

    private void add(Kind kind, int start, int end, boolean lineStart, int indent) {
        if (kind == Kind.MAGIC || kind == Kind.SHELL) {
            pos = end;
        }
        tokens.add(new Token(kind, src.substring(start, end), start, end, line, start - lineOffset,
                lineStart, indent));
    }
}
