package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.VariableInfo;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyException;
import org.python.core.PyFrozenSet;
import org.python.core.PyList;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PySet;
import org.python.core.PyString;
import org.python.core.PySystemState;
import org.python.core.PyTuple;

/**
 * Describes one variable for a listing (type name, capped repr), with bounds that user data cannot
 * defeat: built-in containers are rendered in Java, at most {@link #MAX_DEPTH} levels deep and never
 * past the repr cap, so a 100,000-level nested list or a 1M-element list costs no more than the cap;
 * other objects' {@code __repr__} runs as user code and stops at the describer's deadline.
 *
 * <p>Every module is reported as a module, also the built-ins Jython implements in Java (which are
 * classes): {@code <module 'math' (built-in)>}, as CPython and the seed show them.
 */
final class VariableDescriber {

    static final int MAX_DEPTH = 100;
    static final String TIMED_OUT = "<repr timed out>";

    /** Thrown when the deadline passes inside a Java-rendered container. */
    private static final class DeadlineReached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineReached() {
            super(null, null, false, false);
        }
    }

    private final MimeFormatter formatter;
    private final int maxChars;
    private final long deadlineNanos;

    VariableDescriber(MimeFormatter formatter, int maxChars, long deadlineNanos) {
        this.formatter = formatter;
        this.maxChars = maxChars;
        this.deadlineNanos = deadlineNanos;
    }

    VariableInfo describe(PyObject value, boolean shared) {
        String moduleName = moduleName(value);
        if (moduleName != null) {
            String repr = value instanceof PyModule ? formatter.cappedRepr(value)
                    : "<module '" + moduleName + "' (built-in)>";
            return new VariableInfo("module", repr, shared);
        }
        return new VariableInfo(value.getType().fastGetName(), repr(value), shared);
    }

    /**
     * Describes a frozen value without copying it, when that runs no user code: modules, built-in
     * immutables and built-in containers of those (rendered in Java). Null when describing it would
     * run user code (a {@code __repr__}), which must see a copy, never a state's own object.
     */
    VariableInfo describeFrozen(PyObject value, boolean shared) {
        if (moduleName(value) != null) {
            return describe(value, shared);
        }
        if (!isSafe(value)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        try {
            safeMode = true;
            render(value, out, 0);
        } catch (DeadlineReached e) {
            return new VariableInfo(value.getType().fastGetName(), TIMED_OUT, shared);
        } catch (UserCodeNeeded e) {
            return null;
        } finally {
            safeMode = false;
        }
        String repr = out.length() > maxChars
                ? out.substring(0, maxChars) + MimeFormatter.TRUNCATION_MARK : out.toString();
        return new VariableInfo(value.getType().fastGetName(), repr, shared);
    }

    /** Thrown in safe mode when an element's repr would be user code. */
    private static final class UserCodeNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserCodeNeeded() {
            super(null, null, false, false);
        }
    }

    private boolean safeMode;

    /** Built-in immutables and containers: their repr is Java code, never user code. */
    private static boolean isSafe(PyObject value) {
        return isContainer(value) || ObjectKinds.isImmutable(value);
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    private String repr(PyObject value) {
        if (!isContainer(value)) {
            return formatter.cappedRepr(value);
        }
        StringBuilder out = new StringBuilder();
        try {
            render(value, out, 0);
        } catch (DeadlineReached e) {
            return TIMED_OUT;
        }
        if (out.length() > maxChars) {
            return out.substring(0, maxChars) + MimeFormatter.TRUNCATION_MARK;
        }
        return out.toString();
    }

    private static boolean isContainer(PyObject value) {
        Class<?> kind = value.getClass();
        return kind == PyList.class || kind == PyTuple.class || kind == PyDictionary.class
                || kind == PySet.class || kind == PyFrozenSet.class;
    }

    /** Appends a repr; returns false once the output is past the cap (the caller stops). */
    private boolean render(PyObject value, StringBuilder out, int depth) {
        if (out.length() > maxChars) {
            return false;
        }
        if (pastDeadline()) {
            throw new DeadlineReached();
        }
        if (!isContainer(value)) {
            if (safeMode && !isSafe(value)) {
                throw new UserCodeNeeded();
            }
            out.append(formatter.cappedRepr(value));
            return out.length() <= maxChars;
        }
        Class<?> kind = value.getClass();
        String open;
        String close;
        if (kind == PyList.class) {
            open = "[";
            close = "]";
        } else if (kind == PyTuple.class) {
            open = "(";
            close = ((PyTuple) value).size() == 1 ? ",)" : ")";
        } else if (kind == PyDictionary.class) {
            open = "{";
            close = "}";
        } else if (value.__len__() == 0) {
            // Python 3 reprs, as everywhere text/plain is shown: set(), frozenset()
            out.append(kind == PySet.class ? "set()" : "frozenset()");
            return true;
        } else {
            open = kind == PySet.class ? "{" : "frozenset({";
            close = kind == PySet.class ? "}" : "})";
        }
        if (depth >= MAX_DEPTH) {
            out.append(open).append("...").append(close);
            return true;
        }
        out.append(open);
        boolean first = true;
        if (kind == PyDictionary.class) {
            for (Map.Entry<PyObject, PyObject> entry : ((PyDictionary) value).getMap().entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                if (!render(entry.getKey(), out, depth + 1)) {
                    return false;
                }
                out.append(": ");
                if (!render(entry.getValue(), out, depth + 1)) {
                    return false;
                }
            }
        } else {
            for (PyObject item : value.asIterable()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                if (!render(item, out, depth + 1)) {
                    return false;
                }
            }
        }
        out.append(close);
        return true;
    }

    /** The module's name when {@code value} is a module (a Python module or a Java built-in one). */
    static String moduleName(PyObject value) {
        if (value instanceof PyModule module) {
            PyObject name = module.__findattr__("__name__");
            return name == null ? "?" : name.toString();
        }
        if (value instanceof PySystemState) {
            return "sys";
        }
        if (!(value instanceof org.python.core.PyType)) {
            return null;
        }
        try {
            PyObject name = value.__findattr__("__name__");
            if (!(name instanceof PyString)) {
                return null;
            }
            PyObject registered = Py.getSystemState().modules.__finditem__(name);
            return registered == value ? name.toString() : null;
        } catch (PyException e) {
            return null;
        }
    }
}
