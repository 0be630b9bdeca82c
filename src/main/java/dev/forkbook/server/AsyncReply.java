package dev.forkbook.server;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Answers a request from a pool of its own instead of Jetty's thread, so that long work (a cell, a
 * description of a big state) never holds the threads the control routes need; a few executions
 * may run on Jetty's thread ({@link #jsonInlineFirst}).
 */
final class AsyncReply {

    private AsyncReply() {
    }

    static void json(Context ctx, Executor pool, Supplier<Object> work) {
        ctx.future(() -> CompletableFuture.supplyAsync(() -> guarded(work), pool)
                .thenAccept(ctx::json));
    }

    /**
     * Like {@link #json}, but on the request's own thread when {@code inline} has a permit: no
     * hand-over to another thread and back, which is most of a quick request's time.
     */
    static void jsonInlineFirst(Context ctx, Executor pool, Semaphore inline,
            Supplier<Object> work) {
        if (!inline.tryAcquire()) {
            json(ctx, pool, work);
            return;
        }
        Object answer;
        try {
            answer = guarded(work);
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        } finally {
            inline.release();
            // An interrupt meant for the finished execution must not reach the server's I/O.
            Thread.interrupted();
        }
        ctx.json(answer);
    }

    private static Object guarded(Supplier<Object> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Error e) {
            // An OutOfMemoryError or StackOverflowError must end this request, not a thread.
            throw new CompletionException(new IllegalStateException(e.toString(), e));
        }
    }
}
