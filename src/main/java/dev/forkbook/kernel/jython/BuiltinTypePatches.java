package dev.forkbook.kernel.jython;

import org.python.core.Py;
import org.python.core.PyBuiltinMethod;
import org.python.core.PyException;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyType;
import org.python.core.PyUnicode;

/**
 * Methods of Jython's built-in {@code str} and {@code unicode} types replaced or added, once per
 * JVM: Python 3's {@code isascii}, {@code removeprefix} and {@code removesuffix}; {@code format}
 * with a fill character that is itself an alignment character ({@code '{0:=<8}'}, which Jython's
 * spec parser rejects) and with text arguments in an ASCII template; and the unicode methods that
 * Jython 2.7.4 gets wrong on astral-plane text (its results claim to hold no surrogate pairs, or
 * count UTF-16 units): {@code split}, {@code rsplit}, {@code partition}, {@code rpartition},
 * {@code index}, {@code rindex}, {@code count} and {@code expandtabs}.
 *
 * <p>Python code cannot set attributes of built-in types; their dictionaries can be changed from
 * Java, and setting the type's own name again makes Jython drop its cached method lookups.
 */
final class BuiltinTypePatches {

    /** A method written in Java; {@code self} is the object it is bound to. */
    private interface Body {
        PyObject call(PyObject self, PyObject[] args, String[] keywords);
    }

    private static final class JavaMethod extends PyBuiltinMethod {
        private final transient Body body;

        JavaMethod(String name, Body body) {
            super(name);
            this.body = body;
        }

        @Override
        public PyObject __call__(PyObject[] args, String[] keywords) {
            return body.call(self, args, keywords);
        }
    }

    private BuiltinTypePatches() {
    }

    /** Installs the methods; {@code formatFallback(template, args, kwargs)} is Python's. */
    static void install(PyObject formatFallback) {
        for (PyType type : new PyType[] {PyString.TYPE, PyUnicode.TYPE}) {
            add(type, "isascii", (self, args, keywords) -> {
                noArguments("isascii", args);
                return Py.newBoolean(isAscii(((PyString) self).getString()));
            });
            add(type, "removeprefix", (self, args, keywords) -> affix(self, args, true));
            add(type, "removesuffix", (self, args, keywords) -> affix(self, args, false));
            PyObject format = original(type, "format");
            add(type, "format", (self, args, keywords) -> format(format, formatFallback, self,
                    args, keywords));
        }
        PyType unicode = PyUnicode.TYPE;
        // Jython splits astral text into pieces that claim to be basic-plane (and asserts that
        // they are); these split on the UTF-16 text and build each piece afresh.
        for (String name : new String[] {"split", "rsplit"}) {
            PyObject method = original(unicode, name);
            boolean right = name.equals("rsplit");
            add(unicode, name, (self, args, keywords) -> {
                if (isBasic(self) && keywords.length == 0 && (args.length == 0
                        || isBasic(args[0]))) {
                    return method.__get__(self, unicode).__call__(args, keywords);
                }
                org.python.core.ArgParser parser = new org.python.core.ArgParser(name, args,
                        keywords, "sep", "maxsplit");
                PyObject sep = parser.getPyObject(0, Py.None);
                int maxsplit = parser.getInt(1, -1);
                return split(((PyString) self).getString(),
                        sep == Py.None ? null : text(sep), maxsplit, right);
            });
        }
        for (String name : new String[] {"partition", "rpartition"}) {
            PyObject method = original(unicode, name);
            boolean right = name.equals("rpartition");
            add(unicode, name, (self, args, keywords) -> {
                if (isBasic(self) && (args.length == 0 || isBasic(args[0]))) {
                    return method.__get__(self, unicode).__call__(args, keywords);
                }
                if (args.length != 1) {
                    throw Py.TypeError(name + "() takes exactly one argument");
                }
                return partition(((PyString) self).getString(), text(args[0]), right);
            });
        }
        for (String name : new String[] {"index", "rindex"}) {
            PyObject method = original(unicode, name);
            String find = name.equals("index") ? "find" : "rfind";
            add(unicode, name, (self, args, keywords) -> {
                if (isBasic(self)) {
                    return method.__get__(self, unicode).__call__(args, keywords);
                }
                PyObject found = self.__getattr__(find).__call__(args, keywords);
                if (found.asInt() < 0) {
                    throw Py.ValueError("substring not found");
                }
                return found;
            });
        }
        PyObject count = original(unicode, "count");
        add(unicode, "count", (self, args, keywords) -> isBasic(self) && keywords.length == 0
                && (args.length == 0 || isBasic(args[0]))
                ? count.__get__(self, unicode).__call__(args, keywords)
                : Py.newInteger(countCodePoints(self, args)));
        PyObject expandtabs = original(unicode, "expandtabs");
        add(unicode, "expandtabs", (self, args, keywords) -> isBasic(self)
                ? expandtabs.__get__(self, unicode).__call__(args, keywords)
                : new PyUnicode(expandTabs(((PyString) self).getString(),
                        args.length > 0 ? args[0].asInt() : 8)));
        for (PyType type : new PyType[] {PyString.TYPE, PyUnicode.TYPE}) {
            // Jython caches method lookups per type version; naming the type bumps the version.
            type.pySetName(new PyString(type.fastGetName()));
        }
    }

