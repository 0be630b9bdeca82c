package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.ExecutionError;
import java.util.ArrayList;
import java.util.List;
import org.python.core.Py;
import org.python.core.PyClass;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyType;

/**
 * Turns a Python exception into Jupyter's error triple. The traceback is Python's own
 * {@code traceback.format_exception}, one list element per line, so it points at cell lines.
 */
final class ErrorFormatter {

    private final PyObject formatException;

    ErrorFormatter(PyObject formatException) {
        this.formatException = formatException;
    }

    ExecutionError format(PyException exception) {
        exception.normalize();
        String ename = typeName(exception.type);
        String evalue = exception.value == null || exception.value == Py.None ? ""
                : MimeFormatter.textOf(exception.value.__str__());
        // Non-ASCII names run under ASCII names (Py3Translator.pyName); messages show the user's.
        List<String> traceback = tracebackLines(exception);
        traceback.replaceAll(Py3Translator::displayNames);
        evalue = Py3Translator.displayNames(evalue);
        if ("KeyboardInterrupt".equals(ename) && !traceback.isEmpty()) {
            // Jython's traceback module ends an interrupt with its repr ("KeyboardInterrupt:
            // KeyboardInterrupt()"); Python ends it with the bare name (and the message if any).
            traceback.set(traceback.size() - 1, evalue.isEmpty() ? ename : ename + ": " + evalue);
        }
        return new ExecutionError(ename, evalue, traceback);
    }

    /** The error of an execution stopped by {@code interrupt}. */
    static ExecutionError keyboardInterrupt() {
        return new ExecutionError("KeyboardInterrupt", "", List.of("KeyboardInterrupt"));
    }

    private List<String> tracebackLines(PyException exception) {
        List<String> lines = new ArrayList<>();
        try {
            PyObject traceback = exception.traceback == null ? Py.None : exception.traceback;
            PyObject chunks = formatException.__call__(exception.type,
                    exception.value == null ? Py.None : exception.value, traceback);
            for (PyObject chunk : chunks.asIterable()) {
                String text = MimeFormatter.textOf(chunk);
                if (text.endsWith("\n")) {
                    text = text.substring(0, text.length() - 1);
                }
                lines.addAll(List.of(text.split("\n", -1)));
            }
        } catch (PyException formattingFailed) {
            lines.add(typeName(exception.type) + ": " + exception.value);
        }
        return lines;
    }

    private static String typeName(PyObject type) {
        if (type instanceof PyType pyType) {
            return pyType.getName();
        }
        if (type instanceof PyClass oldStyle) {
            return oldStyle.__name__;
        }
        return String.valueOf(type);
    }
}
