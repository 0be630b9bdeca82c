package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Output;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookFile;
import dev.forkbook.notebook.NotebookTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forkbook run} on real files. */
class RunCommandTest {

    @TempDir
    Path dir;

    private static CellNode code(String id, String parent, String source) {
        return CellNode.fresh(id, parent, CellKind.CODE, source, CellStatus.NOT_LIVE, null);
    }

    /** Two branches from one cell, and a markdown note; nothing has run. */
    private Path sample(String failingBranch) throws IOException {
        NotebookTree tree = new NotebookTree();
        tree.add(code("load", "initial", "data = [3, 1, 2]"));
        tree.add(CellNode.fresh("note", "load", CellKind.MARKDOWN, "Two ideas", CellStatus.STATIC,
                null));
        tree.add(code("sorted", "note", "print(sorted(data))"));
        tree.add(code("total", "note", failingBranch));
        Path path = dir.resolve("sample.forkbook");
        Files.write(path, ForkbookFormat.write(new NotebookDocument(tree, "sorted")));
        return path;
    }

    private static String text(CellNode node) {
        return dev.forkbook.testing.OutputText.of(node.outputs());
    }

    @Test
    void run_executes_the_whole_tree_and_writes_the_outputs_back() throws IOException {
        Path path = sample("sum(data)");
        assertEquals(0, Launcher.commandLine().execute("run", path.toString()));
        NotebookDocument done = NotebookFile.open(path, FileOps.SYSTEM).document();
        assertEquals("[1, 2, 3]\n", text(done.tree().get("sorted")));
        assertEquals("6", text(done.tree().get("total")));
        assertEquals(3, done.tree().get("total").executionCount());
    }

    @Test
    void run_stops_at_the_first_error_with_a_non_zero_exit() throws IOException {
        Path path = sample("1 / 0");
        assertEquals(1, Launcher.commandLine().execute("run", path.toString()));
        NotebookDocument done = NotebookFile.open(path, FileOps.SYSTEM).document();
        assertEquals("ZeroDivisionError", done.tree().get("total").error().ename());
    }

    /**
     * A chain x = 1 / a cell binding y then failing / print(x + y), the last with outputs from an
     * earlier run.
     */
    private Path chainWithStaleOutputs() throws IOException {
        NotebookTree tree = new NotebookTree();
        tree.add(code("setx", "initial", "x = 1"));
        tree.add(code("boom", "setx", "y = 5\nraise ValueError('on purpose')\ny = 6"));
        tree.add(new CellNode("after", "boom", CellKind.CODE, "print(x + y)", CellStatus.NOT_LIVE,
                java.util.List.of(new Output.Stream("stdout", "stale\n")), null, 7, null, null, 0,
                false));
        Path path = dir.resolve("chain.forkbook");
        Files.write(path, ForkbookFormat.write(new NotebookDocument(tree, "after")));
        return path;
    }

    private static String stderrOf(String... args) {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Launcher.commandLine().execute(args);
        } finally {
            System.setErr(saved);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void after_a_failed_run_the_cells_not_reached_lose_their_outputs_and_are_listed() throws IOException {
        Path path = chainWithStaleOutputs();
        String stderr = stderrOf("run", path.toString());
        assertTrue(stderr.contains("Not run (outputs cleared): 1 cells"), stderr);
        assertTrue(stderr.contains("after  print(x + y)"), stderr);
        CellNode after = NotebookFile.open(path, FileOps.SYSTEM).document().tree().get("after");
        assertTrue(after.outputs().isEmpty(), after.outputs().toString());
        assertNull(after.executionCount());
    }

    @Test
    void allow_errors_runs_past_a_failing_cell_with_the_names_it_bound_before_raising_and_exits_zero()
            throws IOException {
        Path path = chainWithStaleOutputs();
        assertEquals(0, Launcher.commandLine().execute("run", "--allow-errors", path.toString()));
        NotebookDocument done = NotebookFile.open(path, FileOps.SYSTEM).document();
        assertEquals("ValueError", done.tree().get("boom").error().ename());
        assertEquals(CellStatus.ERROR, done.tree().get("boom").status());
        assertEquals("6\n", text(done.tree().get("after")), "x from setx, y = 5 from the failed cell");
    }

    @Test
    void node_limits_the_run_to_one_path_and_output_leaves_the_input_alone() throws IOException {
        Path path = sample("1 / 0");
        byte[] before = Files.readAllBytes(path);
        Path out = dir.resolve("out.forkbook");
        Path exported = dir.resolve("out.ipynb");
        assertEquals(0, Launcher.commandLine().execute("run", path.toString(), "--node", "sorted",
                "--output", out.toString(), "--export", exported.toString()));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(path)));
        NotebookDocument done = NotebookFile.open(out, FileOps.SYSTEM).document();
        assertEquals("[1, 2, 3]\n", text(done.tree().get("sorted")));
        assertNull(done.tree().get("total").executionCount(), "the other branch did not run");
        assertTrue(Files.readString(exported).contains("\"nbformat_minor\" : 5"));
    }

    @Test
    void run_accepts_a_jupyter_notebook_and_writes_it_back_as_ipynb() throws IOException {
        Path path = dir.resolve("plain.ipynb");
        try (InputStream in = RunCommandTest.class.getResourceAsStream(
                "/notebooks/jupyter-sample.ipynb")) {
            String jupyter = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // Python 3 code that Jython cannot run is replaced by a cell it can.
            Files.writeString(path, jupyter.replace("\"from IPython.display import HTML, display\\n\",",
                    "\"from java.lang import Math\\n\",").replace(
                    "\"display(HTML('<b>best month</b>'))\\n\",", "\"print(Math.max(1, 2))\\n\",")
                    .replace("\"1 / 0\"", "\"max(sales)\""));
        }
        assertEquals(0, Launcher.commandLine().execute("run", path.toString()));
        String written = Files.readString(path);
        assertTrue(written.contains("\"nbformat\" : 4"), written);
        assertTrue(written.contains("loaded 3 months"));
        assertTrue(written.contains("\"143\""), "max(sales) ran");
    }

    @Test
    void an_unreadable_notebook_is_a_clear_error() throws IOException {
        Path path = dir.resolve("broken.forkbook");
        Files.writeString(path, "{\"format\": ");
        assertEquals(2, Launcher.commandLine().execute("run", path.toString()));
        assertEquals("{\"format\": ", Files.readString(path));
        assertEquals(2, Launcher.commandLine().execute("run", dir.resolve("missing.forkbook")
                .toString()));
    }
}
