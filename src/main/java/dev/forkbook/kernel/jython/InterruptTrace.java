package dev.forkbook.kernel.jython;

import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyObject;
import org.python.core.TraceFunction;

/**
 * A Java trace hook that {@link ExecutionContext#interrupt()} puts on an execution's frames: it
 * raises {@code KeyboardInterrupt} at the next line.
 *
 * <p>It raises again on every following line and call, so a loop whose body swallows the exception
 * with a bare {@code except: pass} still stops.
 */
final class InterruptTrace extends TraceFunction {

    private final ExecutionContext context;

    InterruptTrace(ExecutionContext context) {
        this.context = context;
    }

    @Override
    public TraceFunction traceCall(PyFrame frame) {
        check();
        return this;
    }

    @Override
    public TraceFunction traceReturn(PyFrame frame, PyObject ret) {
        return this;
    }

    @Override
    public TraceFunction traceLine(PyFrame frame, int line) {
        check();
        return this;
    }

    @Override
    public TraceFunction traceException(PyFrame frame, PyException exc) {
        return this;
    }

    private void check() {
        if (context.isInterrupted()) {
            throw Py.KeyboardInterrupt("");
        }
    }
}
