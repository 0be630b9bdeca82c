package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules that make a tree behave like a Jupyter notebook (errors, re-runs, edits, pending cells,
 * counts), on the session with a real kernel and same-thread executors.
 */
class JupyterHabitsTest {

    private final JythonKernel kernel = new JythonKernel();
    private final NotebookTree tree = new NotebookTree();
    private final NotebookSession session = new NotebookSession(kernel, tree, Runnable::run,
            Runnable::run);

    @AfterEach
    void close() {
        session.close();
        kernel.close();
    }

    private CellNode run(String parent, String source) {
        return session.run(parent, source).join();
    }

    private NotebookSession.CellRun rerun(CellNode cell, String source, String tip) {
        NotebookSession.CellRun run = session.runCell(cell.id(), source, tip);
        run.done().join();
        return run;
    }

    private static String text(CellNode node) {
        return dev.forkbook.testing.OutputText.of(node.outputs());
    }

    private List<String> sources(String tip) {
        return tree.pathTo(tip).stream().map(CellNode::source).toList();
    }

    private List<CellStatus> statuses(String tip) {
        return tree.pathTo(tip).stream().map(CellNode::status).toList();
    }

    @Test
    void a_failed_leaf_fixed_and_run_again_is_replaced_by_its_rerun() {
        CellNode a = run("initial", "def f(x):\n    return x + 1");
        CellNode bad = run(a.id(), "g(0)");
        assertEquals(CellStatus.ERROR, bad.status());
        NotebookSession.CellRun fixed = rerun(bad, "f(0)", bad.id());
        assertEquals(bad.id(), fixed.cellId(), "the same node holds the new result");
        assertEquals(CellStatus.OK, tree.get(bad.id()).status());
        assertEquals("1", text(tree.get(bad.id())));
        assertEquals("f(0)", tree.get(bad.id()).source());
        assertEquals(1, tree.children(a.id()).size(), "no sibling for the failed attempt");
    }

    @Test
    void an_interrupted_leaf_is_replaced_by_its_rerun() throws Exception {
        CellNode a = run("initial", "import time");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
                .newSingleThreadExecutor();
        try (NotebookSession async = new NotebookSession(kernel, tree, Runnable::run, pool)) {
            var running = async.run(a.id(), "while True:\n    time.sleep(0.01)");
            String id = tree.children(a.id()).get(0).id();
            while (!async.interrupt(id)) {
                Thread.onSpinWait();
            }
            CellNode stopped = running.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(CellStatus.ERROR, stopped.status());
            assertEquals("KeyboardInterrupt", stopped.error().ename());
        } finally {
            pool.shutdownNow();
        }
        CellNode stopped = tree.children(a.id()).get(0);
        rerun(stopped, "time.sleep(0)\n'done'", stopped.id());
        assertEquals(1, tree.children(a.id()).size());
        assertEquals("'done'", text(tree.get(stopped.id())));
    }

    @Test
    void rerunning_unchanged_code_at_a_leaf_replaces_its_result_and_undo_brings_it_back() {
        CellNode a = run("initial", "n = 0");
        CellNode leaf = run(a.id(), "n += 1\nn");
        int firstCount = leaf.executionCount();
        rerun(leaf, "n += 1\nn", leaf.id());
        rerun(tree.get(leaf.id()), "n += 1\nn", leaf.id());
        assertEquals(1, tree.children(a.id()).size(), "no identical siblings");
        CellNode now = tree.get(leaf.id());
        assertEquals("1", text(now), "each re-run starts from the cell above, as the state is replaced");
        assertTrue(now.executionCount() > firstCount + 1);

        session.history().undo();
        CellNode undone = tree.get(leaf.id());
        assertEquals(firstCount + 1, undone.executionCount(), "undo restores the previous count");
        assertEquals(CellStatus.NOT_LIVE, undone.status(), "the old namespace is gone");
    }

