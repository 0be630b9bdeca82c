package dev.forkbook.ui.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The screen model without the toolkit: same-thread executors, a real kernel. */
class NotebookViewModelTest {

    private final JythonKernel kernel = new JythonKernel();
    private final NotebookSession session = new NotebookSession(kernel, new NotebookTree(),
            Runnable::run, Runnable::run);
    private final NotebookViewModel model = new NotebookViewModel(session);

    @AfterEach
    void close() {
        kernel.close();
    }

    @Test
    void a_new_cell_runs_under_the_current_node_and_becomes_current() {
        CellNode first = model.runNew(CellKind.CODE, "a = 1").join();
        assertEquals(first.id(), model.current());
        CellNode second = model.runNew(CellKind.CODE, "b = a + 1").join();
        assertEquals(first.id(), second.parentId());
        assertEquals(0, model.runningProperty().get());
    }

    @Test
    void forking_a_middle_cell_keeps_the_cells_below_pending_and_run_all_pending_runs_them() {
        CellNode a = model.runNew(CellKind.CODE, "a = 1").join();
        CellNode b = model.runNew(CellKind.CODE, "b = a * 2").join();
        model.runNew(CellKind.MARKDOWN, "note").join();
        model.runNew(CellKind.CODE, "c = b + 1\nc").join();
        NotebookSession.CellRun fork = model.runCell(b.id(), "b = a * 5");
        CellNode forked = fork.done().join();
        assertEquals(a.id(), forked.parentId());
        assertEquals(fork.tipId(), model.current(), "the view keeps the cells below");
        assertEquals(List.of("a = 1", "b = a * 5", "note", "c = b + 1\nc"),
                session.tree().pathTo(model.current()).stream().map(CellNode::source).toList());
        assertEquals(2, model.pendingProperty().get());
        CellNode last = model.runAllPending().join();
        assertEquals(last.id(), model.current());
        assertEquals("6", dev.forkbook.testing.OutputText.of(last.outputs()));
        assertEquals(0, model.pendingProperty().get());
    }

    @Test
    void the_input_cell_says_where_it_runs_from() {
        assertEquals("runs in a fresh namespace", model.captionProperty().get());
        model.runNew(CellKind.CODE, "x = 100").join();
        assertTrue(model.captionProperty().get().matches("runs after \\[\\d+\\] x = 100"),
                model.captionProperty().get());
        CellNode bad = model.runNew(CellKind.CODE, "1/0").join();
        assertTrue(model.captionProperty().get().endsWith("; [" + bad.executionCount()
                + "] left no state"), model.captionProperty().get());
    }

    @Test
    void deleting_the_current_branch_moves_to_its_parent_and_undo_restores_it() {
        CellNode a = model.runNew(CellKind.CODE, "a = 1").join();
        CellNode b = model.runNew(CellKind.CODE, "b = 2").join();
        model.deleteBranch(b.id());
        assertEquals(a.id(), model.current());
        assertTrue(model.canUndo());
        model.undo();
        assertTrue(session.tree().contains(b.id()));
    }

    @Test
    void undo_is_available_only_once_there_is_something_to_undo() {
        assertFalse(model.undoableProperty().get(), "a brand-new notebook has nothing to undo");
        model.runNew(CellKind.CODE, "a = 1").join();
        CellNode b = model.runNew(CellKind.CODE, "b = 2").join();
        model.deleteBranch(b.id());
        assertTrue(model.undoableProperty().get(), "the delete can be undone");
        model.undo();
        assertFalse(model.undoableProperty().get(), "nothing left to undo");
        model.redo();
        assertTrue(model.undoableProperty().get());
    }

    @Test
    void the_root_cannot_be_deleted() {
        model.deleteBranch(NotebookTree.ROOT_ID);
        assertEquals(1, session.tree().size());
    }
}
