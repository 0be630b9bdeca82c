package dev.forkbook.app;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.Kernel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Starts a kernel in the background behind a {@link DeferredKernel}, so the window and the REST
 * server are up before the interpreter: {@link #begin()} is called once they are.
 */
final class KernelStart {

    private final Supplier<? extends Kernel> factory;
    private final CompletableFuture<Kernel> started = new CompletableFuture<>();
    private final DeferredKernel kernel = new DeferredKernel(started);
    private Thread startThread;

    KernelStart(Supplier<? extends Kernel> factory) {
        this.factory = factory;
    }

    /** The kernel to wire everything to; it answers at once and runs code once started. */
    DeferredKernel kernel() {
        return kernel;
    }

    /** Starts the real kernel on its own thread (only the first call does anything). */
    void begin() {
        synchronized (this) {
            if (startThread != null) {
                return;
            }
            startThread = new Thread(() -> {
                try {
                    started.complete(factory.get());
                } catch (RuntimeException | Error e) {
                    started.completeExceptionally(e);
                }
            }, "forkbook-kernel-start");
        }
        startThread.setDaemon(true);
        startThread.start();
    }

}
