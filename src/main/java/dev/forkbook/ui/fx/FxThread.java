package dev.forkbook.ui.fx;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Runs tasks on the JavaFX application thread, in submission order, batched: however many tasks
 * other threads submit (streamed output, kernel events), they reach the FX thread through one
 * {@code runLater} at a time, so a flood of them costs one hop per pulse, not one per task.
 */
public final class FxThread implements Executor {

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    /** Runs the tasks queued so far; tasks they submit run in the next batch (after a pulse). */
    private void drain() {
        scheduled.set(false);
        int batch = queue.size();
        for (int i = 0; i < batch; i++) {
            Runnable task = queue.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
            }
        }
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }
}
