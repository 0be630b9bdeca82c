package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.jython.Py3Tokenizer.Kind;
import dev.forkbook.kernel.jython.Py3Tokenizer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Translates Python 3 source into source Jython 2.7 compiles, keeping every statement on its line:
 * f-strings, annotations, keyword-only arguments, positional-only markers, extended unpacking,
 * numeric underscores, {@code nonlocal}, {@code yield from} statements, {@code raise ... from},
 * {@code ...} as a value, zero-argument {@code super()}, {@code class A:} as a new-style class,
 * non-ASCII text literals as unicode, {@code exec(...)} with the cell's future flags, IPython's
 * {@code %magic} and {@code !shell} lines, and Python 2's {@code print x} statement (old notebooks).
 *
 * <p>It works on {@link Py3Tokenizer} tokens and rewrites token ranges; everything else is copied as
 * is. Translated code calls small helpers named {@code _fb_*} that the kernel installs as builtins.
 * A construct it cannot translate raises {@link UntranslatableException}. A cell without Python-3-only
 * tokens comes back as the same string.
 */
public final class Py3Translator {

    /** What Forkbook accepts beyond Python 2.7, for error messages. */
    static final String SUPPORTED = "Forkbook runs Python 2.7 (Jython) with Python 3 syntax for"
            + " f-strings, annotations, keyword-only arguments, extended unpacking, numeric"
            + " underscores, nonlocal, yield from statements and print(flush=)";

    /** A construct the translation cannot express in Python 2.7; {@code line} is 1-based. */
    static final class UntranslatableException extends IllegalArgumentException {
        private final int line;
        private final int column;

