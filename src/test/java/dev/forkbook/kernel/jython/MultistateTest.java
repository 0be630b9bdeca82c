package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultistateTest extends KernelTestBase {


    @Test
    void aliases_read_variables_of_their_state_and_default_state_names_are_plain() {
        String a = step(kernel, Kernel.INITIAL_STATE, "x = [1, 2]");
        String b = step(kernel, Kernel.INITIAL_STATE, "x = [10]\ny = 5");
        ExecutionResult result = kernel.multistateExecute("print(left.x + right.x, y)",
                "m1", Map.of("left", a, "right", b), b);
        assertEquals("[1, 2, 10] 5\n", result.streamText("stdout"));
        assertNull(result.stateName());
    }

    @Test
    void multistate_execution_stores_nothing_and_changes_no_state() {
        String a = step(kernel, Kernel.INITIAL_STATE, "items = [1]");
        List<String> before = kernel.listStates();
        ExecutionResult result = kernel.multistateExecute("s.items.append(2)\nz = 3", "m2",
                Map.of("s", a), a);
        assertEquals(null, result.error());
        assertEquals(before, kernel.listStates());
        assertEquals("[1]", KernelFixture.eval(kernel, a, "items"));
    }

    @Test
    void state_views_are_read_only() {
        String a = step(kernel, Kernel.INITIAL_STATE, "v = 1");
        ExecutionResult result = kernel.multistateExecute("s.v = 2", "m3", Map.of("s", a), null);
        assertEquals("AttributeError", result.error().ename());
    }

    @Test
    void unknown_states_give_state_not_found() {
        assertEquals("StateNotFound", kernel.multistateExecute("1", "m4", Map.of("s", "nope"), null)
                .error().ename());
        assertEquals("nope", kernel.multistateExecute("1", "m5", Map.of(), "nope").error().evalue());
    }
}
