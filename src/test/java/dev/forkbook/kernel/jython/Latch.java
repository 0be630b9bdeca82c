package dev.forkbook.kernel.jython;

import java.util.concurrent.CountDownLatch;

/** A latch cells wait on ({@code from dev.forkbook.kernel.jython import Latch}), opened by the test. */
public final class Latch {

    public static volatile CountDownLatch gate = new CountDownLatch(1);
    public static volatile CountDownLatch entered = new CountDownLatch(1);

    private Latch() {
    }

    public static void pass() throws InterruptedException {
        entered.countDown();
        gate.await();
    }
}
