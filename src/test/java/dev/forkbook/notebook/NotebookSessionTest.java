package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.jython.JythonKernel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session on a real kernel, with same-thread executors so every step is deterministic. */
class NotebookSessionTest {

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

    /** Kernel events reach the session on the subscription's own thread: wait for their effect. */
    private static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static String text(CellNode node) {
        return dev.forkbook.testing.OutputText.of(node.outputs());
    }

    @Test
    void running_a_cell_adds_a_child_with_its_outputs() {
        CellNode node = run("initial", "x = 2\nprint('hi')\nx * 21");
        assertEquals(CellStatus.OK, node.status());
        assertEquals("hi\n42", text(node));
        assertEquals("initial", node.parentId());
        assertTrue(node.executionCount() > 0);
    }

    @Test
    void editing_a_middle_cell_forks_a_sibling_and_replay_reruns_the_rest() {
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "y = x * 10");
        CellNode c = run(b.id(), "y + 1");
        assertEquals("11", text(c));
        CellNode b2 = run(a.id(), "y = x * 100");
        assertEquals(List.of(b.id(), b2.id()),
                tree.children(a.id()).stream().map(CellNode::id).toList());
        String last = session.replay(tree.pathTo(c.id()).subList(2, 3), b2.id()).join();
        assertEquals("101", text(tree.get(last)));
        assertEquals(b2.id(), tree.get(last).parentId());
        assertEquals("11", text(tree.get(c.id())), "the old branch is untouched");
    }

    @Test
    void replay_stops_at_the_first_error() {
        CellNode a = run("initial", "v = 1");
        CellNode bad = run(a.id(), "1/0");
        CellNode after = run(a.id(), "w = 2");
        String last = session.replay(List.of(bad, after), a.id()).join();
        assertEquals(CellStatus.ERROR, tree.get(last).status());
        assertEquals(List.of(), tree.children(last), "nothing ran after the error");
        assertEquals(a.id(), tree.get(last).parentId());
    }

    @Test
    void markdown_cells_share_their_parents_state() {
        CellNode a = run("initial", "z = 5");
        CellNode md = session.addMarkdown(a.id(), "# Title");
        assertEquals(CellStatus.STATIC, md.status());
        assertEquals("6", text(run(md.id(), "z + 1")));
    }

    /** Runs {@code first} and, while it runs, {@code second} below it; returns both finished. */
    private List<CellNode> queued(String first, String second) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
                .newSingleThreadExecutor();
        try (NotebookSession async = new NotebookSession(kernel, tree, Runnable::run, pool)) {
            var running = async.run("initial", first);
            String id = tree.children("initial").get(0).id();
            CellNode below = async.run(id, second).join();
            return List.of(running.join(), below);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_cell_run_below_a_running_cell_waits_for_it_as_in_jupyter() {
        List<CellNode> done = queued("import time\ntime.sleep(0.2)\nslow = 1", "slow + 1");
        assertEquals(CellStatus.OK, done.get(0).status());
        assertEquals(CellStatus.OK, done.get(1).status());
        assertEquals("2", text(done.get(1)));
    }

    @Test
    void a_cell_queued_behind_a_cell_that_fails_does_not_run() {
        List<CellNode> done = queued("import time\ntime.sleep(0.2)\n1/0", "print('ran')");
        assertEquals(CellStatus.ERROR, done.get(0).status());
        assertEquals(CellStatus.ERROR, done.get(1).status());
        assertEquals(NotebookSession.NOT_LIVE, done.get(1).error().ename());
    }

    @Test
    void states_created_by_another_client_appear_under_their_parent_with_outputs() {
        session.followKernel();
        CellNode a = run("initial", "base = 1");
        kernel.execute(new ExecuteRequest("print(base + 1)", "remote", a.id(), "remote-state"));
        eventually(() -> tree.contains("remote-state")
                && text(tree.get("remote-state")).equals("2\n"));
        CellNode remote = tree.get("remote-state");
        assertEquals(a.id(), remote.parentId());
        assertEquals("print(base + 1)", remote.source());
        assertEquals("2\n", text(remote));
    }

    @Test
    void reset_marks_every_cell_not_live() {
        session.followKernel();
        CellNode a = run("initial", "q = 1");
        kernel.reset();
        eventually(() -> tree.get(a.id()).status() == CellStatus.NOT_LIVE);
        assertEquals(CellStatus.NOT_LIVE, tree.get(a.id()).status());
    }

    @Test
    void a_cell_not_live_says_why_restart_or_undo_not_opened_from_a_file() throws Exception {
        CellNode a = run("initial", "q = 1");
        session.restart(java.time.Duration.ofSeconds(5)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        eventually(() -> tree.get(a.id()).status() == CellStatus.NOT_LIVE);
        assertEquals("the kernel was restarted", tree.notLiveReason(a.id()));
        CellNode b = run("initial", "r = 1");
        session.runCell(b.id(), b.source(), b.id()).done().get(30, java.util.concurrent.TimeUnit.SECONDS);
        eventually(() -> session.history().undoDescription().isPresent());
        session.history().undo();
        assertEquals(CellStatus.NOT_LIVE, tree.get(b.id()).status());
        assertTrue(tree.notLiveReason(b.id()).startsWith("Undo/Redo brought back the outputs"),
                tree.notLiveReason(b.id()));
        assertEquals("the notebook was opened from a file", new NotebookTree().notLiveReason("x"));
    }

    @Test
    void update_display_in_a_later_cell_replaces_the_earlier_output() {
        session.followKernel();
        CellNode shown = run("initial", "from IPython.display import display\n"
                + "handle = display('loading', display_id='status')");
        assertEquals("'loading'", ((Output.DisplayData) tree.get(shown.id()).outputs().get(0))
                .data().get("text/plain"));
        run(shown.id(), "handle.update('done')");
        eventually(() -> "'done'".equals(((Output.DisplayData) tree.get(shown.id()).outputs()
                .get(0)).data().get("text/plain")));
        Output.DisplayData replaced = (Output.DisplayData) tree.get(shown.id()).outputs().get(0);
        assertEquals("'done'", replaced.data().get("text/plain"));
    }

    @Test
    void the_path_to_the_current_cell_is_pinned_in_the_kernel() {
        try (JythonKernel small = new JythonKernel(dev.forkbook.kernel.KernelOptions.defaults()
                .withMemoryBudget(1))) {
            NotebookSession pinned = new NotebookSession(small, new NotebookTree(), Runnable::run,
                    Runnable::run);
            CellNode a = pinned.run("initial", "data = list(range(100000))").join();
            pinned.pinPath(a.id());
            CellNode b = pinned.run(a.id(), "data[0] = -1").join();
            pinned.pinPath(b.id());
            CellNode c = pinned.run(b.id(), "data[1] = -1").join();
            assertTrue(small.getState(c.id()).orElseThrow().evicted(), "not on the current path");
            assertTrue(!small.getState(a.id()).orElseThrow().evicted()
                    && !small.getState(b.id()).orElseThrow().evicted());
            pinned.close();
        }
    }

    @Test
    void a_cell_whose_state_the_kernel_evicts_is_marked_evicted_until_the_state_is_rebuilt() {
        try (JythonKernel small = new JythonKernel(dev.forkbook.kernel.KernelOptions.defaults()
                .withMemoryBudget(1))) {
            NotebookSession budget = new NotebookSession(small, new NotebookTree(), Runnable::run,
                    Runnable::run);
            budget.followKernel();
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            budget.addEvictionListener(heard::add);
            CellNode a = budget.run("initial", "data = list(range(100000))").join();
            budget.pinPath(a.id());
            CellNode b = budget.run(a.id(), "data[0] = -1").join();
            budget.run(b.id(), "data[1] = -1").join();
            eventually(() -> budget.isEvicted(b.id()));
            assertTrue(budget.isEvicted(b.id()), "b was evicted: " + heard);
            assertTrue(heard.contains(b.id()), "listeners hear it");
            assertTrue(!budget.isEvicted(a.id()), "a is pinned");
            assertEquals(CellStatus.OK, budget.tree().get(b.id()).status(),
                    "the cell keeps its status: running below it rebuilds in the kernel");
            budget.pinPath(b.id());
            CellNode d = budget.run(b.id(), "print(data[0])").join();
            assertEquals("-1\n", text(d));
            eventually(() -> !budget.isEvicted(b.id()));
            assertTrue(!budget.isEvicted(b.id()), "rebuilt, so live again");
            budget.close();
        }
    }

    @Test
    void re_running_a_pending_cell_clears_its_old_outputs_when_it_starts() {
        session.followKernel();
        CellNode a = run("initial", "x = 1");
        CellNode b = run(a.id(), "print('old branch')");
        NotebookSession.CellRun fork = session.runCell(a.id(), "x = 2", b.id());
        fork.done().join();
        CellNode pending = tree.get(fork.tipId());
        assertEquals(CellStatus.PENDING, pending.status());
        assertEquals("old branch\n", text(pending));
        List<String> whileRunning = new java.util.concurrent.CopyOnWriteArrayList<>();
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                if (after.id().equals(pending.id()) && after.status() == CellStatus.RUNNING) {
                    whileRunning.add(text(after));
                }
            }

            @Override
            public void removed(CellNode node) {
            }
        });
        CellNode done = session.runCell(pending.id(), "print('new %d' % x)", pending.id()).done().join();
        assertEquals("new 2\n", text(done));
        assertTrue(!whileRunning.isEmpty());
        assertTrue(whileRunning.stream().noneMatch(shown -> shown.contains("old branch")),
                "the old branch's outputs are gone once the cell runs: " + whileRunning);
    }
}
