package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IPython magics, shell escapes and the builtins a notebook expects, on real executions. */
class MagicsTest extends KernelTestBase {

    @TempDir
    Path dir;

    private static ExecutionResult ok(String code) {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, code);
        assertTrue(result.succeeded(), () -> code + "\n" + result.error());
        return result;
    }

    private static String py(Path path) {
        return path.toString().replace("\\", "/");
    }

    @Test
    void timeit_prints_ipythons_mean_and_deviation_line() {
        String text = ok("xs = list(range(100))\n%timeit -n 10 -r 3 sum(xs)").streamText("stdout");
        assertTrue(text.matches("[0-9.]+ (ns|µs|ms|s) ± [0-9.]+ (ns|µs|ms|s) per loop"
                + " \\(mean ± std\\. dev\\. of 3 runs, 10 loops each\\)\n"), text);
        String auto = ok("%timeit -r 2 1 + 1").streamText("stdout");
        assertTrue(auto.contains("of 2 runs,") && auto.contains("0 loops each)"), auto);
    }

    @Test
    void cell_timeit_times_the_body_with_the_first_line_as_setup() {
        String text = ok("%%timeit -n 5 -r 2 ys = [3, 1, 2]\nsorted(ys)").streamText("stdout");
        assertTrue(text.contains("(mean ± std. dev. of 2 runs, 5 loops each)"), text);
    }

    @Test
    void time_prints_cpu_and_wall_time_and_keeps_the_value() {
        ExecutionResult result = ok("%time sum(range(10))");
        assertTrue(result.streamText("stdout").matches(
                "CPU times: user .+, sys: .+, total: .+\nWall time: .+\n"),
                result.streamText("stdout"));
        assertEquals("45", KernelFixture.value(result));
    }

    @Test
    void cell_time_runs_the_cell_reports_its_time_and_shows_its_last_value() {
        ExecutionResult result = ok("%%time\nx = 20\nx + 22");
        assertTrue(result.streamText("stdout").startsWith("CPU times: user "),
                result.streamText("stdout"));
        assertTrue(result.streamText("stdout").contains("\nWall time: "));
        assertEquals("42", KernelFixture.value(result));
        ExecutionResult failed = run(kernel, Kernel.INITIAL_STATE, "%%time\nx = 1\n1 / 0");
        assertTrue(String.join("\n", failed.error().traceback()).contains("line 3"));
    }

    @Test
    void writefile_writes_the_cell_body_and_says_so() throws Exception {
        Path file = dir.resolve("hello.py");
        ExecutionResult first = ok("%%writefile " + py(file) + "\nprint('hi ♥')\nx = 1\n");
        assertEquals("Writing " + py(file) + "\n", first.streamText("stdout"));
        assertEquals("print('hi ♥')\nx = 1\n", Files.readString(file, StandardCharsets.UTF_8));
        ExecutionResult second = ok("%%writefile " + py(file) + "\ny = 2\n");
        assertEquals("Overwriting " + py(file) + "\n", second.streamText("stdout"));
    }

    @Test
    void run_executes_a_script_into_the_namespace() throws Exception {
        Path script = dir.resolve("script.py");
        Files.writeString(script, "value = f'{6 * 7}'\nprint('ran', __name__)\n");
        String state = step(kernel, Kernel.INITIAL_STATE, "%run " + py(script));
        assertEquals("'42'", eval(kernel, state, "value"));
    }

    @Test
    void matplotlib_inline_and_load_ext_autoreload_are_accepted() {
        assertTrue(ok("%matplotlib inline\n%load_ext autoreload\n%autoreload 2\n1").succeeded());
        ExecutionResult missing = run(kernel, Kernel.INITIAL_STATE, "%load_ext no_such_extension");
        assertEquals("ImportError", missing.error().ename());
    }

    @Test
    void who_lists_the_user_variables() {
        String state = step(kernel, Kernel.INITIAL_STATE, "alpha = 1\nbeta = 'b'\n_hidden = 3");
        ExecutionResult result = run(kernel, state, "%who");
        assertEquals("alpha\t beta\t \n", result.streamText("stdout"));
    }

    @Test
    void shell_escapes_run_the_command_and_stream_or_capture_its_output() {
        assertEquals("hello 3\n", ok("n = 3\n!echo hello {n}").streamText("stdout"));
        assertEquals("['a', 'b']", eval(kernel, Kernel.INITIAL_STATE,
                "lines = !printf 'a\\nb\\n'\nlines"));
        assertEquals("shell ok\n", ok("%%bash\necho shell ok").streamText("stdout"));
    }

    @Test
    void an_unknown_magic_is_a_usage_error_naming_it() {
        ExecutionResult line = run(kernel, Kernel.INITIAL_STATE, "%frobnicate 1");
        assertEquals("UsageError", line.error().ename());
        assertEquals("Line magic function `%frobnicate` not found.", line.error().evalue());
        ExecutionResult cell = run(kernel, Kernel.INITIAL_STATE, "%%frobnicate\nbody");
        assertEquals("Cell magic `%%frobnicate` not found.", cell.error().evalue());
    }

    @Test
    void cell_magics_for_rich_text_display_their_body() {
        ExecutionResult result = ok("%%html\n<b>bold</b>");
        Output.DisplayData shown = (Output.DisplayData) result.outputs().get(0);
        assertEquals("<b>bold</b>", shown.data().get("text/html"));
    }

    @Test
    void help_exit_quit_copyright_credits_and_license_exist() {
        assertEquals("Use exit() or Ctrl-D (i.e. EOF) to exit",
                eval(kernel, Kernel.INITIAL_STATE, "exit"));
        assertEquals("Use quit() or Ctrl-D (i.e. EOF) to exit",
                eval(kernel, Kernel.INITIAL_STATE, "quit"));
        assertEquals("SystemExit", run(kernel, Kernel.INITIAL_STATE, "exit()").error().ename());
        assertTrue(ok("help(len)").streamText("stdout").contains("len"));
        assertTrue(eval(kernel, Kernel.INITIAL_STATE, "copyright").contains("Copyright"));
        assertTrue(eval(kernel, Kernel.INITIAL_STATE, "credits").contains("Thanks"));
        assertTrue(eval(kernel, Kernel.INITIAL_STATE, "license").contains("license"));
    }

    @Test
    void builtins_is_the_module_as_in_a_script() {
        assertEquals("(True, True)", eval(kernel, Kernel.INITIAL_STATE,
                "import types\n(isinstance(__builtins__, types.ModuleType),"
                        + " 'len' in vars(__builtins__))"));
        assertFalse(kernel.getState(step(kernel, Kernel.INITIAL_STATE, "q = 1"))
                .orElseThrow().variables().containsKey("__builtins__"));
    }
}