    @Test
    void rerunning_a_cell_that_has_cells_run_below_it_forks() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        NotebookSession.CellRun again = rerun(a, "x = 1", b.id());
        assertNotEquals(a.id(), again.cellId());
        assertEquals(2, tree.children("initial").size());
        assertEquals(List.of("x = 1", "x + 1"), sources(again.tipId()));
        assertEquals(CellStatus.PENDING, tree.get(again.tipId()).status());
    }

    @Test
    void editing_a_cell_forks_and_keeps_the_cells_below_as_pending_with_their_old_outputs() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "y = x * 10");
        CellNode c = run(b.id(), "y + 1");
        NotebookSession.CellRun edit = rerun(b, "y = x * 100", c.id());
        CellNode forked = tree.get(edit.cellId());
        assertEquals(a.id(), forked.parentId());
        assertEquals(CellStatus.OK, forked.status());
        CellNode pending = tree.get(edit.tipId());
        assertEquals(forked.id(), pending.parentId());
        assertEquals(CellStatus.PENDING, pending.status());
        assertEquals("11", text(pending), "the outputs it had on the other branch");
        assertNull(pending.executionCount(), "it has not run here");
        assertEquals("11", text(tree.get(c.id())), "the old branch is untouched");
    }

    @Test
    void editing_leaf_code_forks_too() {
        CellNode a = run("initial", "x = 1");
        NotebookSession.CellRun edit = rerun(a, "x = 2", a.id());
        assertNotEquals(a.id(), edit.cellId());
        assertEquals(2, tree.children("initial").size());
        assertEquals(edit.cellId(), edit.tipId());
    }

    @Test
    void running_a_pending_cell_moves_it_onto_the_new_branch() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "y = x * 10");
        CellNode c = run(b.id(), "y + 1");
        NotebookSession.CellRun edit = rerun(b, "y = x * 100", c.id());
        CellNode pending = tree.get(edit.tipId());
        NotebookSession.CellRun moved = rerun(pending, pending.source(), edit.tipId());
        assertEquals(pending.id(), moved.cellId(), "the pending node itself runs, no sibling");
        assertEquals(CellStatus.OK, tree.get(pending.id()).status());
        assertEquals("101", text(tree.get(pending.id())));
    }

    @Test
    void pending_cells_survive_failed_attempts_and_run_all_pending_runs_them() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "y = x * 10");
        CellNode c = run(b.id(), "z = y + 1");
        CellNode d = run(c.id(), "z * 2");
        NotebookSession.CellRun bad = rerun(b, "y = x *", d.id());
        assertEquals(CellStatus.ERROR, tree.get(bad.cellId()).status());
        NotebookSession.CellRun fixed = rerun(tree.get(bad.cellId()), "y = x * 100", bad.tipId());
        assertEquals(bad.cellId(), fixed.cellId(), "the failed attempt is replaced, not forked");
        assertEquals(List.of("x = 1", "y = x * 100", "z = y + 1", "z * 2"), sources(fixed.tipId()));
        assertEquals(2, tree.children(a.id()).size(), "the old branch and the new one, nothing else");

        CellNode last = session.runAllPending(fixed.tipId()).join();
        assertEquals("202", text(last));
        assertEquals(List.of(CellStatus.OK, CellStatus.OK, CellStatus.OK, CellStatus.OK),
                statuses(fixed.tipId()));
    }

    @Test
    void run_all_pending_stops_at_the_first_failure() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "y = 1 / x");
        CellNode c = run(b.id(), "y");
        NotebookSession.CellRun edit = rerun(a, "x = 0", c.id());
        CellNode last = session.runAllPending(edit.tipId()).join();
        assertEquals(CellStatus.ERROR, last.status());
        assertEquals(List.of(CellStatus.OK, CellStatus.ERROR, CellStatus.PENDING),
                statuses(edit.tipId()));
    }

    @Test
    void a_second_edit_carries_the_same_pending_cells_without_leaving_copies_behind() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        NotebookSession.CellRun first = rerun(a, "x = 2", b.id());
        NotebookSession.CellRun second = rerun(tree.get(first.cellId()), "x = 3", first.tipId());
        assertEquals(List.of("x = 3", "x + 1"), sources(second.tipId()));
        assertTrue(tree.children(first.cellId()).isEmpty(), "the old placeholder is gone");
        CellNode last = session.runAllPending(second.tipId()).join();
        assertEquals("4", text(last));
    }

    @Test
    void a_cell_typed_below_a_failed_cell_is_its_child_and_runs_from_the_state_above() {
        CellNode a = run("initial", "x = 7");
        CellNode bad = run(a.id(), "x = undefined_name");
        CellNode below = run(bad.id(), "x * 2");
        assertEquals(bad.id(), below.parentId());
        assertEquals(CellStatus.OK, below.status());
        assertEquals("14", text(below));
        NotebookSession.RunsAfter where = session.runsAfter(bad.id());
        assertEquals(a.id(), where.from().id());
        assertEquals(List.of(bad.id()), where.skipped().stream().map(CellNode::id).toList());
    }

    @Test
    void markdown_edits_change_the_cell_in_place_and_undo_restores_them() {
        CellNode a = run("initial", "x = 1");
        CellNode md = session.addMarkdown(a.id(), "# Old");
        CellNode b = run(md.id(), "x + 1");
        NotebookSession.CellRun edit = session.runCell(md.id(), "# New", b.id());
        assertEquals(md.id(), edit.cellId());
        assertEquals(b.id(), edit.tipId(), "no branch changes");
        assertEquals("# New", tree.get(md.id()).source());
        assertEquals(CellStatus.OK, tree.get(b.id()).status());
        assertEquals(3, tree.size() - 1);
        session.history().undo();
        assertEquals("# Old", tree.get(md.id()).source());
    }

    @Test
    void execution_counts_are_given_by_the_notebook_and_passed_to_the_kernel() {
        CellNode a = run("initial", "1");
        CellNode b = run(a.id(), "2");
        assertEquals(a.executionCount() + 1, b.executionCount());
        dev.forkbook.kernel.Output.ExecuteResult out =
                (dev.forkbook.kernel.Output.ExecuteResult) b.outputs().get(0);
        assertEquals(b.executionCount(), out.executionCount(), "Out[n] shows the notebook's count");
    }

    @Test
    void execution_counts_continue_after_save_and_reopen_and_never_repeat(@TempDir Path dir)
            throws Exception {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        rerun(a, "x = 2", b.id());
        Path file = dir.resolve("n.forkbook");
        java.nio.file.Files.write(file, ForkbookFormat.write(new NotebookDocument(tree, b.id())));

        NotebookDocument reopened = ForkbookFormat.read(java.nio.file.Files.readAllBytes(file));
        try (JythonKernel fresh = new JythonKernel();
                NotebookSession again = new NotebookSession(fresh, reopened.tree(), Runnable::run,
                        Runnable::run)) {
            int highestSaved = 3;
            CellNode added = again.run(reopened.current(), "x * 10").join();
            assertEquals("10", text(added));
            assertTrue(added.executionCount() > highestSaved, "counting continues after reopening");
            Set<Integer> seen = new HashSet<>();
            for (CellNode node : reopened.tree().depthFirst()) {
                if (node.executionCount() != null) {
                    assertTrue(seen.add(node.executionCount()),
                            "count " + node.executionCount() + " appears twice");
                }
            }
            assertEquals(4, seen.size(), "the rebuilt cells got new counts too");
        }
    }

    @Test
    void the_kernel_counter_never_goes_below_the_highest_count_it_was_given() {
        kernel.execute(new dev.forkbook.kernel.ExecuteRequest("1", "e1", "initial", null, 40));
        var next = kernel.execute(dev.forkbook.kernel.ExecuteRequest.of("2", "e2", "initial"));
        assertEquals(41, next.executionCount());
        kernel.execute(new dev.forkbook.kernel.ExecuteRequest("3", "e3", "initial", null, 5));
        assertEquals(42, kernel.execute(dev.forkbook.kernel.ExecuteRequest.of("4", "e4", "initial"))
                .executionCount());
    }

    @Test
    void pending_cells_are_saved_in_the_file() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        NotebookSession.CellRun edit = rerun(a, "x = 5", b.id());
        NotebookDocument read = ForkbookFormat.read(ForkbookFormat.write(
                new NotebookDocument(tree, edit.tipId())));
        CellNode pending = read.tree().get(edit.tipId());
        assertEquals(CellStatus.PENDING, pending.status());
        assertEquals("2", text(pending));
        assertEquals(CellStatus.ERROR, ForkbookFormat.read(ForkbookFormat.write(
                new NotebookDocument(treeWithFailure(), null))).tree().children("initial").get(0)
                .status(), "a failed cell opens as failed");
    }

    @Test
    void an_exported_path_shows_pending_cells_as_not_run() throws Exception {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        NotebookSession.CellRun edit = rerun(a, "x = 5", b.id());
        var exported = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Ipynb.export(new NotebookDocument(tree, edit.tipId()), edit.tipId()));
        var pending = exported.get("cells").get(1);
        assertEquals("x + 1", pending.get("source").asText());
        assertEquals(0, pending.get("outputs").size(), "the other branch's outputs stay out");
        assertTrue(pending.get("execution_count").isNull());
    }

    private NotebookTree treeWithFailure() {
        NotebookTree other = new NotebookTree();
        try (NotebookSession s = new NotebookSession(kernel, other, Runnable::run, Runnable::run)) {
            s.run("initial", "1/0").join();
        }
        return other;
    }

    @Test
    void inserting_a_cell_in_the_middle_of_the_path_makes_the_cells_below_pending() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        CellNode c = run(b.id(), "x + 2");
        NotebookSession.CellRun inserted = session.insertCell(a.id(), true, c.id(), CellKind.CODE);
        assertEquals(List.of("x = 1", "", "x + 1", "x + 2"), sources(inserted.tipId()));
        assertEquals(List.of(CellStatus.OK, CellStatus.PENDING, CellStatus.PENDING,
                CellStatus.PENDING), statuses(inserted.tipId()));
        assertEquals(a.id(), tree.get(inserted.cellId()).parentId());
        assertEquals(CellStatus.OK, tree.get(c.id()).status(), "the old branch stays");

        rerun(tree.get(inserted.cellId()), "x = 10", inserted.tipId());
        assertEquals("12", text(session.runAllPending(inserted.tipId()).join()));
    }

    @Test
    void inserting_above_the_first_cell_makes_the_whole_path_pending() {
        CellNode a = run("initial", "x = 1");
        NotebookSession.CellRun inserted = session.insertCell(a.id(), false, a.id(), CellKind.CODE);
        assertEquals(List.of("", "x = 1"), sources(inserted.tipId()));
        assertEquals("initial", tree.get(inserted.cellId()).parentId());
    }

    @Test
    void deleting_a_path_cell_leaves_the_cells_below_pending_on_its_parent() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x = 2");
        CellNode c = run(b.id(), "x")
