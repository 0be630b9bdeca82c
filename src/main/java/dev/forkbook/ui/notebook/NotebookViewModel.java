package dev.forkbook.ui.notebook;

import dev.forkbook.kernel.KernelStatus;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The notebook screen's model: which node is current (the notebook view shows the path to it), how
 * many cells run, what "replay the rest" would re-run, and the commands the views call. Runs on the
 * FX thread.
 */
public final class NotebookViewModel {

    private final NotebookSession session;
    private final java.util.concurrent.Executor owner;
    private boolean refreshQueued;
    private final ObjectProperty<String> current = new SimpleObjectProperty<>(NotebookTree.ROOT_ID);
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final IntegerProperty pending = new SimpleIntegerProperty();
    private final javafx.beans.property.BooleanProperty undoable =
            new javafx.beans.property.SimpleBooleanProperty();
    private final StringProperty caption = new SimpleStringProperty();
    private final ObjectProperty<NotebookSession.RebuildProgress> rebuilding =
            new SimpleObjectProperty<>();
    private final ObjectProperty<KernelStatus> kernelStatus;

    public NotebookViewModel(NotebookSession session) {
        this(session, Runnable::run);
    }

    /** @param owner runs a task later on the FX thread (same-thread in tests) */
    public NotebookViewModel(NotebookSession session, java.util.concurrent.Executor owner) {
        this.session = session;
        this.owner = owner;
        pinCurrentPath();
        session.setRebuildProgress(rebuilding::set);
        kernelStatus = new SimpleObjectProperty<>(session.kernelStatus());
        session.setKernelStatusListener(kernelStatus::set);
        session.tree().depthFirst().forEach(node -> running.set(running.get() + runningValue(node)));
        session.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                running.set(running.get() + runningValue(node));
                refreshSoon();
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                running.set(running.get() - runningValue(before) + runningValue(after));
                refreshSoon();
            }

