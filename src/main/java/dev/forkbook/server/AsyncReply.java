package dev.forkbook.server;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Answers a request from a pool of its own instead of Jetty's thread, so that long work (a cell, a
 * description of a big state) never holds the threads the control routes need.
 */
final class AsyncReply {

    private AsyncReply() {
    }

    static void json(Context ctx, Executor pool, Supplier<Object> work) {
        ctx.future(() -> CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Error e) {
                // An OutOfMemoryError or StackOverflowError must end this request, not a thread.
                throw new CompletionException(new IllegalStateException(e.toString(), e));
            }
        }, pool).thenAccept(ctx::json));
    }
}
