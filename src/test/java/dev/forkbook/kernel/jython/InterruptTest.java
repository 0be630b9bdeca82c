package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InterruptTest extends KernelTestBase {


    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "while True:\n    pass",
        "import time\ntime.sleep(1000)",
        "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass",
        "import java.lang.Thread\njava.lang.Thread.sleep(100000)",
        "while True:\n    try:\n        import time\n        time.sleep(1000)\n    except:\n        pass",
        "def spin():\n    while True:\n        pass\nspin()",
    })
    void interrupt_stops_the_execution_with_keyboard_interrupt(String body) throws Exception {
        interruptAfter(body, 50);
    }

    /** Loops that have run long enough to be JIT-compiled must still see the interrupt hook. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "while 1:\n    pass",
        "def spin():\n    i = 0\n    while 1:\n        i += 1\nspin()",
    })
    void interrupt_stops_hot_compiled_loops(String body) throws Exception {
        interruptAfter(body, 1500);
    }

    private static void interruptAfter(String body, long warmMillis) throws Exception {
        String execId = "interrupt-" + Integer.toHexString(body.hashCode()) + "-" + warmMillis;
        String marker = "forkbook.test." + execId;
        System.clearProperty(marker);
        String code = "import java.lang.System\njava.lang.System.setProperty('" + marker
                + "', 'started')\nleft_over = 1\n" + body;
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
                () -> kernel.execute(ExecuteRequest.of(code, execId, Kernel.INITIAL_STATE)));
        awaitProperty(marker);
        Thread.sleep(warmMillis);
        assertTrue(kernel.interrupt(execId));
        ExecutionResult result = running.get(10, TimeUnit.SECONDS);
        assertEquals("KeyboardInterrupt", result.error().ename());
        java.util.List<String> traceback = result.error().traceback();
        String evalue = result.error().evalue();
        assertEquals("KeyboardInterrupt" + (evalue.isEmpty() ? "" : ": " + evalue),
                traceback.get(traceback.size() - 1),
                "the traceback ends as Python's does");
        assertNull(result.stateName());
        assertFalse(kernel.interrupt(execId), "nothing left running under that id");
        assertEquals("2", KernelFixture.eval(kernel, Kernel.INITIAL_STATE, "1 + 1"));
    }

    private static void awaitProperty(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.getProperty(name) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution never started");
            }
            Thread.sleep(5);
        }
    }

    @org.junit.jupiter.api.Test
    void interrupting_an_unknown_execution_returns_false() {
        assertFalse(kernel.interrupt("never-ran"));
    }

    @org.junit.jupiter.api.Test
    void deep_recursion_is_a_python_runtime_error_and_the_kernel_keeps_working() {
        ExecutionResult result = KernelFixture.run(kernel, Kernel.INITIAL_STATE,
                "def down(n):\n    return down(n + 1)\ndown(0)");
        assertEquals("RuntimeError", result.error().ename());
        assertEquals("3", KernelFixture.eval(kernel, Kernel.INITIAL_STATE, "1 + 2"));
    }
}