    private static PyObject original(PyType type, String name) {
        PyObject method = type.fastGetDict().__finditem__(name);
        if (method == null) {
            throw new IllegalStateException(type.fastGetName() + "." + name + " not found");
        }
        return method;
    }

    private static void add(PyType type, String name, Body body) {
        type.fastGetDict().__setitem__(name, new JavaMethod(name, body).makeDescriptor(type));
    }

    private static void noArguments(String name, PyObject[] args) {
        if (args.length > 0) {
            throw Py.TypeError(name + "() takes no arguments (" + args.length + " given)");
        }
    }

    private static boolean isAscii(String text) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) > 127) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBasic(PyObject text) {
        return !(text instanceof PyUnicode unicode) || unicode.isBasicPlane();
    }

    private static PyObject affix(PyObject self, PyObject[] args, boolean prefix) {
        String name = prefix ? "removeprefix" : "removesuffix";
        if (args.length != 1 || !(args[0] instanceof PyString)) {
            throw Py.TypeError(name + "() argument must be str");
        }
        String text = ((PyString) self).getString();
        String affix = ((PyString) args[0]).getString();
        boolean has = prefix ? text.startsWith(affix) : text.endsWith(affix);
        if (!has || affix.isEmpty()) {
            return self;
        }
        String rest = prefix ? text.substring(affix.length())
                : text.substring(0, text.length() - affix.length());
        return self instanceof PyUnicode ? new PyUnicode(rest) : new PyString(rest);
    }

    private static PyObject format(PyObject original, PyObject fallback, PyObject self,
            PyObject[] args, String[] keywords) {
        try {
            return original.__get__(self, self.getType()).__call__(args, keywords);
        } catch (PyException e) {
            if (e.match(Py.UnicodeError) && !(self instanceof PyUnicode)
                    && isAscii(((PyString) self).getString())) {
                // Python 3 text: an ASCII template takes unicode arguments, as u'...' would.
                return new PyUnicode(((PyString) self).getString()).__getattr__("format")
                        .__call__(args, keywords);
            }
            if (!e.match(Py.ValueError)) {
                throw e;
            }
            int positional = args.length - keywords.length;
            PyObject[] values = new PyObject[positional];
            System.arraycopy(args, 0, values, 0, positional);
            org.python.core.PyDictionary named = new org.python.core.PyDictionary();
            for (int k = 0; k < keywords.length; k++) {
                named.__setitem__(keywords[k], args[positional + k]);
            }
            try {
                return fallback.__call__(self, new PyTuple(values), named);
            } catch (PyException ignored) {
                throw e;
            }
        }
    }

    private static String text(PyObject value) {
        if (value instanceof PyString string) {
            return string.getString();
        }
        throw Py.TypeError("expected a string, not " + value.getType().fastGetName());
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Python's split/rsplit on UTF-16 text; {@code sep} null splits at runs of whitespace. */
    private static PyList split(String text, String sep, int maxsplit, boolean right) {
        if (sep != null && sep.isEmpty()) {
            throw Py.ValueError("empty separator");
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        int limit = maxsplit < 0 ? Integer.MAX_VALUE : maxsplit;
        if (sep == null) {
            if (!right) {
                int k = 0;
                while (true) {
                    while (k < text.length() && isSpace(text.charAt(k))) {
                        k++;
                    }
                    if (k >= text.length()) {
                        break;
                    }
                    if (parts.size() == limit) {
                        int end = text.length();
                        while (end > k && isSpace(text.charAt(end - 1))) {
                            end--;
                        }
                        parts.add(text.substring(k, end));
                        break;
                    }
                    int start = k;
                    while (k < text.length() && !isSpace(text.charAt(k))) {
                        k++;
                    }
                    parts.add(text.substring(start, k));
                }
            } else {
                int k = text.length();
                while (true) {
                    while (k > 0 && isSpace(text.charAt(k - 1))) {
                        k--;
                    }
                    if (k <= 0) {
                        break;
                    }
                    if (parts.size() == limit) {
                        int start = 0;
                        while (start < k && isSpace(text.charAt(start))) {
                            start++;
                        }
                        parts.add(text.substring(start, k));
                        break;
                    }
                    int end = k;
                    while (k > 0 && !isSpace(text.charAt(k - 1))) {
                        k--;
                    }
                    parts.add(text.substring(k, end));
                }
                java.util.Collections.reverse(parts);
            }
        } else if (!right) {
            int from = 0;
            int at;
            while (parts.size() < limit && (at = text.indexOf(sep, from)) >= 0) {
                parts.add(text.substring(from, at));
                from = at + sep.length();
            }
            parts.add(text.substring(from));
        } else {
            int to = text.length();
            int at;
            while (parts.size() < limit && to >= sep.length()
                    && (at = text.lastIndexOf(sep, to - sep.length())) >= 0) {
                parts.add(text.substring(at + sep.length(), to));
                to = at;
            }
            parts.add(text.substring(0, to));
            java.util.Collections.reverse(parts);
        }
        PyList out = new PyList();
        for (String part : parts) {
            out.append(new PyUnicode(part));
        }
        return out;
    }

    private static PyTuple partition(String text, String sep, boolean right) {
        if (sep.isEmpty()) {
            throw Py.ValueError("empty separator");
        }
        int at = right ? text.lastIndexOf(sep) : text.indexOf(sep);
        if (at < 0) {
            return right ? new PyTuple(new PyUnicode(""), new PyUnicode(""), new PyUnicode(text))
                    : new PyTuple(new PyUnicode(text), new PyUnicode(""), new PyUnicode(""));
        }
        return new PyTuple(new PyUnicode(text.substring(0, at)), new PyUnicode(sep),
                new PyUnicode(text.substring(at + sep.length())));
    }

    /** {@code count(sub[, start[, end]])} in code points, as Python 3 counts. */
    private static int countCodePoints(PyObject self, PyObject[] args) {
        if (args.length == 0) {
            throw Py.TypeError("count() takes at least 1 argument (0 given)");
        }
        String text = ((PyString) self).getString();
        String sub = ((PyString) (args[0] instanceof PyString ? args[0]
                : args[0].__unicode__())).getString();
        int length = text.codePointCount(0, text.length());
        int start = bound(args.length > 1 ? args[1] : Py.None, length, 0);
        int end = bound(args.length > 2 ? args[2] : Py.None, length, length);
        if (end < start) {
            return 0;
        }
        int from = text.offsetByCodePoints(0, start);
        int to = text.offsetByCodePoints(from, end - start);
        if (sub.isEmpty()) {
            return end - start + 1;
        }
        int n = 0;
        int at = text.indexOf(sub, from);
        while (at >= 0 && at + sub.length() <= to) {
            n++;
            at = text.indexOf(sub, at + sub.length());
        }
        return n;
    }

    private static int bound(PyObject index, int length, int missing) {
        if (index == Py.None) {
            return missing;
        }
        int i = index.asInt();
        if (i < 0) {
            i += length;
        }
        return Math.max(0, Math.min(length, i));
    }

    private static String expandTabs(String text, int tabsize) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (int k = 0; k < text.length(); k = text.offsetByCodePoints(k, 1)) {
            int c = text.codePointAt(k);
            if (c == '\t') {
                if (tabsize > 0) {
                    int spaces = tabsize - column % tabsize;
                    out.append(" ".repeat(spaces));
                    column += spaces;
                }
            } else {
                out.appendCodePoint(c);
                column = c == '\n' || c == '\r' ? 0 : column + 1;
            }
        }
        return out.toString();
    }
}
