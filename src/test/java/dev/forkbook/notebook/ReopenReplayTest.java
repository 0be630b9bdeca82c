package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A saved notebook, reopened on a fresh kernel: nodes are not live until rebuilt by replay. */
class ReopenReplayTest {

    private final List<JythonKernel> kernels = new ArrayList<>();

    @AfterEach
    void close() {
        kernels.forEach(JythonKernel::close);
    }

    private NotebookSession session(NotebookTree tree) {
        JythonKernel kernel = new JythonKernel();
        kernels.add(kernel);
        return new NotebookSession(kernel, tree, Runnable::run, Runnable::run);
    }

    private NotebookDocument savedAndReopened(String... cells) {
        NotebookSession original = session(new NotebookTree());
        String parent = NotebookTree.ROOT_ID;
        for (String cell : cells) {
            parent = original.run(parent, cell).join().id();
        }
        return ForkbookFormat.read(ForkbookFormat.write(new NotebookDocument(original.tree(), parent)));
    }

    @Test
    void replaying_a_reopened_notebook_reproduces_its_outputs() {
        NotebookDocument reopened = savedAndReopened("x = 20", "print(x + 1)", "x * 2");
        NotebookSession session = session(reopened.tree());
        List<NotebookSession.RebuildProgress> steps = new ArrayList<>();
        session.setRebuildProgress(step -> {
            if (step != null) {
                steps.add(step);
            }
        });
        assertTrue(session.rebuild(reopened.current()).join());
        assertEquals(List.of(1, 2, 3), steps.stream().map(NotebookSession.RebuildProgress::step).toList());
        for (CellNode node : reopened.tree().pathTo(reopened.current())) {
            assertEquals(CellStatus.OK, node.status());
            assertFalse(node.outputsChanged(), node.source());
        }
    }

    @Test
    void outputs_that_differ_on_replay_are_flagged() {
        NotebookDocument reopened = savedAndReopened("import random\nrandom.random()");
        NotebookSession session = session(reopened.tree());
        assertTrue(session.rebuild(reopened.current()).join());
        assertTrue(reopened.tree().get(reopened.current()).outputsChanged());
    }

    @Test
    void running_below_a_not_live_node_rebuilds_its_path_first() {
        NotebookDocument reopened = savedAndReopened("base = 5", "base += 1");
        NotebookSession session = session(reopened.tree());
        CellNode child = session.run(reopened.current(), "base * 10").join();
        assertEquals(CellStatus.OK, child.status());
        assertEquals("60", ((dev.forkbook.kernel.Output.ExecuteResult) child.outputs().get(0))
                .data().get("text/plain"));
    }

    @Test
    void a_rebuild_stops_at_the_first_error() {
        NotebookDocument reopened = savedAndReopened("a = 1", "b = 2", "c = 3");
        List<CellNode> path = reopened.tree().pathTo(reopened.current());
        CellNode middle = path.get(1);
        reopened.tree().update(new CellNode(middle.id(), middle.parentId(), CellKind.CODE,
                "raise ValueError('changed on disk')", CellStatus.NOT_LIVE, middle.outputs(), null,
                middle.executionCount(), null, middle.created(), 0, false));
        NotebookSession session = session(reopened.tree());
        assertFalse(session.rebuild(reopened.current()).join());
        assertEquals(CellStatus.OK, reopened.tree().get(path.get(0).id()).status());
        assertEquals(CellStatus.ERROR, reopened.tree().get(middle.id()).status());
        assertEquals(CellStatus.NOT_LIVE, reopened.tree().get(path.get(2).id()).status());
    }

    @Test
    void a_cancelled_rebuild_stops_before_the_next_cell() {
        NotebookDocument reopened = savedAndReopened("a = 1", "b = 2", "c = 3");
        List<CellNode> path = reopened.tree().pathTo(reopened.current());
        NotebookSession session = session(reopened.tree());
        session.setRebuildProgress(step -> {
            if (step != null && step.step() == 2) {
                session.cancelRebuild();
            }
        });
        assertFalse(session.rebuild(reopened.current()).join());
        assertEquals(CellStatus.OK, reopened.tree().get(path.get(0).id()).status());
        assertEquals(CellStatus.NOT_LIVE, reopened.tree().get(path.get(1).id()).status());
        assertEquals(CellStatus.NOT_LIVE, reopened.tree().get(path.get(2).id()).status());
    }
}
