package dev.forkbook.kernel;

/**
 * Receives kernel events. Called on the thread that caused the event; implementations must return
 * quickly and hand work to their own thread.
 */
@FunctionalInterface
public interface KernelListener {
    void onEvent(KernelEvent event);
}
