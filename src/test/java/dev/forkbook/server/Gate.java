package dev.forkbook.server;

import java.util.concurrent.CountDownLatch;

/** A latch that cells wait on ({@code from dev.forkbook.server import Gate}), opened by the test. */
public final class Gate {

    public static volatile CountDownLatch latch = new CountDownLatch(1);
    public static final java.util.concurrent.atomic.AtomicInteger WAITING =
            new java.util.concurrent.atomic.AtomicInteger();

    private Gate() {
    }

    /** Called from a cell: counts itself as waiting, then waits until the test opens the gate. */
    public static void pass() throws InterruptedException {
        WAITING.incrementAndGet();
        latch.await();
    }
}