        UntranslatableException(String construct, Token at) {
            super(construct + " is not supported: " + SUPPORTED);
            this.line = at.line();
            this.column = at.column();
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }
    }

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as",
            "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
            "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");
    private static final Set<String> COMPOUND = Set.of("if", "for", "while", "try", "with", "def",
            "class", "async", "@");

    /** Replaces {@code [start, end)} by {@code text}; {@code seq} orders edits at one place. */
    private record Edit(int start, int end, String text, int seq) {
        Edit(int start, int end, String text) {
            this(start, end, text, SEQUENCE.incrementAndGet());
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Comparator<Edit> ORDER = Comparator.comparingInt(Edit::start)
            .thenComparingInt(Edit::end).thenComparingInt(Edit::seq);

    /** A function or class: its header line's tokens and the code-token range of its body. */
    private record Scope(boolean isClass, String name, int keyword, int colon, int bodyStart,
            int bodyEnd, String firstParam, Set<String> params) {
    }

    private final String src;
    private final List<Token> all;
    private final List<Token> t;
    private final int[] match;
    private final TreeSet<Edit> edits = new TreeSet<>(ORDER);
    private final List<Scope> scopes = new ArrayList<>();
    private final Map<Integer, StringBuilder> prologues = new LinkedHashMap<>();
    private final Set<Integer> magicsOnly = new LinkedHashSet<>();
    private final List<Integer> insertedLines = new ArrayList<>();
    /** Brackets that are (part of) an assignment or for target: never displays. */
    private final Set<Integer> targetBrackets = new java.util.HashSet<>();
    private int nonlocalCells;

    private Py3Translator(String source) {
        this.src = source;
        this.all = Py3Tokenizer.tokenize(source);
        this.t = new ArrayList<>();
        for (Token token : all) {
            if (token.kind() != Kind.NL && token.kind() != Kind.COMMENT) {
                t.add(token);
            }
        }
        this.match = new int[t.size()];
    }

    /**
     * The Jython 2.7 source for Python 3 {@code source}; the same string when nothing changes.
     *
     * @throws IllegalArgumentException (an {@link UntranslatableException}) for constructs it
     *     cannot express
     */
    public static String translate(String source) {
        return translateMapped(source).source();
    }

    /**
     * The translation with its line map: a statement that must come first in a function whose body
     * starts with a compound statement gets a line of its own, and {@link
     * Translation#originalLine} maps the lines after it back to the user's.
     */
    static Translation translateMapped(String source) {
        if (!mayNeedTranslation(source)) {
            return new Translation(source, new int[0]);
        }
        Py3Translator translator = new Py3Translator(source);
        translator.run();
        String out = translator.edits.isEmpty() ? source
                : translator.render(0, source.length() + 1);
        return new Translation(out, translator.insertedLines.stream().mapToInt(Integer::intValue)
                .sorted().toArray());
    }

    /**
     * Translated source; {@code insertedBefore} holds, sorted, the user's (1-based) line before
     * which each added line sits.
     */
    record Translation(String source, int[] insertedBefore) {

        /** The user's line for a (1-based) line of the translated source. */
        int originalLine(int translatedLine) {
            int line = translatedLine;
            for (int before : insertedBefore) {
                if (before < line) {
                    line--;
                } else if (before == line) {
                    // The added line itself belongs to the statement it precedes.
                    return line;
                } else {
                    break;
                }
            }
            return line;
        }
    }

    /**
     * The fast path: Python 3 only constructs all need one of these characters (or a name checked
     * by the tokenizer pass), so a cell such as {@code x = 1} is not tokenized.
     */
    private static boolean mayNeedTranslation(String source) {
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c > 127 || c == ':' || c == '*' || c == '_' || c == '%' || c == '!' || c == '@'
                    || c == '.' || c == '\'' || c == '"' || c == '-' || c == '(' || c == 'n'
                    && source.startsWith("nonlocal", i)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        matchBrackets();
        findScopes();
        nonlocals();
        for (int i = 0; i < t.size(); i++) {
            tokenRule(i);
        }
        strings();
        for (int close : closingOrder()) {
            bracketRule(match[close], close);
        }
        for (int i = 1; i + 2 < t.size(); i++) {
            listMethodRule(i);
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).lineStart() && !magicsOnly.contains(i)) {
                statementRule(i);
            }
        }
        for (Scope scope : scopes) {
            if (!scope.isClass()) {
                defHeader(scope);
            }
        }
        for (Map.Entry<Integer, StringBuilder> prologue : prologues.entrySet()) {
            insertPrologue(prologue.getKey(), prologue.getValue().toString());
        }
    }

    // ---- structure ----

    private void matchBrackets() {
        List<Integer> stack = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            match[i] = -1;
            Token token = t.get(i);
            if (token.kind() != Kind.OP) {
                continue;
            }
            String text = token.text();
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                stack.add(i);
            } else if ((text.equals(")") || text.equals("]") || text.equals("}"))
                    && !stack.isEmpty()) {
                int open = stack.remove(stack.size() - 1);
                match[open] = i;
                match[i] = open;
            }
        }
    }

    private List<Integer> closingOrder() {
        List<Integer> closes = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (match[i] >= 0 && match[i] < i && token.kind() == Kind.OP) {
                closes.add(i);
            }
        }
        return closes;
    }

    /** End (exclusive, the NEWLINE index) of the logical line containing code token {@code i}. */
    private int lineEnd(int i) {
        int j = i;
        while (j < t.size() && t.get(j).kind() != Kind.NEWLINE) {
            j = match[j] > j ? match[j] + 1 : j + 1;
        }
        return j;
    }

    private int lineStartOf(int i) {
        int j = i;
        while (j > 0 && !t.get(j).lineStart()) {
            j--;
        }
        return j;
    }

    private void findScopes() {
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            boolean isDef = token.isName("def");
            boolean isClass = token.isName("class");
            if (!isDef && !isClass || i + 1 >= t.size() || t.get(i + 1).kind() != Kind.NAME) {
                continue;
            }
            int header = lineStartOf(i);
            int colon = -1;
            for (int j = i + 2; j < t.size() && t.get(j).kind() != Kind.NEWLINE;
                    j = match[j] > j ? match[j] + 1 : j + 1) {
                if (t.get(j).is(":")) {
                    colon = j;
                    break;
                }
            }
            if (colon < 0) {
                continue;
            }
            int bodyStart = colon + 1;
            int bodyEnd;
            if (t.get(bodyStart).kind() != Kind.NEWLINE) {
                bodyEnd = lineEnd(bodyStart);
            } else {
                bodyStart++;
                int indent = t.get(header).indent();
                bodyEnd = bodyStart;
                while (bodyEnd < t.size() && (!t.get(bodyEnd).lineStart()
                        || t.get(bodyEnd).indent() > indent)) {
                    bodyEnd++;
                }
            }
            String firstParam = null;
            Set<String> params = new LinkedHashSet<>();
            if (isDef && t.get(i + 2).is("(") && match[i + 2] > 0) {
                for (int[] element : elements(i + 2, match[i + 2])) {
                    int p = element[0];
                    while (p < element[1] && t.get(p).kind() == Kind.OP) {
                        p++;
                    }
                    if (p < element[1] && t.get(p).kind() == Kind.NAME) {
                        params.add(t.get(p).text());
                        if (firstParam == null && p == element[0]) {
                            firstParam = t.get(p).text();
                        }
                    }
                }
            }
            scopes.add(new Scope(isClass, t.get(i + 1).text(), i, colon, bodyStart, bodyEnd,
                    firstParam, params));
        }
    }

    /** The innermost scope whose body holds code token {@code i}, or null. */
    private Scope enclosing(int i, boolean classes) {
        Scope best = null;
        for (Scope scope : scopes) {
            if (scope.isClass() == classes && i >= scope.bodyStart() && i < scope.bodyEnd()
                    && (best == null || scope.bodyStart() > best.bodyStart())) {
                best = scope;
            }
        }
        return best;
    }

    /** Elements between brackets {@code open} and {@code close}, split at top-level commas. */
    private List<int[]> elements(int open, int close) {
        return elementsOf(open + 1, close);
    }

    // ---- nonlocal ----

    private void nonlocals() {
        Map<Scope, Set<String>> cells = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isName("nonlocal") || !t.get(i).lineStart()) {
                continue;
            }
            Scope inner = enclosing(i, false);
            Scope outer = inner == null ? null : enclosing(inner.keyword(), false);
            if (outer == null) {
                throw new UntranslatableException("nonlocal outside a nested function", t.get(i));
            }
            int end = lineEnd(i);
            for (int j = i + 1; j < end; j++) {
                if (t.get(j).kind() == Kind.NAME) {
                    cells.computeIfAbsent(outer, k -> new LinkedHashSet<>()).add(t.get(j).text());
                }
            }
            replaceTokens(i, end - 1, "pass");
            magicsOnly.add(i);
        }
        for (Map.Entry<Scope, Set<String>> entry : cells.entrySet()) {
            Scope outer = entry.getKey();
            String cell = "_fb_nl" + (++nonlocalCells);
            StringBuilder prologue = new StringBuilder(cell + " = _fb_Cell()");
            for (String name : entry.getValue()) {
                if (outer.params().contains(name)) {
                    prologue.append("; ").append(cell).append('.').append(pyName(name))
                            .append(" = ").append(pyName(name));
                }
            }
            prologue(outer, prologue.toString());
            for (int j = outer.bodyStart(); j < outer.bodyEnd(); j++) {
                Token token = t.get(j);
                if (token.kind() == Kind.NAME && entry.getValue().contains(token.text())
                        && !isAttributeOrKeyword(j) && !covered(token.start())) {
                    edits.add(new Edit(token.start(), token.end(), cell + "." + pyName(token.text())));
                }
            }
        }
    }

    private boolean isAttributeOrKeyword(int j) {
        if (j > 0 && t.get(j - 1).is(".")) {
            return true;
        }
        if (j > 0 && (t.get(j - 1).isName("def") || t.get(j - 1).isName("class"))) {
            return true;
        }
        if (j + 1 < t.size() && t.get(j + 1).is("=") && j > 0
                && (t.get(j - 1).is("(") || t.get(j - 1).is(","))) {
            int open = enclosingBracket(j);
            if (open >= 0 && t.get(open).is("(")) {
                return true;
            }
        }
        // Parameters of nested functions are their own variables.
        for (Scope scope : scopes) {
            if (!scope.isClass() && j > scope.keyword() && j < scope.colon()) {
                return true;
            }
        }
        return false;
    }

    private boolean covered(int position) {
        for (Edit edit : edits.headSet(new Edit(position, Integer.MAX_VALUE, "", Integer.MAX_VALUE))) {
            if (edit.start() <= position && position < edit.end()) {
                return true;
            }
        }
        return false;
    }

    // ---- single tokens ----

    private void tokenRule(int i) {
        Token token = t.get(i);
        switch (token.kind()) {
            case NUMBER -> {
                if (token.text().indexOf('_') >= 0) {
                    edits.add(new Edit(token.start(), token.end(), token.text().replace("_", "")));
                }
            }
            case MAGIC -> magic(i);
            case SHELL -> edits.add(new Edit(token.start(), token.end(),
                    "_fb_shell(" + literal(token.text().substring(1).trim()) + ", True)"));
            case OP -> opRule(i);
            case NAME -> {
                if (!isAscii(token.text()) && !covered(token.start())) {
                    edits.add(new Edit(token.start(), token.end(), pyName(token.text())));
                }
                nameRule(i);
            }
            default -> {
            }
        }
    }

    private void magic(int i) {
        Token token = t.get(i);
        magicsOnly.add(i);
        String text = token.text();
        if (text.startsWith("%%")) {
            throw new UntranslatableException("the cell magic " + text.split("\\s")[0]
                    + " (cell magics must be the first line of a cell)", token);
        }
        String call;
        if (text.startsWith("!")) {
            call = "_fb_shell(" + literal(text.substring(1).trim()) + ")";
        } else {
            String body = text.substring(1);
            int space = 0;
            while (space < body.length() && !Character.isWhitespace(body.charAt(space))) {
                space++;
            }
            call = "_fb_magic(" + literal(body.substring(0, space)) + ", "
                    + literal(body.substring(space).trim()) + ")";
        }
        edits.add(new Edit(token.start(), token.end(), call));
    }

    private void opRule(int i) {
        Token token = t.get(i);
        switch (token.text()) {
            case ":=" -> throw new UntranslatableException("the assignment expression (:=)", token);
            case "@", "@=" -> {
                if (!token.lineStart()) {
                    throw new UntranslatableException("the matrix multiplication operator (@)",
                            token);
                }
            }
            case "..." -> {
                if (!insideSubscript(i)) {
                    edits.add(new Edit(token.start(), token.end(), "Ellipsis"));
                }
            }
            default -> {
            }
        }
    }

    /**
     * {@code for a, *b in xs} (statement or comprehension): the star goes and each item is unpacked
     * by a helper wrapped around the iterable, so the target stays on its line.
     */
    private void starredForTarget(int i) {
        boolean statement = t.get(i).lineStart();
        int open = statement ? -1 : enclosingBracket(i);
        int end = open >= 0 ? match[open] : lineEnd(i);
        int in = -1;
        for (int j = i + 1; j < end; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).isName("in")) {
                in = j;
                break;
            }
        }
        if (in < 0) {
            return;
        }
        List<Integer> stars = new ArrayList<>();
        String shape = targetShape(i + 1, in, stars);
        if (shape == null) {
            return;
        }
        int iterableEnd = in + 1;
        while (iterableEnd < end && !(statement && t.get(iterableEnd).is(":"))
                && !(!statement && (t.get(iterableEnd).isName("if")
                        || t.get(iterableEnd).isName("for")
                        || t.get(iterableEnd).isName("async")))) {
            iterableEnd = match[iterableEnd] > iterableEnd ? match[iterableEnd] + 1
                    : iterableEnd + 1;
        }
        if (iterableEnd == in + 1) {
            return;
        }
        for (int star : stars) {
            edits.add(new Edit(t.get(star).start(), t.get(star).end(), ""));
        }
        edits.add(new Edit(t.get(in + 1).start(), t.get(in + 1).start(), "_fb_unpacking(("));
        Token last = t.get(iterableEnd - 1);
        edits.add(new Edit(last.end(), last.end(), "), " + shape + ")"));
    }

    /** {@code isinstance(x, int | str)}: the union of types becomes a tuple. */
    private void unionOfTypes(int open) {
        int close = match[open];
        if (close < 0) {
            return;
        }
        List<int[]> arguments = elements(open, close);
        if (arguments.size() != 2) {
            return;
        }
        int[] types = arguments.get(1);
        List<Integer> bars = new ArrayList<>();
        for (int j = types[0]; j < types[1]; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is("|")) {
                bars.add(j);
            }
        }
        if (bars.isEmpty()) {
            return;
        }
        edits.add(new Edit(t.get(types[0]).start(), t.get(types[0]).start(), "("));
        for (int bar : bars) {
            edits.add(new Edit(t.get(bar).start(), t.get(bar).end(), ","));
        }
        Token last = t.get(types[1] - 1);
        edits.add(new Edit(last.end(), last.end(), ")"));
    }

    private boolean insideSubscript(int i) {
        int open = enclosingBracket(i);
        return open > 0 && t.get(open).is("[") && isValueEnd(t.get(open - 1));
    }

    /** The innermost bracket around code token {@code i} on its logical line, or -1. */
    private int enclosingBracket(int i) {
        for (int j = i - 1; j >= 0 && t.get(j).kind() != Kind.NEWLINE; j--) {
            if (match[j] > i) {
                return j;
            }
        }
        return -1;
    }

    private static boolean isValueEnd(Token token) {
        return token.kind() == Kind.NAME && !KEYWORDS.contains(token.text())
                || token.kind() == Kind.STRING || token.is(")") || token.is("]");
    }

    private void nameRule(int i) {
        Token token = t.get(i);
        Token next = i + 1 < t.size() ? t.get(i + 1) : token;
        boolean afterDot = i > 0 && t.get(i - 1).is(".");
        switch (token.text()) {
            case "async" -> {
                if (!afterDot && (next.isName("def") || next.isName("for")
                        || next.isName("with"))) {
                    throw new UntranslatableException("async " + next.text(), token);
                }
            }
            case "await" -> {
                if (!afterDot && (next.kind() == Kind.NAME || next.is("(")
                        || next.kind() == Kind.NUMBER)) {
                    throw new UntranslatableException("await", token);
                }
            }
            case "yield" -> {
                if (next.isName("from")) {
                    if (!token.lineStart()) {
                        throw new UntranslatableException("yield from inside an expression",
                                token);
                    }
                    int end = lineEnd(i);
                    edits.add(new Edit(token.start(), next.end(), "for _fb_y in"));
                    Token last = t.get(end - 1);
                    edits.add(new Edit(last.end(), last.end(), ": yield _fb_y"));
                }
            }
            case "for" -> {
                if (!afterDot) {
                    starredForTarget(i);
                }
            }
            case "isinstance", "issubclass" -> {
                if (!afterDot && next.is("(")) {
                    unionOfTypes(i + 1);
                }
            }
            case "exec" -> {
                if (next.is("(") && !afterDot) {
                    edits.add(new Edit(token.start(), token.end(), "_fb_exec"));
                }
            }
            case "super" -> {
                if (next.is("(") && i + 2 < t.size() && t.get(i + 2).is(")") && !afterDot) {
                    Scope function = enclosing(i, false);
                    Scope owner = function == null ? null : enclosing(function.keyword(), true);
                    if (owner != null && function.firstParam() != null) {
                        replaceTokens(i + 1, i + 2,
                                "(" + pyName(owner.name()) + ", " + pyName(function.firstParam()) + ")");
                    }
                }
            }
            case "class" -> {
                if (i + 2 < t.size() && next.kind() == Kind.NAME) {
                    Token after = t.get(i + 2);
                    if (after.is(":")) {
                        edits.add(new Edit(next.end(), next.end(), "(object)"));
                    } else if (after.is("(") && i + 3 < t.size() && t.get(i + 3).is(")")) {
                        replaceTokens(i + 2, i + 3, "(object)");
                    }
                }
            }
            case "raise" -> {
                int end = lineEnd(i);
                for (int j = i + 1; j < end; j = match[j] > j ? match[j] + 1 : j + 1) {
                    if (t.get(j).isName("from")) {
                        blank(t.get(j).start(), t.get(end - 1).end());
                        break;
                    }
                }
            }
            default -> {
            }
        }
    }

    // ---- strings ----

    private void strings() {
        int i = 0;
        while (i < t.size()) {
            if (t.get(i).kind() != Kind.STRING) {
                i++;
                continue;
            }
            int end = i;
            boolean formatted = false;
            while (end < t.size() && t.get(end).kind() == Kind.STRING) {
                formatted |= prefixOf(t.get(end).text()).indexOf('f') >= 0;
                end++;
            }
            if (formatted) {
                StringBuilder group = new StringBuilder("(");
                for (int j = i; j < end; j++) {
                    if (j > i) {
                        group.append(" +").append(src, t.get(j - 1).end(), t.get(j).start());
                    }
                    group.append(stringPart(t.get(j)));
                }
                group.append(')');
                edits.add(new Edit(t.get(i).start(), t.get(end - 1).end(), group.toString()));
            } else {
                for (int j = i; j < end; j++) {
                    Token token = t.get(j);
                    if (needsUnicode(token.text())) {
                        edits.add(new Edit(token.start(), token.start(), "u"));
                    }
                }
            }
            i = end;
        }
    }

    private static String prefixOf(String literal) {
        int p = 0;
        while (literal.charAt(p) != '\'' && literal.charAt(p) != '"') {
            p++;
        }
        return literal.substring(0, p).toLowerCase();
    }

    private static boolean needsUnicode(String literal) {
        String prefix = prefixOf(literal);
        if (prefix.contains("u") || prefix.contains("b")) {
            return false;
        }
        for (int k = prefix.length(); k < literal.length(); k++) {
            if (literal.charAt(k) > 127) {
                return true;
            }
        }
        return false;
    }

    private String stringPart(Token token) {
        String text = token.text();
        String prefix = prefixOf(text);
        if (prefix.indexOf('f') < 0) {
            return needsUnicode(text) ? "u" + text : text;
        }
        return FString.translate(text, prefix, token);
    }

    /** One f-string literal as a {@code %} formatting expression. */
    private static final class FString {
        private final String body;
        private final boolean raw;
        private final Token token;
        private final StringBuilder format = new StringBuilder();
        private final StringBuilder plain = new StringBuilder();
        private final List<String> args = new ArrayList<>();
        private int p;

        private FString(String body, boolean raw, Token token) {
            this.body = body;
            this.raw = raw;
            this.token = token;
        }

        static String translate(String text, String prefix, Token token) {
            int quoteAt = prefix.length();
            char quote = text.charAt(quoteAt);
            int quoteLength = text.startsWith(String.valueOf(quote).repeat(3), quoteAt) ? 3 : 1;
            String quotes = text.substring(quoteAt, quoteAt + quoteLength);
            String body = text.substring(quoteAt + quoteLength, text.length() - quoteLength);
            FString f = new FString(body, prefix.contains("r"), token);
            f.parse();
            String newPrefix = prefix.replace("f", "");
            if (!newPrefix.contains("u") && !newPrefix.contains("b")
                    && body.chars().anyMatch(c -> c > 127)) {
                newPrefix = "u" + newPrefix;
            }
            if (f.args.isEmpty()) {
                return newPrefix + quotes + f.plain + quotes;
            }
            String literal = newPrefix + quotes + f.format + quotes;
            int lost = count(text, '\n') - count(literal, '\n');
            return "(" + literal + " % (" + String.join(", ", f.args) + ",)"
                    + "\n".repeat(Math.max(0, lost)) + ")";
        }

        private void parse() {
            while (p < body.length()) {
                char c = body.charAt(p);
                if (c == '{' && p + 1 < body.length() && body.charAt(p + 1) == '{'
                        || c == '}' && p + 1 < body.length() && body.charAt(p + 1) == '}') {
                    literal(String.valueOf(c));
                    p += 2;
                } else if (c == '{') {
                    p++;
                    field();
                } else if (c == '}') {
                    throw new UntranslatableException("a single '}' in an f-string", token);
                } else if (c == '\\' && !raw && p + 1 < body.length()) {
                    int end = p + 2;
                    if (body.charAt(p + 1) == 'N' && end < body.length() && body.charAt(end) == '{') {
                        end = body.indexOf('}', end) + 1;
                    }
                    literal(body.substring(p, end));
                    p = end;
                } else {
                    literal(String.valueOf(c));
                    p++;
                }
            }
        }

        private void literal(String text) {
            plain.append(text);
            format.append(text.replace("%", "%%"));
        }

        /** Reads one replacement field after its '{'. */
        private void field() {
            int exprStart = p;
            int depth = 0;
            while (p < body.length()) {
                char c = body.charAt(p);
                if (c == '\'' || c == '"') {
                    int close = body.indexOf(c, p + 1);
                    if (close < 0) {
                        break;
                    }
                    p = close + 1;
                    continue;
                }
                if ("([{".indexOf(c) >= 0) {
                    depth++;
                } else if (")]".indexOf(c) >= 0 || c == '}' && depth > 0) {
                    depth--;
                } else if (depth == 0 && (c == '}' || c == ':' || c == '!' && peek(1) != '='
                        || c == '=' && peek(1) != '=' && !isComparison(body.charAt(p - 1)))) {
                    break;
                }
                p++;
            }
            if (p >= body.length()) {
                throw new UntranslatableException("an unterminated f-string field", token);
            }
            String expression = body.substring(exprStart, p);
            boolean debug = body.charAt(p) == '=';
            if (debug) {
                p++;
                int spaces = p;
                while (p < body.length() && Character.isWhitespace(body.charAt(p))) {
                    p++;
                }
                literal(expression + "=" + body.substring(spaces, p));
                expression = expression.strip();
            }
            char conversion = 0;
            if (p < body.length() && body.charAt(p) == '!') {
                conversion = peek(1);
                p += 2;
            }
            String spec = null;
            if (p < body.length() && body.charAt(p) == ':') {
                p++;
                spec = spec();
            }
            if (p >= body.length() || body.charAt(p) != '}') {
                throw new UntranslatableException("an unterminated f-string field", token);
            }
            p++;
            if (expression.isBlank()) {
                throw new UntranslatableException("an empty f-string expression", token);
            }
            String value = "(" + Py3Translator.translate(expression.strip()).replace('\n', ' ')
                    + ")";
            if (debug && conversion == 0 && spec == null) {
                conversion = 'r';
            }
            if (conversion == 'r' || conversion == 'a') {
                value = "_fb_repr(" + value + ")";
            } else if (conversion == 's') {
                value = "str(" + value + ")";
            } else if (conversion != 0) {
                throw new UntranslatableException("the f-string conversion !" + conversion, token);
            }
            if (spec != null) {
                value = "format(" + value + ", " + spec + ")";
            } else if (conversion == 0) {
                value = "_fb_fs(" + value + ")";
            }
            args.add(value);
            format.append("%s");
            plain.append("%s");
        }

        /** A format spec, possibly with nested fields, as a Python expression. */
        private String spec() {
            StringBuilder text = new StringBuilder();
            List<String> nested = new ArrayList<>();
            while (p < body.length() && body.charAt(p) != '}') {
                char c = body.charAt(p);
                if (c == '{') {
                    int close = body.indexOf('}', p);
                    if (close < 0) {
                        throw new UntranslatableException("an unterminated f-string field", token);
                    }
                    nested.add("(" + Py3Translator.translate(body.substring(p + 1, close).strip())
                            + ")");
                    text.append("%s");
                    p = close + 1;
                } else {
                    text.append(c == '%' ? "%%" : String.valueOf(c));
                    p++;
                }
            }
            String literal = Py3Translator.literal(nested.isEmpty() ? text.toString().replace("%%", "%")
                    : text.toString());
            return nested.isEmpty() ? literal
                    : "(" + literal + " % (" + String.join(", ", nested) + ",))";
        }

        private char peek(int offset) {
            return p + offset < body.length() ? body.charAt(p + offset) : 0;
        }

        private static boolean isComparison(char before) {
            return before == '<' || before == '>' || before == '!' || before == '=';
        }

        private static int count(String text, char c) {
            return (int) text.chars().filter(ch -> ch == c).count();
        }
    }

    // ---- brackets: displays and calls with several * and ** ----

    private void bracketRule(int open, int close) {
        Token opener = t.get(open);
        Token before = open > 0 ? t.get(open - 1) : null;
        List<int[]> elements = elements(open, close);
        if (elements.isEmpty()) {
            return;
        }
        boolean starred = false;
        for (int[] element : elements) {
            starred |= isStar(element[0], "*") || isStar(element[0], "**");
        }
        if (!starred || hasTopLevelFor(open, close) || before != null && before.isName("for")
                || targetBrackets.contains(open) || beforeAssignment(open)) {
            return;
        }
        boolean call = opener.is("(") && before != null && isValueEnd(before)
                && !(open >= 2 && t.get(open - 2).isName("def"));
        if (open >= 2 && (t.get(open - 2).isName("def") || t.get(open - 2).isName("lambda"))
                || before != null && before.isName("lambda")) {
            return;
        }
        boolean assignmentTarget = opener.lineStart() && close + 1 < t.size()
                && t.get(close + 1).is("=");
        if (assignmentTarget) {
            return;
        } else if (call) {
            callWithStars(open, close, elements);
        } else if (opener.is("[") && before != null && isValueEnd(before)) {
            return;
        } else {
            display(open, close, elements);
        }
    }

    /** True when the bracket comes before the top-level {@code =} of its statement (a target). */
    private boolean beforeAssignment(int open) {
        // Inside a subscript or a call of the target (`d[(k, *ks)] = v`) it is a value, not a target.
        for (int b = enclosingBracket(open); b > 0; b = enclosingBracket(b)) {
            if ((t.get(b).is("[") || t.get(b).is("(")) && isValueEnd(t.get(b - 1))) {
                return false;
            }
        }
        int first = lineStartOf(open);
        if (t.get(first).kind() == Kind.NAME && KEYWORDS.contains(t.get(first).text())) {
            return false;
        }
        int end = lineEnd(first);
        for (int j = first; j < end; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is("=")) {
                return open < j;
            }
        }
        return false;
    }

    /** True for a comprehension or generator expression (its stars belong to a for target). */
    private boolean hasTopLevelFor(int open, int close) {
        for (int j = open + 1; j < close; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).isName("for")) {
                return true;
            }
        }
        return false;
    }

    private boolean isStar(int i, String star) {
        return t.get(i).kind() == Kind.OP && t.get(i).text().equals(star);
    }

    private boolean isKeywordArgument(int[] element) {
        return element[1] - element[0] >= 2 && t.get(element[0]).kind() == Kind.NAME
                && t.get(element[0] + 1).is("=");
    }

    private void callWithStars(int open, int close, List<int[]> elements) {
        int stars = 0;
        int doubleStars = 0;
        boolean needed = false;
        for (int[] element : elements) {
            if (isStar(element[0], "**")) {
                doubleStars++;
            } else if (isStar(element[0], "*")) {
                needed |= doubleStars > 0;
                stars++;
            } else if (isKeywordArgument(element)) {
                needed |= doubleStars > 0;
            } else {
                needed |= stars > 0 || doubleStars > 0;
            }
        }
        if (!needed && stars <= 1 && doubleStars <= 1) {
            return;
        }
        List<String> positional = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        StringBuilder pendingPositional = new StringBuilder();
        StringBuilder pendingKeywords = new StringBuilder();
        for (int[] element : elements) {
            if (isStar(element[0], "**")) {
                flush(keywords, pendingKeywords, "{", "}");
                keywords.add(renderTokens(element[0] + 1, element[1]));
            } else if (isStar(element[0], "*")) {
                flush(positional, pendingPositional, "[", "]");
                positional.add(renderTokens(element[0] + 1, element[1]));
            } else if (isKeywordArgument(element)) {
                append(pendingKeywords, literal(pyName(t.get(element[0]).text())) + ": "
                        + renderTokens(element[0] + 2, element[1]));
            } else {
                append(pendingPositional, renderTokens(element[0], element[1]));
            }
        }
        flush(positional, pendingPositional, "[", "]");
        flush(keywords, pendingKeywords, "{", "}");
        List<String> arguments = new ArrayList<>();
        if (!positional.isEmpty()) {
            arguments.add("*_fb_list(" + String.join(", ", positional) + ")");
        }
        if (!keywords.isEmpty()) {
            arguments.add("**_fb_kwargs(" + String.join(", ", keywords) + ")");
        }
        replaceKeepingLines(open, close, "(" + String.join(", ", arguments), ")");
    }

    private void display(int open, int close, List<int[]> elements) {
        String kind = t.get(open).text();
        boolean dict = false;
        for (int[] element : elements) {
            dict |= isStar(element[0], "**") || topLevelColon(element);
        }
        if (kind.equals("{") && dict) {
            List<String> parts = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            for (int[] element : elements) {
                if (isStar(element[0], "**")) {
                    flush(parts, pending, "{", "}");
                    parts.add(renderTokens(element[0] + 1, element[1]));
                } else {
                    append(pending, renderTokens(element[0], element[1]));
                }
            }
            flush(parts, pending, "{", "}");
            replaceKeepingLines(open, close, "_fb_dict(" + String.join(", ", parts), ")");
            return;
        }
        List<String> parts = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (int[] element : elements) {
            if (isStar(element[0], "*")) {
                flush(parts, pending, "[", "]");
                parts.add(renderTokens(element[0] + 1, element[1]));
            } else {
                append(pending, renderTokens(element[0], element[1]));
            }
        }
        flush(parts, pending, "[", "]");
        String helper = switch (kind) {
            case "[" -> "_fb_list(";
            case "{" -> "_fb_set(";
            default -> "_fb_tuple(";
        };
        replaceKeepingLines(open, close, helper + String.join(", ", parts), ")");
    }

    private boolean topLevelColon(int[] element) {
        for (int j = element[0]; j < element[1]; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is(":")) {
                return true;
            }
        }
        return false;
    }

    private static void append(StringBuilder pending, String item) {
        if (pending.length() > 0) {
            pending.append(", ");
        }
        pending.append(item);
    }

    private static void flush(List<String> parts, StringBuilder pending, String open,
            String close) {
        if (pending.length() > 0) {
            parts.add(open + pending + close);
            pending.setLength(0);
        }
    }

    /**
     * {@code x.copy()} and {@code x.clear()}: Python 3 lists have them, Jython's do not (and its
     * built-in types cannot gain methods), so they become helper calls that use the object's own
     * method when it has one.
     */
    private void listMethodRule(int i) {
        Token name = t.get(i);
        if (!(name.isName("copy") || name.isName("clear")) || !t.get(i - 1).is(".")
                || !t.get(i + 1).is("(") || !t.get(i + 2).is(")")) {
            return;
        }
        int k = i - 2;
        while (k >= 0) {
            Token token = t.get(k);
            if ((token.is(")") || token.is("]")) && match[k] >= 0 && match[k] < k) {
                int open = match[k];
                if (open > 0 && isValueEnd(t.get(open - 1))) {
                    k = open - 1;
                    continue;
                }
                k = open;
                break;
            }
            if (token.kind() == Kind.NAME && !KEYWORDS.contains(token.text())
                    || token.kind() == Kind.STRING || token.kind() == Kind.NUMBER) {
                if (k > 0 && t.get(k - 1).is(".")) {
                    k -= 2;
                    continue;
                }
                break;
            }
            return;
        }
        if (k < 0) {
            return;
        }
        replaceKeepingLines(k, i + 2, "_fb_" + name.text() + "(" + renderTokens(k, i - 1), ")");
    }

    // ---- statements: annotations, starred targets ----

    private void statementRule(int i) {
        Token first = t.get(i);
        int end = lineEnd(i);
        if (first.isName("print") && isPrintStatement(i, end)) {
            printStatement(i, end);
            return;
        }
        if (first.kind() == Kind.NAME && !KEYWORDS.contains(first.text())) {
            int j = i + 1;
            while (j < end && (t.get(j).is(".") && j + 1 < end
                    && t.get(j + 1).kind() == Kind.NAME || t.get(j).is("["))) {
                j = t.get(j).is("[") ? match[j] + 1 : j + 2;
                if (j <= 0) {
                    return;
                }
            }
            if (j < end && t.get(j).is(":")) {
                annotatedAssignment(i, j, end);
                return;
            }
        }
        if (first.isName("from") && i + 2 < end && t.get(i + 1).isName("__future__")) {
            python3OnlyFutures(i + 2, end);
            return;
        }
        if (first.kind() == Kind.NAME && KEYWORDS.contains(first.text())) {
            return;
        }
        int equals = -1;
        for (int j = i; j < end; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is("=")) {
                equals = j;
                break;
            }
        }
        if (equals < 0) {
            return;
        }
        List<Integer> stars = new ArrayList<>();
        String shape = targetShape(i, equals, stars);
        if (shape == null) {
            return;
        }
        for (int star : stars) {
            edits.add(new Edit(t.get(star).start(), t.get(star).end(), ""));
        }
        int valueStart = equals + 1;
        replaceKeepingLines(valueStart, end - 1, "_fb_shape((" + renderTokens(valueStart, end),
                "), " + shape + ")", false);
    }

    /**
     * Python 3's own futures ({@code annotations}: annotations are stripped anyway;
     * {@code generator_stop}) are unknown to Jython: each becomes {@code division}, which every
     * cell has on, so the statement stays a future import on its line.
     */
    private void python3OnlyFutures(int from, int end) {
        for (int j = from; j < end; j++) {
            Token name = t.get(j);
            boolean imported = t.get(j - 1).isName("import") || t.get(j - 1).is(",")
                    || t.get(j - 1).is("(");
            if (imported && (name.isName("annotations") || name.isName("generator_stop"))) {
                edits.add(new Edit(name.start(), name.end(), "division"));
            }
        }
    }

    /**
     * The shape of the target in tokens {@code [start, end)} (bracketed or not) for the helper
     * {@code _fb_shape}: {@code (index of the starred name or -1, (shape of each element,))}, with
     * {@code None} for a plain name; null when no starred name is in it at any depth. Adds the star
     * tokens to {@code stars} and marks the nested brackets as targets.
     */
    private String targetShape(int start, int end, List<Integer> stars) {
        int targetStart = start;
        int targetEnd = end;
        if (end - start >= 2 && match[start] == end - 1
                && (t.get(start).is("(") || t.get(start).is("["))) {
            targetBrackets.add(start);
            targetStart++;
            targetEnd--;
        }
        int star = -1;
        boolean nested = false;
        List<String> parts = new ArrayList<>();
        List<int[]> elements = elementsOf(targetStart, targetEnd);
        for (int k = 0; k < elements.size(); k++) {
            int[] element = elements.get(k);
            String part = null;
            if (isStar(element[0], "*")) {
                if (star >= 0) {
                    throw new UntranslatableException("two starred targets", t.get(element[0]));
                }
                star = k;
                stars.add(element[0]);
            } else if (match[element[0]] == element[1] - 1
                    && (t.get(element[0]).is("(") || t.get(element[0]).is("["))) {
                part = targetShape(element[0], element[1], stars);
                nested |= part != null;
            }
            parts.add(part == null ? "None" : part);
        }
        if (star < 0 && !nested) {
            return null;
        }
        return "(" + star + ", (" + String.join(", ", parts) + ",))";
    }

    private static final Set<String> OPERATOR_WORDS = Set.of("in", "is", "and", "or", "if",
            "else", "for");

    /** Python 2's {@code print x} (as in notebooks from before Python 3), not a call. */
    private boolean isPrintStatement(int i, int end) {
        if (end == i + 1) {
            return true;
        }
        Token next = t.get(i + 1);
        return switch (next.kind()) {
            case NAME -> !OPERATOR_WORDS.contains(next.text());
            case NUMBER, STRING -> true;
            case OP -> next.is(">>") || next.is("-") || next.is("+") || next.is("~")
                    || next.is("[") || next.is("{");
            default -> false;
        };
    }

    private void printStatement(int i, int end) {
        int argsStart = i + 1;
        String file = null;
        if (argsStart < end && t.get(argsStart).is(">>")) {
            int comma = argsStart + 1;
            while (comma < end && !t.get(comma).is(",")) {
                comma = match[comma] > comma ? match[comma] + 1 : comma + 1;
            }
            file = renderTokens(argsStart + 1, comma);
            argsStart = Math.min(end, comma + 1);
        }
        int argsEnd = end;
        boolean trailingComma = argsEnd > argsStart && t.get(argsEnd - 1).is(",");
        if (trailingComma) {
            argsEnd--;
        }
        List<String> arguments = new ArrayList<>();
        if (argsEnd > argsStart) {
            arguments.add(renderTokens(argsStart, argsEnd));
        }
        if (trailingComma) {
            arguments.add("end=' '");
        }
        if (file != null) {
            arguments.add("file=" + file);
        }
        replaceKeepingLines(i, end - 1, "print(" + String.join(", ", arguments), ")");
    }

    /** Elements of a token range split at top-level commas. */
    private List<int[]> elementsOf(int start, int end) {
        List<int[]> result = new ArrayList<>();
        int from = start;
        int j = start;
        while (j < end) {
            if (t.get(j).is(",")) {
                result.add(new int[] {from, j});
                from = j + 1;
                j++;
            } else {
                j = match[j] > j ? match[j] + 1 : j + 1;
            }
        }
        if (from < end) {
            result.add(new int[] {from, end});
        }
        return result;
    }

    private void annotatedAssignment(int first, int colon, int end) {
        int equals = -1;
        for (int j = colon + 1; j < end; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is("=")) {
                equals = j;
                break;
            }
        }
        int annotationEnd = equals < 0 ? end : equals;
        // In a class body the annotation's text is recorded, in order, for dataclasses.
        String record = null;
        if (colon == first + 1 && inClassBody(first) && annotationEnd > colon + 1) {
            String text = src.substring(t.get(colon + 1).start(),
                    t.get(annotationEnd - 1).end()).replace('\n', ' ');
            record = "_fb_ann(locals(), " + literal(pyName(t.get(first).text())) + ", " + literal(text)
                    + ")";
        }
        if (equals < 0) {
            replaceKeepingLines(first, end - 1, record == null ? "pass" : record, "", false);
        } else {
            blank(t.get(colon).start(), t.get(equals - 1).end());
            if (record != null) {
                Token last = t.get(end - 1);
                edits.add(new Edit(last.end(), last.end(), "; " + record));
            }
        }
    }

    private boolean inClassBody(int i) {
        Scope cls = enclosing(i, true);
        Scope function = enclosing(i, false);
        return cls != null && (function == null || cls.bodyStart() > function.bodyStart());
    }

    // ---- def headers ----

    private void defHeader(Scope scope) {
        int open = scope.keyword() + 2;
        if (open >= t.size() || !t.get(open).is("(") || match[open] < 0) {
            return;
        }
        int close = match[open];
        for (int j = close + 1; j < scope.colon(); j++) {
            if (t.get(j).is("->")) {
                blank(t.get(j).start(), t.get(scope.colon() - 1).end());
                break;
            }
        }
        List<int[]> params = elements(open, close);
        boolean rebuild = false;
        boolean keywordOnly = false;
        for (int[] param : params) {
            if (isStar(param[0], "*")) {
                keywordOnly = true;
            } else if (keywordOnly && !isStar(param[0], "**") || t.get(param[0]).is("/")) {
                rebuild = true;
            }
        }
        if (!rebuild) {
            for (int[] param : params) {
                int[] annotation = annotation(param);
                if (annotation != null) {
                    blank(t.get(annotation[0]).start(), t.get(annotation[1] - 1).end());
                }
            }
            return;
        }
        List<String> kept = new ArrayList<>();
        StringBuilder prologue = new StringBuilder();
        String kwargs = null;
        boolean afterStar = false;
        // Keyword-only defaults are evaluated once, at def time, as a hidden parameter's default;
        // after *args no parameter can hold them, so there they are evaluated at each call.
        boolean varargs = false;
        for (int[] param : params) {
            varargs |= isStar(param[0], "*") && param[1] - param[0] > 1;
        }
        List<String> kwDefaults = new ArrayList<>();
        int positional = 0;
        for (int[] param : params) {
            Token first = t.get(param[0]);
            int[] annotation = annotation(param);
            int nameEnd = annotation != null ? annotation[0] : param[1];
            int equals = -1;
            for (int j = param[0]; j < param[1]; j = match[j] > j ? match[j] + 1 : j + 1) {
                if (t.get(j).is("=")) {
                    equals = j;
                    break;
                }
            }
            if (annotation == null && equals >= 0) {
                nameEnd = equals;
            }
            if (first.is("/")) {
                continue;
            }
            if (isStar(param[0], "**")) {
                kwargs = renderTokens(param[0] + 1, nameEnd);
                continue;
            }
            if (isStar(param[0], "*")) {
                afterStar = true;
                if (param[1] - param[0] > 1) {
                    kept.add(renderTokens(param[0], nameEnd));
                }
                continue;
            }
            String name = renderTokens(param[0], nameEnd);
            String defaultValue = equals >= 0 ? renderTokens(equals + 1, param[1]) : null;
            if (!afterStar) {
                kept.add(defaultValue == null ? name : name + "=" + defaultValue);
                positional++;
            } else {
                if (prologue.length() > 0) {
                    prologue.append("; ");
                }
                String fallback = defaultValue;
                if (defaultValue != null && !varargs) {
                    fallback = "_fb_kwd[" + kwDefaults.size() + "]";
                    kwDefaults.add(defaultValue);
                }
                prologue.append(name).append(" = ").append(defaultValue == null
                        ? "_fb_kwreq(%KW%, " + literal(name) + ", " + literal(scope.name()) + ")"
                        : "%KW%.pop(" + literal(name) + ", " + fallback + ")");
            }
        }
        boolean ownKwargs = kwargs == null;
        String kw = ownKwargs ? "_fb_kw" : kwargs;
        if (!kwDefaults.isEmpty()) {
            kept.add("_fb_kwd=_fb_KwDefaults(" + String.join(", ", kwDefaults) + ")");
            prologue.insert(0, "_fb_kwpos(_fb_kwd, " + literal(scope.name()) + ", " + positional
                    + "); ");
        }
        if (prologue.length() > 0) {
            kept.add("**" + kw);
            String text = prologue.toString().replace("%KW%", kw);
            if (ownKwargs) {
                text += "; _fb_nokw(_fb_kw, " + literal(scope.name()) + ")";
            }
            prologue(scope, text);
        } else if (kwargs != null) {
            kept.add("**" + kwargs);
        }
        replaceKeepingLines(open, close, "(" + String.join(", ", kept), ")");
    }

    /** The annotation {@code : expr} of a parameter, as a token range, or null. */
    private int[] annotation(int[] param) {
        for (int j = param[0]; j < param[1]; j = match[j] > j ? match[j] + 1 : j + 1) {
            if (t.get(j).is(":")) {
                int end = j + 1;
                while (end < param[1] && !t.get(end).is("=")) {
                    end = match[end] > end ? match[end] + 1 : end + 1;
                }
                return new int[] {j, end};
            }
        }
        return null;
    }

    private void prologue(Scope scope, String statements) {
        prologues.computeIfAbsent(scope.keyword(), k -> new StringBuilder());
        StringBuilder existing = prologues.get(scope.keyword());
        if (existing.length() > 0) {
            existing.append("; ");
        }
        existing.append(statements);
    }

    /** Puts statements before the first statement of the function whose {@code def} is at i. */
    private void insertPrologue(int keyword, String statements) {
        Scope scope = null;
        for (Scope candidate : scopes) {
            if (candidate.keyword() == keyword) {
                scope = candidate;
            }
        }
        int first = scope.bodyStart();
        Token token = t.get(first);
        if (token.kind() == Kind.STRING && t.get(first + 1).kind() == Kind.NEWLINE
                && first + 1 < scope.bodyEnd()) {
            edits.add(new Edit(token.end(), token.end(), "; " + statements));
            return;
        }
        if ((token.kind() == Kind.NAME && COMPOUND.contains(token.text()) || token.is("@"))
                && token.lineStart()) {
            // A compound statement cannot follow "; ": the statements get a line of their own,
            // which the line map gives back to the user's line.
            int lineBegin = src.lastIndexOf('\n', token.start() - 1) + 1;
            String indent = src.substring(lineBegin, token.start());
            edits.add(new Edit(token.start(), token.start(), statements + "\n" + indent));
            insertedLines.add(token.line());
            return;
        }
        edits.add(new Edit(token.start(), token.start(), statements + "; "));
    }

    // ---- editing ----

    private void replaceTokens(int from, int to, String text) {
        addEdit(new Edit(t.get(from).start(), t.get(to).end(), text));
    }

    /** Replaces tokens {@code from..to} (inclusive) keeping the number of lines. */
    private void replaceKeepingLines(int from, int to, String head, String tail) {
        replaceKeepingLines(from, to, head, tail, true);
    }

    private void replaceKeepingLines(int from, int to, String head, String tail,
            boolean bracketed) {
        int start = t.get(from).start();
        int end = t.get(to).end();
        String text = head + tail;
        int lost = count(src.substring(start, end)) - count(text);
        if (lost > 0 && !bracketed) {
            StringBuilder continued = new StringBuilder(head);
            continued.append(" \\\n".repeat(lost));
            text = continued + tail;
        } else if (lost > 0) {
            text = head + "\n".repeat(lost) + tail;
        }
        addEdit(new Edit(start, end, text));
    }

    private void addEdit(Edit edit) {
        inside(edit.start(), edit.end()).clear();
        edits.add(edit);
    }

    /** The edits within {@code [from, to)}, insertions at {@code to} excluded when it is wider. */
    private NavigableSet<Edit> inside(int from, int to) {
        int lastStart = to > from ? to - 1 : to;
        return edits.subSet(new Edit(from, Integer.MIN_VALUE, "", Integer.MIN_VALUE), true,
                new Edit(lastStart, Integer.MAX_VALUE, "", Integer.MAX_VALUE), true);
    }

    /** Replaces a range by spaces, keeping newlines (so columns after it stay put). */
    private void blank(int start, int end) {
        StringBuilder spaces = new StringBuilder();
        for (int k = start; k < end; k++) {
            char c = src.charAt(k);
            spaces.append(c == '\n' ? '\n' : ' ');
        }
        addEdit(new Edit(start, end, spaces.toString()));
    }

    private static int count(String text) {
        int n = 0;
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Source of code tokens {@code [from, to)} with the edits inside applied. */
    private String renderTokens(int from, int to) {
        if (from >= to) {
            return "";
        }
        return render(t.get(from).start(), t.get(to - 1).end());
    }

    /** Source {@code [from, to)} with its edits; {@code to} may be one past the end, to include
     * insertions at the very end of the source. */
    private String render(int from, int to) {
        StringBuilder out = new StringBuilder();
        int at = from;
        int limit = Math.min(to, src.length());
        for (Edit edit : inside(from, to)) {
            if (edit.start() < at || edit.end() > limit) {
                continue;
            }
            out.append(src, at, edit.start()).append(edit.text());
            at = edit.end();
        }
        out.append(src, at, limit);
        return out.toString();
    }

    private static final String MANGLED = "_fbu_";

    private static boolean isAscii(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) > 127) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Python 3 identifier as a Jython one: ASCII names as they are, others (after Python 3's NFKC
     * normalization) as {@code _fbu_} and the name with {@code _} doubled and every other character
     * as {@code _hex_}, so {@code café} is {@code _fbu_caf_e9_} in every cell.
     */
    static String pyName(String name) {
        if (isAscii(name)) {
            return name;
        }
        String normalized = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(MANGLED);
        normalized.codePoints().forEach(c -> {
            if (c == '_') {
                out.append("__");
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c);
            } else {
                out.append('_').append(Integer.toHexString(c)).append('_');
            }
        });
        return out.toString();
    }

    /** The Python 3 name for a name {@link #pyName} made; any other name as it is. */
    public static String displayName(String name) {
        if (!name.startsWith(MANGLED)) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        int k = MANGLED.length();
        while (k < name.length()) {
            char c = name.charAt(k);
            if (c != '_') {
                out.append(c);
                k++;
            } else if (k + 1 < name.length() && name.charAt(k + 1) == '_') {
                out.append('_');
                k += 2;
            } else {
                int close = name.indexOf('_', k + 1);
                if (close < 0) {
                    return name;
                }
                try {
                    out.appendCodePoint(Integer.parseInt(name.substring(k + 1, close), 16));
                } catch (IllegalArgumentException e) {
                    return name;
                }
                k = close + 1;
            }
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern MANGLED_NAME =
            java.util.regex.Pattern.compile(MANGLED + "\\w+");

    /** Output text (an error message) with every {@link #pyName} name shown as the user wrote it. */
    static String displayNames(String text) {
        if (!text.contains(MANGLED)) {
            return text;
        }
        return MANGLED_NAME.matcher(text).replaceAll(
                match -> java.util.regex.Matcher.quoteReplacement(displayName(match.group())));
    }

    /** A Python literal for {@code text}: a str when it is printable ASCII, else unicode. */
    static String literal(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 32 && c <= 126);
        StringBuilder out = new StringBuilder(ascii ? "'" : "u'");
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '\\' || c == '\'') {
                out.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
