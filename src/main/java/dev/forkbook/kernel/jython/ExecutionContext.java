package dev.forkbook.kernel.jython;

import java.util.concurrent.atomic.AtomicBoolean;

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
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private volatile Thread thread;

    ExecutionContext(String execId, ExecutionNamespace namespace, OutputCollector output,
            int executionCount, MimeFormatter formatter) {
        this.execId = execId;
        this.formatter = formatter;
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
        CURRENT.set(this);
    }

    void unbind() {
        CURRENT.remove();
        thread = null;
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

    MimeFormatter formatter() {
        return formatter;
    }

    int executionCount() {
        return executionCount;
    }

    boolean isInterrupted() {
        return interrupted.get();
    }

    /** Sets the flag the trace hook checks and wakes the thread from blocking calls. */
    void interrupt() {
        interrupted.set(true);
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
