package dev.forkbook.kernel.jython;

import java.util.concurrent.atomic.AtomicBoolean;
import org.python.core.PyFrame;
import org.python.core.ThreadState;

/**
 * Everything that belongs to one running execution: its namespace, its captured output and its
 * interrupt flag. It is bound to the executing thread, and inherited by threads the cell starts, so
 * that globals, {@code print} and {@code display} reach the right execution even when several run at
 * once.
 */
final class ExecutionContext {

    private static final InheritableThreadLocal<ExecutionContext> CURRENT =
            new InheritableThreadLocal<>();

    private final String execId;
    private final ExecutionNamespace namespace;
    private final OutputCollector output;
    private final int executionCount;
    private final MimeFormatter formatter;
    private final java.util.function.Consumer<dev.forkbook.kernel.KernelEvent> events;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean memoryPressure = new AtomicBoolean();
    private volatile long allocatedAtStart;
    private volatile Thread thread;
    private volatile ThreadState threadState;

    ExecutionContext(String execId, ExecutionNamespace namespace, OutputCollector output,
            int executionCount, MimeFormatter formatter,
            java.util.function.Consumer<dev.forkbook.kernel.KernelEvent> events) {
        this.execId = execId;
        this.formatter = formatter;
        this.events = events;
        this.namespace = namespace;
        this.output = output;
        this.executionCount = executionCount;
    }

    /** The execution bound to the calling thread, or null. */
    static ExecutionContext current() {
        return CURRENT.get();
    }

    /** Binds this execution to the calling thread until {@link #unbind()}. */
    void bind() {
        thread = Thread.currentThread();
        allocatedAtStart = allocatedByThread(thread);
        CURRENT.set(this);
    }

    /** Bytes the executing thread allocated since this execution started (0 when unknown). */
    long allocatedBytes() {
        Thread running = thread;
        return running == null ? 0 : Math.max(0, allocatedByThread(running) - allocatedAtStart);
    }

    private static long allocatedByThread(Thread thread) {
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
            long bytes = hotspot.getThreadAllocatedBytes(thread.getId());
            return Math.max(bytes, 0);
        }
        return 0;
    }

    /** Forgets an interrupt (for housekeeping that stopped one step and goes on with the next). */
    void clearInterrupt() {
        interrupted.set(false);
        ThreadState state = threadState;
        if (state != null) {
            state.tracefunc = null;
            for (PyFrame frame = state.frame; frame != null; frame = frame.f_back) {
                frame.tracefunc = null;
            }
        }
        Thread.interrupted();
    }

    /** Stops the execution because the heap is nearly full: it ends with a MemoryError. */
    void interruptForMemory() {
        memoryPressure.set(true);
        interrupt();
    }

    boolean isMemoryPressure() {
        return memoryPressure.get();
    }

    /**
     * Declares the Jython thread state the execution runs on, so {@link #interrupt()} can reach its
     * frames; honours an interrupt that arrived before the execution started.
     */
    void running(ThreadState state) {
        threadState = state;
        if (isInterrupted()) {
            installInterruptTrace(state);
        }
    }

    void unbind() {
        CURRENT.remove();
        thread = null;
        threadState = null;
        // A late interrupt must not leak into the next task of this pooled thread.
        Thread.interrupted();
    }

    String execId() {
        return execId;
    }

    ExecutionNamespace namespace() {
        return namespace;
    }

    OutputCollector output() {
        return output;
    }

    /** Publishes a kernel event (a display update that reaches earlier outputs). */
    void publish(dev.forkbook.kernel.KernelEvent event) {
        events.accept(event);
    }

    MimeFormatter formatter() {
        return formatter;
    }

    int executionCount() {
        return executionCount;
    }

    boolean isInterrupted() {
        return interrupted.get();
    }

    /**
     * Stops the execution: sets the flag, puts an {@link InterruptTrace} on every frame the thread is
     * running and on frames it will create (so the next line raises {@code KeyboardInterrupt}), and
     * wakes the thread from sleeps and blocking Java calls. The hook is installed only now, never
     * while the cell runs normally, so it costs nothing until it is needed (this is what Jython's own
     * {@code InteractiveInterpreter.interrupt} does for the innermost frame).
     */
    void interrupt() {
        interrupted.set(true);
        ThreadState state = threadState;
        if (state != null) {
            installInterruptTrace(state);
        }
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void installInterruptTrace(ThreadState state) {
        InterruptTrace trace = new InterruptTrace(this);
        state.tracefunc = trace;
        for (PyFrame frame = state.frame; frame != null; frame = frame.f_back) {
            frame.tracefunc = trace;
        }
    }
}