            @Override
            public void removed(CellNode node) {
                running.set(running.get() - runningValue(node));
                if (node.id().equals(current.get())) {
                    current.set(node.parentId() != null && session.tree().contains(node.parentId())
                            ? node.parentId() : NotebookTree.ROOT_ID);
                }
                refreshSoon();
            }
        });
        current.addListener((obs, old, id) -> refresh());
        refresh();
    }

    /** Tree changes come in bursts (a fork adds several cells): recompute once they are done. */
    private void refreshSoon() {
        if (!refreshQueued) {
            refreshQueued = true;
            owner.execute(() -> {
                refreshQueued = false;
                refresh();
            });
        }
    }

    public NotebookTree tree() {
        return session.tree();
    }

    /** The states on the current path stay in the kernel's memory (the desktop's pins). */
    private void pinCurrentPath() {
        current.addListener((observable, before, now) -> session.pinPath(now));
    }

    public NotebookSession session() {
        return session;
    }

    /** Whether the kernel is still starting, ready, or failed to start. */
    public ReadOnlyObjectProperty<KernelStatus> kernelStatusProperty() {
        return kernelStatus;
    }

    /** The node whose path the notebook shows; new cells run from it. */
    public ReadOnlyObjectProperty<String> currentProperty() {
        return current;
    }

    public String current() {
        return current.get();
    }

    public void select(String id) {
        if (id != null && session.tree().contains(id)) {
            current.set(id);
        }
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running;
    }

    /** The step a rebuild is at, or null when none runs. */
    public ReadOnlyObjectProperty<NotebookSession.RebuildProgress> rebuildingProperty() {
        return rebuilding;
    }

    /** Rebuilds the current node's state by replaying its path from the nearest live ancestor. */
    public CompletableFuture<Boolean> rebuildCurrent() {
        return session.rebuild(current.get());
    }

    public void cancelRebuild() {
        session.cancelRebuild();
    }

    /** Runs a new cell under the current node; the new node becomes current at once. */
    public CompletableFuture<CellNode> runNew(CellKind kind, String source) {
        if (kind == CellKind.MARKDOWN) {
            CellNode node = session.addMarkdown(current.get(), source);
            current.set(node.id());
            return CompletableFuture.completedFuture(node);
        }
        CompletableFuture<CellNode> done = session.run(current.get(), source);
        String created = lastChildOf(current.get());
        current.set(created);
        return done;
    }

    /**
     * Runs a cell of the path with the source the user sees (see {@link NotebookSession#runCell}):
     * replaced in place, run onto the branch (pending), or forked with the cells below pending. The
     * view follows the path's new end. Returns what the run did.
     */
    public NotebookSession.CellRun runCell(String nodeId, String source) {
        NotebookSession.CellRun run = session.runCell(nodeId, source, current.get());
        current.set(run.tipId());
        refresh();
        return run;
    }

    /** Runs every pending cell of the path, top first, stopping at the first failure. */
    public CompletableFuture<CellNode> runAllPending() {
        return session.runAllPending(current.get());
    }

    /**
     * Runs only the pending cells of the path that the edit above them affects (and the unaffected
     * ones those need); the others stay pending.
     */
    public CompletableFuture<CellNode> runAffected() {
        return session.runAffected(current.get());
    }

    /** Inserts an empty cell above or below a path cell; the cells after it become pending. */
    public NotebookSession.CellRun insertCell(String nodeId, boolean below, CellKind kind) {
        NotebookSession.CellRun run = session.insertCell(nodeId, below, current.get(), kind);
        current.set(run.tipId());
        return run;
    }

    /** Deletes a cell from the path (DD); the cells below become pending on its parent. */
    public void deleteFromPath(String nodeId) {
        current.set(session.deleteFromPath(nodeId, current.get()));
        refresh();
    }

    /** Turns a path cell into code (Y) or markdown (M). Returns the cell that now stands there. */
    public NotebookSession.CellRun changeKind(String nodeId, CellKind kind) {
        NotebookSession.CellRun run = session.changeKind(nodeId, kind, current.get());
        current.set(run.tipId());
        refresh();
        return run;
    }

    /** How many cells of the path wait to be run onto its branch. */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending;
    }

    /**
     * What the input cell at the bottom says about where it runs: "runs after [7] x = 100", with the
     * failed and pending cells it skips ("[4] left no state").
     */
    public ReadOnlyStringProperty captionProperty() {
        return caption;
    }

    private void refresh() {
        if (!session.tree().contains(current.get())) {
            return;
        }
        pending.set(session.pendingOnPath(current.get()).size());
        undoable.set(session.history().canUndo());
        caption.set(captionFor(session.runsAfter(current.get())));
    }

    static String captionFor(NotebookSession.RunsAfter where) {
        StringBuilder text = new StringBuilder();
        if (where.from().isRoot()) {
            text.append("runs in a fresh namespace");
        } else {
            text.append("runs after ").append(label(where.from()));
        }
        List<String> failed = new java.util.ArrayList<>();
        int pendingCount = 0;
        for (CellNode skipped : where.skipped()) {
            if (skipped.status() == CellStatus.PENDING) {
                pendingCount++;
            } else {
                failed.add(countOf(skipped));
            }
        }
        if (!failed.isEmpty()) {
            text.append("; ").append(String.join(", ", failed)).append(" left no state");
        }
        if (pendingCount > 0) {
            text.append("; ").append(pendingCount).append(pendingCount == 1 ? " pending cell"
                    : " pending cells").append(" above not run");
        }
        return text.toString();
    }

    private static String countOf(CellNode node) {
        return node.status() == CellStatus.RUNNING ? "[*]"
                : node.executionCount() == null ? "[ ]" : "[" + node.executionCount() + "]";
    }

    private static String label(CellNode node) {
        String title = node.title();
        if (title.length() > 40) {
            title = title.substring(0, 39) + "…";
        }
        return countOf(node) + " " + title;
    }

    /** Interrupts the current node if it runs, else any running cell on its path. */
    public boolean interrupt() {
        for (String id = current.get(); id != null; id = session.tree().get(id).parentId()) {
            if (session.tree().get(id).status() == CellStatus.RUNNING) {
                return session.interrupt(id);
            }
        }
        return false;
    }

    public void deleteBranch(String id) {
        if (id != null && !id.equals(NotebookTree.ROOT_ID)) {
            session.deleteBranch(id);
        }
        undoable.set(session.history().canUndo());
    }

    public boolean canUndo() {
        return session.history().canUndo();
    }

    /** Whether there is something to undo: the toolbar's Undo and Edit -> Undo follow it. */
    public javafx.beans.property.ReadOnlyBooleanProperty undoableProperty() {
        return undoable;
    }

    public void undo() {
        if (session.history().canUndo()) {
            session.history().undo();
        }
        undoable.set(session.history().canUndo());
    }

    public boolean canRedo() {
        return session.history().canRedo();
    }

    public void redo() {
        if (session.history().canRedo()) {
            session.history().redo();
        }
        undoable.set(session.history().canUndo());
    }

    private String lastChildOf(String parentId) {
        List<CellNode> children = session.tree().children(parentId);
        return children.get(children.size() - 1).id();
    }

    /** Kept up to date from tree changes, not recounted: trees grow to thousands of nodes. */
    private static int runningValue(CellNode node) {
        return node.status() == CellStatus.RUNNING ? 1 : 0;
    }
}
