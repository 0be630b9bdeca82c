package dev.forkbook.kernel.jython;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps heap headroom: when a heap pool is still above {@link #THRESHOLD} of its maximum right after
 * a garbage collection, it calls the kernel back (which evicts states and, if that is not enough,
 * stops the running cell that allocated the most), so that an {@code OutOfMemoryError} elsewhere,
 * in a server thread, stays unlikely.
 */
final class HeapGuard implements AutoCloseable {

    static final double THRESHOLD = 0.85;
    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);

    private final List<Runnable> unregister = new ArrayList<>();

    private HeapGuard() {
    }

    static HeapGuard start(Runnable onPressure) {
        HeapGuard guard = new HeapGuard();
        NotificationListener listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED
                    .equals(notification.getType())) {
                LOG.warn("The heap is nearly full after a collection: freeing memory");
                try {
                    onPressure.run();
                } catch (RuntimeException e) {
                    LOG.error("Freeing memory failed", e);
                }
            }
        };
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage() == null ? -1 : pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * THRESHOLD));
            }
        }
        if (ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter) {
            emitter.addNotificationListener(listener, null, null);
            guard.unregister.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException ignored) {
                    // already gone
                }
            });
        }
        return guard;
    }

    @Override
    public void close() {
        unregister.forEach(Runnable::run);
    }
}
