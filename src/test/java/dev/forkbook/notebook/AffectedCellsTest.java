package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After an edit forks, each pending cell below says whether the edit affects it, from what its
 * earlier run really read and wrote; Run affected replays only those (real kernel, same-thread
 * executors).
 */
class AffectedCellsTest {

    private final JythonKernel kernel = new JythonKernel();
    private final NotebookTree tree = new NotebookTree();
    private final NotebookSession session = new NotebookSession(kernel, tree, Runnable::run,
            Runnable::run);

    @AfterEach
    void close() {
        session.close();
        kernel.close();
    }

    /** Runs the cells one under the other from the root; returns them. */
    private List<CellNode> notebook(String... cells) {
        List<CellNode> run = new ArrayList<>();
        String parent = NotebookTree.ROOT_ID;
        for (String source : cells) {
            CellNode node = session.run(parent, source).join();
            assertEquals(CellStatus.OK, node.status(), () -> source + ": " + node.error());
            run.add(node);
            parent = node.id();
        }
        return run;
    }

    /** Edits a cell of the path and runs it (a fork); returns the new end of the path. */
    private String edit(CellNode cell, String source, String tip) {
        NotebookSession.CellRun run = session.runCell(cell.id(), source, tip);
        assertEquals(CellStatus.OK, run.done().join().status());
        return run.tipId();
    }

    /** The marking of each pending cell on the path, by its source. */
    private java.util.Map<String, Staleness.Reason> marks(String tip) {
        java.util.Map<String, Staleness.Reason> result = new java.util.LinkedHashMap<>();
        for (CellNode cell : session.pendingOnPath(tip)) {
            result.put(cell.source(), session.mark(cell.id()).orElseThrow().reason());
        }
        return result;
    }

    private static String last(List<CellNode> cells) {
        return cells.get(cells.size() - 1).id();
    }

    @Test
    void cells_reading_the_edited_name_are_affected_and_a_cell_reading_only_another_is_not() {
        List<CellNode> cells = notebook("b = 2", "a = 1", "x = a * 10", "y = b + 1", "z = x + 1");
        String tip = edit(cells.get(1), "a = 5", last(cells));
        assertEquals(java.util.Map.of(
                "x = a * 10", Staleness.Reason.READS_CHANGED,
                "y = b + 1", Staleness.Reason.NOT_AFFECTED,
                "z = x + 1", Staleness.Reason.READS_CHANGED), marks(tip));
        CellNode reader = session.pendingOnPath(tip).get(0);
        assertEquals(List.of("a"), session.mark(reader.id()).orElseThrow().names());
        assertTrue(session.mark(reader.id()).orElseThrow().describe().startsWith("Affected: reads a"));
        CellNode unaffected = session.pendingOnPath(tip).get(1);
        assertEquals("Not affected: reads nothing the edit changed.",
                session.mark(unaffected.id()).orElseThrow().describe());
    }

    @Test
    void a_cell_is_affected_through_a_function_defined_earlier_that_reads_or_writes_globals() {
        List<CellNode> cells = notebook("a = 1", "k = 3",
                "def bump():\n    global total\n    total = a + 1",
                "bump()", "t = total * 2", "u = k");
        String tip = edit(cells.get(0), "a = 10", last(cells));
        assertEquals(java.util.Map.of(
                "k = 3", Staleness.Reason.NOT_AFFECTED,
                "def bump():\n    global total\n    total = a + 1", Staleness.Reason.NEEDED,
                "bump()", Staleness.Reason.READS_CHANGED,
                "t = total * 2", Staleness.Reason.READS_CHANGED,
                "u = k", Staleness.Reason.NOT_AFFECTED), marks(tip));
    }

    @Test
    void a_cell_that_copied_the_whole_namespace_is_always_affected() {
        List<CellNode> cells = notebook("b = 2", "print('no variables here')",
                "names = sorted(globals())", "c = b");
        // The edit writes a name nothing read one by one: only globals() could see it.
        String tip = edit(cells.get(1), "extra = 1", last(cells));
        assertEquals(java.util.Map.of(
                "names = sorted(globals())", Staleness.Reason.READS_WHOLE_NAMESPACE,
                "c = b", Staleness.Reason.NOT_AFFECTED), marks(tip));
    }

    @Test
    void a_cell_that_read_a_module_or_a_class_is_always_affected() {
        List<CellNode> cells = notebook("import math\nclass Rate(object):\n    value = 2",
                "a = 1", "r = math.sqrt(4)", "v = Rate.value", "w = 5");
        String tip = edit(cells.get(1), "a = 2", last(cells));
        assertEquals(java.util.Map.of(
                "r = math.sqrt(4)", Staleness.Reason.READS_SHARED,
                "v = Rate.value", Staleness.Reason.READS_SHARED,
                "w = 5", Staleness.Reason.NOT_AFFECTED), marks(tip));
        assertEquals(List.of("math"), session.mark(session.pendingOnPath(tip).get(0).id())
                .orElseThrow().names());
    }

    @Test
    void run_affected_replays_only_the_affected_cells_and_run_all_pending_runs_the_rest() {
        List<CellNode> cells = notebook("b = 2", "a = 1", "x = a * 10", "y = b + 1", "x");
        String tip = edit(cells.get(1), "a = 5", last(cells));
        CellNode last = session.runAffected(tip).join();
        assertEquals(CellStatus.OK, last.status());
        assertEquals("50", dev.forkbook.testing.OutputText.of(last.outputs()));
        List<String> stillPending = session.pendingOnPath(tip).stream().map(CellNode::source)
                .toList();
        assertEquals(List.of("y = b + 1"), stillPending, "the unaffected cell was not run");
        assertEquals(List.of(), session.affectedOnPath(tip));
        session.runAllPending(tip).join();
        assertEquals(List.of(), session.pendingOnPath(tip), "run all pending runs every pending cell");
    }

    @Test
    void an_unaffected_cell_whose_writes_an_affected_cell_reads_is_needed_and_run_with_it() {
        List<CellNode> cells = notebook("a = 1", "n = 7", "s = a + n", "m = 0");
        String tip = edit(cells.get(0), "a = 5", last(cells));
        CellNode supplier = session.pendingOnPath(tip).get(0);
        Staleness.Mark mark = session.mark(supplier.id()).orElseThrow();
        assertEquals(Staleness.Reason.NEEDED, mark.reason());
        assertFalse(mark.affected());
        assertEquals(List.of("n"), mark.names());
        assertEquals(List.of("n = 7", "s = a + n"), session.affectedOnPath(tip).stream()
                .map(CellNode::source).toList());
        session.runAffected(tip).join();
        CellNode sum = tree.pathTo(tip).get(2);
        assertEquals(CellStatus.OK, sum.status(), () -> String.valueOf(sum.error()));
        assertEquals(List.of("m = 0"), session.pendingOnPath(tip).stream().map(CellNode::source)
                .toList());
    }

    @Test
    void running_an_unaffected_pending_cell_keeps_the_markings_below_it() {
        List<CellNode> cells = notebook("a = 1", "b = 2", "c = b", "d = a");
        String tip = edit(cells.get(0), "a = 3", last(cells));
        CellNode second = session.pendingOnPath(tip).get(0);
        session.runCell(second.id(), second.source(), tip).done().join();
        assertEquals(java.util.Map.of("c = b", Staleness.Reason.NOT_AFFECTED,
                "d = a", Staleness.Reason.READS_CHANGED), marks(tip));
    }
}
