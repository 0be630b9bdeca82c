package dev.forkbook.testing;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.jython.JythonKernel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** A Jython kernel whose start is held on a latch until {@link #release()}, behind a DeferredKernel. */
public final class HeldKernelStart {

    private final CountDownLatch startAllowed = new CountDownLatch(1);
    private final DeferredKernel kernel = new DeferredKernel(CompletableFuture.supplyAsync(() -> {
        try {
            startAllowed.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return (Kernel) new JythonKernel();
    }));

    /** The kernel that answers at once and runs code once released. */
    public DeferredKernel kernel() {
        return kernel;
    }

    /** Lets the interpreter start. */
    public void release() {
        startAllowed.countDown();
    }
}
