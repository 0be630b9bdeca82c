package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelListener;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of the kernel's events, fed through a bounded queue by a thread of its own, so an
 * execution that publishes an event never waits for a listener. A listener that falls
 * {@code capacity} events behind is dropped (it is stuck, and waiting for it would stall the kernel).
 * Events reach each listener in the order they were published.
 */
final class ListenerQueue implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerQueue.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final KernelEvent STOP = new KernelEvent.KernelReset();

    private final KernelListener listener;
    private final BlockingQueue<KernelEvent> queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onDropped;

    ListenerQueue(KernelListener listener, int capacity, Runnable onDropped) {
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.onDropped = onDropped;
        Thread thread = new Thread(this, "forkbook-events-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code event}; never blocks. */
    void offer(KernelEvent event) {
        if (closed.get()) {
            return;
        }
        if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            LOG.warn("Dropping a kernel listener that fell behind by {} events", queue.size());
            close();
            onDropped.run();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.offer(STOP);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                KernelEvent event = queue.take();
                if (event == STOP) {
                    return;
                }
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    // A failing listener must not break the kernel or the other listeners.
                    LOG.debug("A kernel listener failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
