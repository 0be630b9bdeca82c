package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import org.junit.jupiter.api.Test;

class BasicExecutionTest extends KernelTestBase {


    @Test
    void the_last_expression_becomes_an_execute_result_with_the_execution_count() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "x = 20\nx + 22");
        assertTrue(result.succeeded());
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        assertEquals("42", value.data().get("text/plain"));
        assertEquals(result.executionCount(), value.executionCount());
    }

    @Test
    void cells_are_python_3_style_print_function_and_true_division() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "print('a', 'b')\n1/2");
        assertEquals("a b\n", result.streamText("stdout"));
        assertEquals("0.5", KernelFixture.value(result));
    }

    @Test
    void a_none_result_produces_no_output() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "None");
        assertTrue(result.outputs().isEmpty());
    }

    @Test
    void stderr_is_captured_separately() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "import sys\nsys.stderr.write('oops\\n')\nprint('fine')");
        assertEquals("oops\n", result.streamText("stderr"));
        assertEquals("fine\n", result.streamText("stdout"));
    }

    @Test
    void variables_persist_into_the_new_state() {
        String a = step(kernel, Kernel.INITIAL_STATE, "x = [1, 2, 3]");
        assertEquals("[1, 2, 3, 4]", eval(kernel, a, "x + [4]"));
    }

    @Test
    void an_error_reports_ename_evalue_and_a_traceback_pointing_at_the_cell_line() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "print('before')\n\n1 / 0");
        assertNull(result.stateName());
        assertEquals("ZeroDivisionError", result.error().ename());
        assertEquals("before\n", result.streamText("stdout"));
        String traceback = String.join("\n", result.error().traceback());
        assertTrue(traceback.contains("line 3"), traceback);
        assertTrue(traceback.contains("1 / 0"), traceback);
        assertTrue(result.error().traceback().get(0).startsWith("Traceback"), traceback);
    }

    @Test
    void a_traceback_names_the_cell_by_its_execution_count_as_jupyter_does() {
        // The same code twice: the compiled code is shared, the name still follows each count.
        for (int count : new int[] {7, 12}) {
            ExecutionResult result = kernel.execute(new dev.forkbook.kernel.ExecuteRequest(
                    "x = 1\n1 / 0", "tb-" + count, Kernel.INITIAL_STATE, null, count));
            String traceback = String.join("\n", result.error().traceback());
            assertTrue(traceback.contains("File \"<cell-" + count + ">\", line 2"), traceback);
        }
        ExecutionResult counted = run(kernel, Kernel.INITIAL_STATE, "y = 1\n1 / 0");
        assertTrue(String.join("\n", counted.error().traceback()).contains(
                "File \"<cell-" + counted.executionCount() + ">\""),
                "without a given count the kernel's own count names the cell");
    }

    @Test
    void unknown_source_state_gives_state_not_found() {
        ExecutionResult result = run(kernel, "no-such-state", "1");
        assertEquals("StateNotFound", result.error().ename());
        assertEquals("no-such-state", result.error().evalue());
    }

    @Test
    void syntax_error_and_sys_exit_are_ordinary_errors() {
        assertEquals("SyntaxError", run(kernel, Kernel.INITIAL_STATE, "x = = 1").error().ename());
        assertEquals("SystemExit",
                run(kernel, Kernel.INITIAL_STATE, "import sys\nsys.exit(3)").error().ename());
        assertEquals("2", eval(kernel, Kernel.INITIAL_STATE, "1 + 1"));
    }
}
