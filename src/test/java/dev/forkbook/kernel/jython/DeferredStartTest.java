package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelStatus;
import dev.forkbook.kernel.Output;
import dev.forkbook.testing.HeldKernelStart;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A kernel whose interpreter is still starting: it answers at once and queues executions. */
class DeferredStartTest {

    private final HeldKernelStart held = new HeldKernelStart();
    private final DeferredKernel kernel = held.kernel();

    @AfterEach
    void close() {
        held.release();
        kernel.close();
    }

    private static String plain(ExecutionResult result) {
        return result.outputs().stream().filter(Output.ExecuteResult.class::isInstance)
                .map(o -> ((Output.ExecuteResult) o).data().get("text/plain").toString())
                .findFirst().orElse("");
    }

    @Test
    void a_cell_submitted_before_the_kernel_is_ready_runs_once_it_is() throws Exception {
        CompletableFuture<ExecutionResult> queued = CompletableFuture.supplyAsync(() -> kernel
                .execute(new ExecuteRequest("x = 6\nx * 7", "early", Kernel.INITIAL_STATE, "s1")));
        assertEquals(KernelStatus.STARTING, kernel.status());
        assertFalse(queued.isDone(), "nothing can run before the interpreter exists");

        held.release();
        ExecutionResult result = queued.get(60, TimeUnit.SECONDS);

        assertTrue(result.succeeded(), String.valueOf(result.error()));
        assertEquals("42", plain(result));
        assertEquals(KernelStatus.READY, kernel.status());
        assertEquals(List.of(Kernel.INITIAL_STATE, "s1"), kernel.listStates());
    }

    @Test
    void before_it_is_ready_the_kernel_shows_only_an_empty_initial_state() {
        assertEquals(List.of(Kernel.INITIAL_STATE), kernel.listStates());
        assertTrue(kernel.getState(Kernel.INITIAL_STATE).orElseThrow().variables().isEmpty());
        assertTrue(kernel.getState("other").isEmpty());
        assertEquals(1, kernel.tree().size());
        assertEquals(List.of(), kernel.complete(Kernel.INITIAL_STATE, "pri"));
        assertFalse(kernel.deleteState("other"));
        assertFalse(kernel.interrupt("nothing-queued"));
    }

    @Test
    void subscribers_hear_that_it_is_ready_and_then_the_interpreters_events() throws Exception {
        List<KernelEvent> events = new CopyOnWriteArrayList<>();
        kernel.subscribe(events::add);
        held.release();
        kernel.execute(new ExecuteRequest("y = 1", "after", Kernel.INITIAL_STATE, "s2"));
        // Listeners hear events on their own thread: wait for the new state's.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(e -> e instanceof KernelEvent.StateCreated)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(new KernelEvent.StatusChanged(KernelStatus.READY, ""), events.get(0));
        assertTrue(events.stream().anyMatch(e -> e instanceof KernelEvent.StateCreated created
                && created.state().name().equals("s2")), events.toString());
    }

    @Test
    void a_queued_cell_can_be_interrupted_before_the_kernel_is_up() throws Exception {
        CompletableFuture<ExecutionResult> queued = CompletableFuture.supplyAsync(() -> kernel
                .execute(ExecuteRequest.of("1 + 1", "stop-me", Kernel.INITIAL_STATE)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!kernel.interrupt("stop-me")) {
            assertTrue(System.nanoTime() < deadline, "the execution never queued");
            Thread.onSpinWait();
        }
        ExecutionResult result = queued.get(30, TimeUnit.SECONDS);
        assertEquals("KeyboardInterrupt", result.error().ename());
        assertEquals(null, result.stateName());
    }

    @Test
    void when_the_kernel_cannot_start_executions_fail_with_the_reason() {
        DeferredKernel broken = new DeferredKernel(
                CompletableFuture.failedFuture(new IllegalStateException("no interpreter here")));
        ExecutionResult result = broken.execute(ExecuteRequest.of("1", "e", Kernel.INITIAL_STATE));
        assertEquals(KernelStatus.FAILED, broken.status());
        assertEquals(ExecutionError.KERNEL_FAILED, result.error().ename());
        assertTrue(result.error().evalue().contains("no interpreter here"), result.error().evalue());
    }
}
