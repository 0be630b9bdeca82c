package dev.forkbook.kernel.jython;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the kernel's execution threads: daemons with a large stack, so that deep recursion ends in
 * Python's {@code RuntimeError} (Jython's recursion limit) rather than a dead thread.
 */
final class WorkerThreads implements ThreadFactory {

    private final long stackBytes;
    private final AtomicInteger count = new AtomicInteger();

    WorkerThreads(long stackBytes) {
        this.stackBytes = stackBytes;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(null, task, "forkbook-exec-" + count.incrementAndGet(), stackBytes);
        thread.setDaemon(true);
        return thread;
    }
}
