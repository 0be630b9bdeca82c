package dev.forkbook.kernel;

/**
 * Receives kernel events, in the order the kernel published them, on a thread of the subscription's
 * own: a slow listener never holds up an execution, but one that falls far behind is dropped.
 */
@FunctionalInterface
public interface KernelListener {
    void onEvent(KernelEvent event);
}
