package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Output;
import org.python.core.CodeFlag;
import org.python.core.Py;
import org.python.core.PyBaseCode;
import org.python.core.PyFunction;
import org.python.core.PyMethod;
import org.python.core.PyObject;

/**
 * The Java side of the kernel's Python bootstrap: {@code sys.stdout}/{@code sys.stderr} and the
 * {@code display} builtin call these methods, which route to the execution bound to the calling
 * thread. Public only because Jython calls it by reflection; not an API.
 */
public final class KernelBridge {

    private volatile PyObject displayFunction;
    private volatile PyObject endOfCell;

    KernelBridge() {
    }

    /** Python 3's repr of {@code value}, for f-string {@code !r} fields and text/plain. */
    public String py3repr(PyObject value) {
        return Py3Repr.of(value);
    }

    /** Python 3 source translated for Jython, for {@code exec}, {@code eval} and {@code compile}. */
    public String translate(String source) {
        try {
            return Py3Translator.translate(source);
        } catch (Py3Translator.UntranslatableException e) {
            throw Py.SyntaxError(e.getMessage());
        }
    }

    /** Records stream text for the current execution; false when no execution runs on this thread. */
    public boolean write(String stream, PyObject text) {
        ExecutionContext context = ExecutionContext.current();
        if (context == null) {
            return false;
        }
        context.output().write(stream, MimeFormatter.textOf(text));
        return true;
    }

    /** Implements {@code display(obj)} for one object. */
    public void display(PyObject value) {
        display(value, null);
    }

    /** {@code display(obj, display_id=...)}: the output can later be replaced by that id. */
    public void display(PyObject value, String displayId) {
        ExecutionContext context = ExecutionContext.current();
        if (context == null) {
            return;
        }
        PyObject hook = value.__findattr__("_ipython_display_");
        if (hook != null && hook.isCallable() && displayId == null) {
            callIpythonDisplay(hook);
            return;
        }
        MimeFormatter.Bundle bundle = context.formatter().format(value);
        context.output().add(new Output.DisplayData(bundle.data(), bundle.metadata(), displayId));
    }

    /**
     * {@code update_display(obj, display_id=...)}: replaces the output in this execution and tells
     * front ends to replace it wherever it is shown (live, or by an earlier execution).
     */
    public void updateDisplay(PyObject value, String displayId) {
        ExecutionContext context = ExecutionContext.current();
        if (context == null) {
            return;
        }
        MimeFormatter.Bundle bundle = context.formatter().format(value);
        Output.DisplayData replacement = new Output.DisplayData(bundle.data(), bundle.metadata(),
                displayId);
        // Published in both cases: a front end showing this execution live replaces it too.
        context.output().replaceDisplay(displayId, replacement);
        context.publish(new dev.forkbook.kernel.KernelEvent.DisplayUpdated(displayId, replacement));
    }

    /** {@code clear_output(wait)}. */
    public void clearOutput(boolean wait) {
        ExecutionContext context = ExecutionContext.current();
        if (context != null) {
            context.output().clear(wait);
        }
    }

    /** A key unique to the running execution (pyplot keeps each execution's figures apart). */
    public String executionKey() {
        ExecutionContext context = ExecutionContext.current();
        return context == null ? "detached" : Integer.toHexString(System.identityHashCode(context));
    }

    /** Registers the Python function run after each successful cell (emits open figures). */
    public void setEndOfCell(PyObject hook) {
        this.endOfCell = hook;
    }

    void endOfCell() {
        PyObject hook = endOfCell;
        if (hook != null) {
            hook.__call__();
        }
    }

    /**
     * Calls {@code _ipython_display_}: with {@code display=} when it accepts that argument (as the seed
     * does), without arguments when it does not (as IPython does).
     */
    void callIpythonDisplay(PyObject hook) {
        if (acceptsDisplayArgument(hook)) {
            hook.__call__(new PyObject[] {displayFunction}, new String[] {"display"});
        } else {
            hook.__call__();
        }
    }

    private static boolean acceptsDisplayArgument(PyObject hook) {
        PyObject function = hook instanceof PyMethod method ? method.__func__ : hook;
        if (!(function instanceof PyFunction pyFunction)
                || !(pyFunction.__code__ instanceof PyBaseCode code)) {
            return true;
        }
        if (code.co_flags.isFlagSet(CodeFlag.CO_VARKEYWORDS)) {
            return true;
        }
        for (int i = 0; i < code.co_argcount; i++) {
            if ("display".equals(code.co_varnames[i])) {
                return true;
            }
        }
        return false;
    }

    /** Called once by the bootstrap with the Python {@code display} function it defined. */
    public void setDisplayFunction(PyObject display) {
        this.displayFunction = display;
    }
}