;
        String tip = session.deleteFromPath(b.id(), c.id());
        assertEquals(List.of("x = 1", "x"), sources(tip));
        assertEquals(CellStatus.PENDING, tree.get(tip).status());
        assertEquals(a.id(), tree.get(tip).parentId());
        assertTrue(tree.contains(b.id()), "the old branch stays");
        assertEquals("1", text(session.runAllPending(tip).join()));
    }

    @Test
    void deleting_a_pending_cell_removes_it() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "x + 1");
        NotebookSession.CellRun edit = rerun(a, "x = 2", b.id());
        int size = tree.size();
        String tip = session.deleteFromPath(edit.tipId(), edit.tipId());
        assertEquals(edit.cellId(), tip);
        assertEquals(size - 1, tree.size());
    }

    @Test
    void changing_a_pending_cell_to_markdown_changes_it_in_place() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "# a note");
        NotebookSession.CellRun edit = rerun(a, "x = 2", b.id());
        NotebookSession.CellRun changed = session.changeKind(edit.tipId(), CellKind.MARKDOWN,
                edit.tipId());
        assertEquals(edit.tipId(), changed.cellId());
        assertEquals(CellKind.MARKDOWN, tree.get(edit.tipId()).kind());
        assertFalse(tree.get(edit.tipId()).status() == CellStatus.PENDING);
    }

    @Test
    void restart_interrupts_running_cells_resets_and_rebuilds_on_demand() throws Exception {
        CellNode a = run("initial", "x = 41");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
                .newCachedThreadPool();
        java.util.concurrent.BlockingQueue<Runnable> owner =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (NotebookSession async = new NotebookSession(kernel, tree, owner::add, pool)) {
            var spinning = async.run(a.id(), "while True:\n    pass");
            String spinner = tree.children(a.id()).get(0).id();
            var restarted = async.restart(java.time.Duration.ofSeconds(2));
            while (!restarted.isDone()) {
                Runnable task = owner.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (task != null) {
                    task.run();
                }
            }
            assertEquals(List.of(), restarted.join(), "every execution stopped");
            assertEquals("KeyboardInterrupt", spinning.join().error().ename());
            assertEquals(CellStatus.ERROR, tree.get(spinner).status());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("initial"), kernel.listStates(), "the kernel was reset");
        assertEquals(CellStatus.NOT_LIVE, tree.get(a.id()).status());
        assertEquals("42", text(run(a.id(), "x + 1")), "the path is rebuilt when needed");
    }
}
