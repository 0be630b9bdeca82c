package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import org.junit.jupiter.api.Test;

/** Names read by code and names set through globals() are the same variables, on every path. */
class GlobalLookupTest extends KernelTestBase {

    @Test
    void a_name_set_through_globals_is_read_by_code_and_by_functions_of_earlier_cells() {
        String defined = run(kernel, Kernel.INITIAL_STATE, "def read():\n    return late")
                .stateName();
        ExecutionResult result = run(kernel, defined,
                "globals()['late'] = 5\nlate = late + 1\nprint(late, read(), globals()['late'])");
        assertEquals("6 6 6\n", result.streamText("stdout"));
    }

    @Test
    void a_name_removed_through_globals_is_gone_for_code_and_a_later_cell() {
        String state = run(kernel, Kernel.INITIAL_STATE, "gone = 1").stateName();
        String after = run(kernel, state, "globals().pop('gone')\ntry:\n    gone\n"
                + "except NameError:\n    print('no gone')").stateName();
        assertEquals("no gone\n", run(kernel, state, "globals().pop('gone')\ntry:\n    gone\n"
                + "except NameError:\n    print('no gone')").streamText("stdout"));
        assertEquals("False\n", run(kernel, after, "print('gone' in globals())")
                .streamText("stdout"));
    }
}
