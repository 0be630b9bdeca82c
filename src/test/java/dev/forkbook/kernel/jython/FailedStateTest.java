package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import org.junit.jupiter.api.Test;

/** A failed execution keeps what it bound before raising only when asked (Jupyter's semantics). */
class FailedStateTest extends KernelTestBase {

    private static final String RAISES_AFTER_BINDING = "class Special(Exception):\n    pass\n"
            + "x = 1\nraise Special('on purpose')\ny = 2";

    @Test
    void by_default_a_failed_execution_stores_no_state_as_in_the_seed() {
        ExecutionResult result = kernel.execute(new ExecuteRequest(RAISES_AFTER_BINDING, "plain",
                Kernel.INITIAL_STATE, "plain-failed"));
        assertEquals("Special", result.error().ename());
        assertNull(result.stateName());
        assertFalse(result.keptFailedState());
        assertFalse(kernel.listStates().contains("plain-failed"));
    }

    @Test
    void asked_to_keep_it_a_failed_execution_stores_the_names_bound_before_the_exception() {
        ExecutionResult result = kernel.execute(new ExecuteRequest(RAISES_AFTER_BINDING, "kept",
                Kernel.INITIAL_STATE, "kept-failed").keepingFailedState());
        assertEquals("Special", result.error().ename());
        assertEquals("kept-failed", result.stateName());
        assertTrue(result.keptFailedState());
        assertTrue(kernel.getState("kept-failed").orElseThrow().summary().failed());
        assertTrue(kernel.tree().stream().anyMatch(s -> s.name().equals("kept-failed") && s.failed()));

        assertEquals("1", eval(kernel, "kept-failed", "x"));
        assertEquals("'Special'", eval(kernel, "kept-failed", "Special.__name__"));
        assertEquals("False", eval(kernel, "kept-failed", "'y' in globals()"));
    }

    @Test
    void a_state_run_from_a_failed_state_is_an_ordinary_state() {
        String failed = kernel.execute(ExecuteRequest.of(RAISES_AFTER_BINDING, "from-failed",
                Kernel.INITIAL_STATE).keepingFailedState()).stateName();
        ExecutionResult next = kernel.execute(ExecuteRequest.of("z = x + 1", "after", failed)
                .keepingFailedState());
        assertTrue(next.succeeded());
        assertFalse(kernel.getState(next.stateName()).orElseThrow().summary().failed());
        assertEquals("2", eval(kernel, next.stateName(), "z"));
    }
}
