package dev.forkbook.kernel.jython;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.python.antlr.ast.Expr;
import org.python.antlr.ast.Expression;
import org.python.antlr.ast.Module;
import org.python.antlr.base.mod;
import org.python.antlr.base.stmt;
import org.python.core.CodeFlag;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.ParserFacade;
import org.python.core.Py;
import org.python.core.PyCode;
import org.python.core.PyException;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PySyntaxError;
import org.python.core.PyTuple;

/**
 * Compiles cells Python-3-style ({@code print_function} and {@code division} on, Python 3 syntax
 * through {@link Py3Translator}) and splits off a final expression statement so its value can become
 * the cell's {@code execute_result}.
 *
 * <p>Each distinct source gets a file name {@code <cell-N>} whose lines are registered in
 * {@code linecache}, so tracebacks show the offending cell line. Compiled code is immutable and cached
 * by source: Jython compiles to JVM bytecode, which costs more than running a small cell.
 */
final class CellCompiler {

    /** The compile cache keeps at most this many bytes of source (compiled code is ~10x that). */
    static final long CACHE_SOURCE_BYTES = 4L * 1024 * 1024;

    /** A compiled cell: the statements, and the trailing expression if the cell ends with one. */
    record CompiledCell(PyCode statements, PyCode lastExpression, String filename) {
    }

    private final PyObject linecacheEntries;
    /** One per JVM: {@code linecache} is shared by every kernel, so file names must be unique. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final Map<String, CompiledCell> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    CellCompiler(PyObject linecacheEntries) {
        this.linecacheEntries = linecacheEntries;
    }

    /** Compiles {@code source}; a syntax error is thrown as a Python {@code SyntaxError}. */
    CompiledCell compile(String source) {
        synchronized (cache) {
            CompiledCell cached = cache.get(source);
            if (cached != null) {
                return cached;
            }
        }
        String filename = "<cell-" + SEQUENCE.incrementAndGet() + ">";
        String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
        registerLines(filename, normalized);
        CompiledCell compiled;
        try {
            compiled = compile(normalized, filename);
        } catch (RuntimeException e) {
            // A cell that does not compile is never cached: its lines must not pile up either.
            forgetLines(filename);
            throw e;
        }
        synchronized (cache) {
            CompiledCell raced = cache.putIfAbsent(source, compiled);
            if (raced != null) {
                forgetLines(filename);
                return raced;
            }
            cachedBytes += source.length();
            java.util.Iterator<Map.Entry<String, CompiledCell>> eldest = cache.entrySet().iterator();
            while (cachedBytes > CACHE_SOURCE_BYTES && eldest.hasNext()) {
                Map.Entry<String, CompiledCell> entry = eldest.next();
                if (entry.getValue() == compiled) {
                    break;
                }
                eldest.remove();
                cachedBytes -= entry.getKey().length();
                forgetLines(entry.getValue().filename());
            }
        }
        return compiled;
    }

    /** Drops every compiled cell and its source lines (the kernel was reset). */
    void clear() {
        retainOnly(java.util.Set.of());
    }

    /** Drops compiled cells whose source no live state holds, with their source lines. */
    void retainOnly(java.util.Set<String> liveSources) {
        synchronized (cache) {
            java.util.Iterator<Map.Entry<String, CompiledCell>> entries = cache.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, CompiledCell> entry = entries.next();
                if (!liveSources.contains(entry.getKey())) {
                    entries.remove();
                    cachedBytes -= entry.getKey().length();
                    forgetLines(entry.getValue().filename());
                }
            }
        }
    }

    /** Cells held compiled now (for tests). */
    int cachedCells() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private void forgetLines(String filename) {
        PyString key = new PyString(filename);
        if (linecacheEntries.__finditem__(key) != null) {
            linecacheEntries.__delitem__(key);
        }
    }

    private static CompiledCell compile(String source, String filename) {
        CompilerFlags flags = new CompilerFlags();
        flags.setFlag(CodeFlag.CO_FUTURE_PRINT_FUNCTION);
        flags.setFlag(CodeFlag.CO_FUTURE_DIVISION);
        // The source is Java text: str literals become its UTF-8 bytes, as in a UTF-8 .py file.
        flags.source_is_utf8 = true;
        flags.encoding = "utf-8";
        if (source.indexOf('\0') >= 0) {
            throw Py.SyntaxError("source code string cannot contain null bytes");
        }
        Py3Translator.Translation translation;
        String[] lines = source.split("\n", -1);
        try {
            translation = Py3Translator.translateMapped(source);
        } catch (Py3Translator.UntranslatableException e) {
            String text = e.line() <= lines.length ? lines[e.line() - 1] : "";
            throw new PySyntaxError(e.getMessage(), e.line(), e.column() + 1, text, filename);
        } catch (RuntimeException e) {
            // A translator defect must not cost the user the cell: Jython judges the source as is.
            translation = new Py3Translator.Translation(source, new int[0]);
        }
        mod tree;
        try {
            tree = ParserFacade.parse(translation.source() + "\n", CompileMode.exec, filename,
                    flags);
        } catch (PyException e) {
            if (translation.insertedBefore().length == 0 || !e.match(Py.SyntaxError)) {
                throw e;
            }
            throw LineMap.syntaxError(e, translation, lines, filename);
        }
        if (translation.insertedBefore().length > 0) {
            LineMap.apply(tree, translation);
        }
        List<stmt> body = new ArrayList<>(((Module) tree).getInternalBody());
        Expression last = null;
        if (!body.isEmpty() && body.get(body.size() - 1) instanceof Expr expression) {
            body.remove(body.size() - 1);
            last = new Expression(expression, expression.getInternalValue());
        }
        PyCode statements = Py.compile_flags(new Module(tree, body), filename, CompileMode.exec,
                flags);
        PyCode lastExpression = last == null ? null
                : Py.compile_flags(last, filename, CompileMode.eval, flags);
        return new CompiledCell(statements, lastExpression, filename);
    }

    private void registerLines(String filename, String source) {
        List<PyObject> lines = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            lines.add(Py.newUnicode(line + "\n"));
        }
        linecacheEntries.__setitem__(new PyString(filename), new PyTuple(
                Py.newInteger(source.length()), Py.None, new PyList(lines), new PyString(filename)));
    }
}
