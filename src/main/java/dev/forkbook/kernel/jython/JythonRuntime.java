package dev.forkbook.kernel.jython;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.python.core.CompileMode;
import org.python.core.CompilerFlags;
import org.python.core.Py;
import org.python.core.PyObject;
import org.python.core.PyStringMap;
import org.python.core.PySystemState;
import org.python.core.imp;

/**
 * The Jython interpreter shared by every kernel in this JVM, set up once.
 *
 * <p>Jython keeps {@code sys}, {@code sys.modules} and the builtins per JVM, so this is the one place
 * that holds process-wide state. Kernels stay independent because everything it installs
 * (stdout/stderr capture, {@code display}) routes through the execution bound to the calling thread.
 */
final class JythonRuntime {

    private static JythonRuntime instance;

    private final KernelBridge bridge = new KernelBridge();
    private final PyObject deepcopy;
    private final PyObject linecacheEntries;
    private final PyObject formatException;
    private final PyObject builtinsModule;

    private JythonRuntime() {
        Properties properties = new Properties();
        properties.setProperty("python.import.site", "false");
        properties.setProperty("python.cachedir.skip", "true");
        properties.setProperty("python.console.encoding", "UTF-8");
        properties.setProperty("python.io.encoding", "UTF-8");
        PySystemState.initialize(System.getProperties(), properties, new String[0]);
        Py.getSystemState();
        dictStrIsItsRepr();
        PyStringMap bootstrap = new PyStringMap();
        bootstrap.__setitem__("__name__", Py.newString("forkbook_bootstrap"));
        Py.runCode(Py.compile_flags(readBootstrap(), "<forkbook-bootstrap>", CompileMode.exec,
                new CompilerFlags()), bootstrap, bootstrap);
        bootstrap.__finditem__("install").__call__(Py.java2py(bridge));
        BuiltinTypePatches.install(imp.importName("__builtin__", true)
                .__getattr__("_fb_format_fallback"));
        deepcopy = imp.importName("copy", true).__getattr__("deepcopy");
        linecacheEntries = imp.importName("linecache", true).__getattr__("cache");
        formatException = imp.importName("traceback", true).__getattr__("format_exception");
        builtinsModule = imp.importName("__builtin__", true);
    }

    /**
     * Jython's dict type defines a {@code __str__} of its own (CPython's does not), so {@code str()}
     * and f-strings of a dict subclass ignored the {@code __repr__} the subclass defines. Without it
     * {@code object.__str__} calls {@code __repr__}, as in CPython; a plain dict's text is unchanged.
     */
    private static void dictStrIsItsRepr() {
        org.python.core.PyDictionary.TYPE.fastGetDict().__delitem__("__str__");
        try {
            java.lang.reflect.Method invalidate = org.python.core.PyType.class
                    .getDeclaredMethod("invalidateMethodCache");
            invalidate.setAccessible(true);
            invalidate.invoke(org.python.core.PyDictionary.TYPE);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot refresh dict's method cache", e);
        }
    }

    /** The runtime, initialising Jython on first use (about 0.7 s). */
    static synchronized JythonRuntime get() {
        if (instance == null) {
            instance = new JythonRuntime();
        }
        return instance;
    }

    KernelBridge bridge() {
        return bridge;
    }

    /** Python's {@code copy.deepcopy}. */
    PyObject deepcopy() {
        return deepcopy;
    }

    /** {@code linecache.cache}, where cell sources are registered so tracebacks show their lines. */
    PyObject linecacheEntries() {
        return linecacheEntries;
    }

    /** The {@code __builtin__} module, a cell's {@code __builtins__} as in a script. */
    PyObject builtinsModule() {
        return builtinsModule;
    }

    /** {@code traceback.format_exception}. */
    PyObject formatException() {
        return formatException;
    }

    private static String readBootstrap() {
        try (InputStream in = JythonRuntime.class.getResourceAsStream("bootstrap.py")) {
            if (in == null) {
                throw new IllegalStateException("bootstrap.py missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
