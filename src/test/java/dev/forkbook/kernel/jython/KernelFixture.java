package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers shared by the kernel tests. */
final class KernelFixture {

    private static final AtomicInteger IDS = new AtomicInteger();

    private KernelFixture() {
    }

    static ExecutionResult run(Kernel kernel, String from, String code) {
        return kernel.execute(ExecuteRequest.of(code, "exec-" + IDS.incrementAndGet(), from));
    }

    static ExecutionResult run(Kernel kernel, String from, String code, String to) {
        return kernel.execute(new ExecuteRequest(code, "exec-" + IDS.incrementAndGet(), from, to));
    }

    /** Runs {@code code} and returns the name of the state it stored, failing if it did not. */
    static String step(Kernel kernel, String from, String code) {
        ExecutionResult result = run(kernel, from, code);
        if (!result.succeeded()) {
            throw new AssertionError("cell failed: " + code + "\n" + result.error());
        }
        return result.stateName();
    }

    /** The text/plain of the execute_result, or null when there is none. */
    static String value(ExecutionResult result) {
        if (!result.succeeded()) {
            throw new AssertionError("cell failed: " + result.error());
        }
        for (Output output : result.outputs()) {
            if (output instanceof Output.ExecuteResult executeResult) {
                return (String) executeResult.data().get("text/plain");
            }
        }
        return null;
    }

    static String eval(Kernel kernel, String state, String expression) {
        return value(run(kernel, state, expression));
    }
}
