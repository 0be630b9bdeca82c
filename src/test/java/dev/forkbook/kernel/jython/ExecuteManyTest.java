package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.Kernel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One cell on many branches: all at once, answered in request order, stopped together. */
public class ExecuteManyTest extends KernelTestBase {

    /** Reached by cells through Jython's Java imports. */
    public static volatile CyclicBarrier barrier;
    public static volatile CountDownLatch started;

    private static String state(String code) {
        return kernel.execute(ExecuteRequest.of(code, "setup", Kernel.INITIAL_STATE)).stateName();
    }

    @Test
    void every_branch_runs_the_cell_at_the_same_time_and_results_come_in_request_order() {
        String a = state("model = 'a'");
        String b = state("model = 'b'");
        barrier = new CyclicBarrier(2);
        String cell = String.join("\n",
                "from dev.forkbook.kernel.jython import ExecuteManyTest",
                "from java.util.concurrent import TimeUnit",
                "ExecuteManyTest.barrier.await(20, TimeUnit.SECONDS)",
                "score = len(model) * 10",
                "print(model)");
        List<BranchResult> results = kernel.executeMany(cell, "many", List.of(b, a));
        assertEquals(List.of(b, a), results.stream().map(BranchResult::stateName).toList());
        for (BranchResult branch : results) {
            assertNull(branch.result().error(), () -> String.valueOf(branch.result().error()));
            assertNotNull(branch.result().stateName());
        }
        assertEquals("b\n", results.get(0).result().streamText("stdout"));
        assertEquals("a\n", results.get(1).result().streamText("stdout"));
        assertEquals(b, kernel.tree().stream()
                .filter(s -> s.name().equals(results.get(0).result().stateName()))
                .findFirst().orElseThrow().parent());
    }

    @Test
    void a_failing_branch_reports_its_error_in_place_and_the_others_still_succeed() {
        String good = state("x = 1");
        String bad = state("y = 1");
        List<BranchResult> results = kernel.executeMany("x + 1", "many-err", List.of(good, bad,
                "no-such-state"));
        assertNull(results.get(0).result().error());
        assertEquals("NameError", results.get(1).result().error().ename());
        assertNull(results.get(1).result().stateName());
        assertEquals("StateNotFound", results.get(2).result().error().ename());
    }

    @Test
    void interrupting_the_exec_id_stops_every_branch() throws Exception {
        String a = state("n = 1");
        String b = state("n = 2");
        started = new CountDownLatch(2);
        String cell = String.join("\n",
                "from dev.forkbook.kernel.jython import ExecuteManyTest",
                "ExecuteManyTest.started.countDown()",
                "while True:",
                "    pass");
        CompletableFuture<List<BranchResult>> running = CompletableFuture.supplyAsync(
                () -> kernel.executeMany(cell, "many-stop", List.of(a, b)));
        assertTrue(started.await(20, TimeUnit.SECONDS), "both branches started");
        assertTrue(kernel.interrupt("many-stop"));
        List<BranchResult> results = running.get(20, TimeUnit.SECONDS);
        for (BranchResult branch : results) {
            assertEquals("KeyboardInterrupt", branch.result().error().ename());
        }
    }
}
