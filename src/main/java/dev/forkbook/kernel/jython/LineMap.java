package dev.forkbook.kernel.jython;

import org.python.antlr.PythonTree;
import org.python.antlr.Visitor;
import org.python.antlr.base.mod;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyInteger;
import org.python.core.PyObject;
import org.python.core.PySyntaxError;

/**
 * Gives a parsed cell the user's line numbers back when the translation added lines
 * ({@link Py3Translator.Translation}), so code objects, tracebacks and syntax errors point at the
 * line the user wrote.
 */
final class LineMap {

    private LineMap() {
    }

    /** Rewrites the {@code lineno} of every node of {@code tree} to the user's line. */
    static void apply(mod tree, Py3Translator.Translation translation) {
        java.util.Set<Object> seenTokens = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());
        Visitor remap = new Visitor() {
            @Override
            protected Object unhandled_node(PythonTree node) {
                // Nodes built later from this one (the cell's last expression) read the token.
                // Read before the token changes: a node without its own lineno reads its token's.
                PyObject line = node.__findattr__("lineno");
                org.python.antlr.runtime.Token token = node.getToken();
                if (token != null && token.getLine() > 0 && seenTokens.add(token)) {
                    token.setLine(translation.originalLine(token.getLine()));
                }
                if (line instanceof PyInteger number) {
                    node.__setattr__("lineno",
                            Py.newInteger(translation.originalLine(number.asInt())));
                }
                return this;
            }
        };
        try {
            remap.visit(tree);
        } catch (PyException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("remapping line numbers failed", e);
        }
    }

    /** The same syntax error at the user's line, showing that line. */
    static PyException syntaxError(PyException error, Py3Translator.Translation translation,
            String[] lines, String filename) {
        PyObject value = error.value;
        PyObject lineno = value.__findattr__("lineno");
        PyObject offset = value.__findattr__("offset");
        PyObject msg = value.__findattr__("msg");
        if (!(lineno instanceof PyInteger) || msg == null) {
            return error;
        }
        int line = translation.originalLine(lineno.asInt());
        String text = line >= 1 && line <= lines.length ? lines[line - 1] : "";
        int column = offset instanceof PyInteger ? offset.asInt() : 0;
        return new PySyntaxError(msg.toString(), line, column, text, filename);
    }
}
