package dev.forkbook.kernel.jython;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyBoolean;
import org.python.core.PyClass;
import org.python.core.PyDictionary;
import org.python.core.PyFrozenSet;
import org.python.core.PyFunction;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PySet;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyType;
import org.python.core.PyUnicode;

/**
 * The {@code repr} a Python 3 notebook shows for a value: no {@code L} on longs, {@code {1, 2}} sets,
 * {@code <class 'int'>}, text without a {@code u} prefix, IPython's {@code <function __main__.f(x)>}.
 * Containers of the built-in types are walked so their elements get the same treatment; every other
 * object keeps its own {@code __repr__}. Used for text/plain and the variables pane, never for
 * {@code repr()} called by user code.
 */
final class Py3Repr {

    private static final Set<String> BUILTIN_MODULES = Set.of("__builtin__", "exceptions",
            "builtins");
    private static final Map<String, String> TYPE_NAMES = Map.of("long", "int", "unicode", "str");

    private final Map<PyObject, Boolean> active = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private Py3Repr() {
    }

    static String of(PyObject value) {
        Py3Repr repr = new Py3Repr();
        repr.append(value);
        return repr.out.toString();
    }

    private void append(PyObject value) {
        PyType type = value.getType();
        if (value instanceof PyBoolean) {
            out.append(value.__nonzero__() ? "True" : "False");
        } else if (type == PyLong.TYPE || type == PyInteger.TYPE) {
            out.append(value.__str__().toString());
        } else if (type == PyUnicode.TYPE) {
            text(((PyUnicode) value).getString());
        } else if (type == PyString.TYPE) {
            bytes(((PyString) value).getString(), value);
        } else if (type == PyList.TYPE) {
            sequence(value, "[", "]", false);
        } else if (type == PyTuple.TYPE) {
            sequence(value, "(", ")", true);
        } else if (type == PyDictionary.TYPE) {
            dict((PyDictionary) value);
        } else if (type == PySet.TYPE) {
            set(value, "set()", "", "");
        } else if (type == PyFrozenSet.TYPE) {
            set(value, "frozenset()", "frozenset(", ")");
        } else if (value instanceof PyType cls) {
            out.append("<class '").append(qualifiedName(cls.fastGetName(),
                    cls.__findattr__("__module__"))).append("'>");
        } else if (value instanceof PyClass oldStyle) {
            out.append("<class '").append(qualifiedName(oldStyle.__name__,
                    oldStyle.__findattr__("__module__"))).append("'>");
        } else if (value instanceof PyFunction function) {
            function(function);
        } else {
            out.append(MimeFormatter.textOf(value.__repr__()));
        }
    }

    private static String qualifiedName(String name, PyObject module) {
        String moduleName = module == null || module == Py.None ? null : module.toString();
        if (moduleName == null || BUILTIN_MODULES.contains(moduleName)) {
            return TYPE_NAMES.getOrDefault(name, name);
        }
        return moduleName + "." + name;
    }

    private boolean enter(PyObject container, String cycle) {
        if (active.containsKey(container)) {
            out.append(cycle);
            return false;
        }
        active.put(container, Boolean.TRUE);
        return true;
    }

    private void sequence(PyObject value, String open, String close, boolean tuple) {
        if (!enter(value, open + "..." + close)) {
            return;
        }
        out.append(open);
        int n = 0;
        for (PyObject item : value.asIterable()) {
            if (n++ > 0) {
                out.append(", ");
            }
            append(item);
        }
        if (tuple && n == 1) {
            out.append(',');
        }
        out.append(close);
        active.remove(value);
    }

    private void dict(PyDictionary value) {
        if (!enter(value, "{...}")) {
            return;
        }
        out.append('{');
        int n = 0;
        for (PyObject item : value.iteritems().asIterable()) {
            if (n++ > 0) {
                out.append(", ");
            }
            append(item.__getitem__(0));
            out.append(": ");
            append(item.__getitem__(1));
        }
        out.append('}');
        active.remove(value);
    }

    private void set(PyObject value, String empty, String open, String close) {
        if (value.__len__() == 0) {
            out.append(empty);
            return;
        }
        if (!enter(value, open + "{...}" + close)) {
            return;
        }
        out.append(open).append('{');
        int n = 0;
        for (PyObject item : value.asIterable()) {
            if (n++ > 0) {
                out.append(", ");
            }
            append(item);
        }
        out.append('}').append(close);
        active.remove(value);
    }

    /** IPython's function repr: {@code <function module.name(signature)>}. */
    private void function(PyFunction function) {
        String name = function.__name__;
        PyObject module = function.__module__;
        out.append("<function ").append(qualifiedName(Py3Translator.displayName(name), module))
                .append('(');
        if (function.__code__ instanceof PyBaseCode code) {
            PyObject[] defaults = function.__defaults__ == null ? new PyObject[0]
                    : function.__defaults__;
            int argcount = code.co_argcount;
            int firstDefault = argcount - defaults.length;
            int n = 0;
            for (int i = 0; i < argcount; i++) {
                if (code.co_varnames[i].startsWith("_fb_")) {
                    continue;
                }
                if (n++ > 0) {
                    out.append(", ");
                }
                out.append(Py3Translator.displayName(code.co_varnames[i]));
                if (i >= firstDefault) {
                    out.append('=');
                    append(defaults[i - firstDefault]);
                }
            }
            int next = argcount;
            if (code.varargs) {
                out.append(n++ > 0 ? ", *" : "*").append(code.co_varnames[next++]);
            }
            if (code.varkwargs && !code.co_varnames[next].startsWith("_fb_")) {
                out.append(n > 0 ? ", **" : "**").append(code.co_varnames[next]);
            }
        }
        out.append(")>");
    }

    /** Byte strings that are valid UTF-8 show as the text they hold, as a Python 3 str would. */
    private void bytes(String raw, PyObject value) {
        boolean ascii = raw.chars().allMatch(c -> c < 128);
        if (!ascii) {
            byte[] data = raw.getBytes(StandardCharsets.ISO_8859_1);
            try {
                String decoded = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(data)).toString();
                text(decoded);
                return;
            } catch (CharacterCodingException e) {
                out.append(value.__repr__().toString());
                return;
            }
        }
        text(raw);
    }

    /** Python 3's {@code str.__repr__}. */
    private void text(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        out.append(quote);
    }

    private static boolean isPrintable(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR && type != Character.SPACE_SEPARATOR;
    }
}
