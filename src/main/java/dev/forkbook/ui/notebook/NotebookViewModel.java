package dev.forkbook.ui.notebook;

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
import javafx.beans.property.SimpleObjectProperty;

/**
 * The notebook screen's model: which node is current (the notebook view shows the path to it), how
 * many cells run, what "replay the rest" would re-run, and the commands the views call. Runs on the
 * FX thread.
 */
public final class NotebookViewModel {

    private final NotebookSession session;
    private final ObjectProperty<String> current = new SimpleObjectProperty<>(NotebookTree.ROOT_ID);
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final ObjectProperty<List<CellNode>> replayable = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<NotebookSession.RebuildProgress> rebuilding =
            new SimpleObjectProperty<>();
    private String replayTarget;

    public NotebookViewModel(NotebookSession session) {
        this.session = session;
        session.setRebuildProgress(rebuilding::set);
        session.tree().depthFirst().forEach(node -> running.set(running.get() + runningValue(node)));
        session.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                running.set(running.get() + runningValue(node));
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                running.set(running.get() - runningValue(before) + runningValue(after));
            }

            @Override
            public void removed(CellNode node) {
                running.set(running.get() - runningValue(node));
                if (node.id().equals(current.get())) {
                    current.set(node.parentId() != null && session.tree().contains(node.parentId())
                            ? node.parentId() : NotebookTree.ROOT_ID);
                }
            }
        });
    }

    public NotebookTree tree() {
        return session.tree();
    }

    public NotebookSession session() {
        return session;
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

    /** Cells below a forked cell on the branch the user left, which {@link #replayRest()} re-runs. */
    public ReadOnlyObjectProperty<List<CellNode>> replayableProperty() {
        return replayable;
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
     * Runs an edited cell of the path: the result is a new sibling, the view follows it, and the
     * cells that were below the old one become replayable onto it.
     */
    public CompletableFuture<CellNode> fork(String nodeId, String source) {
        CellNode old = session.tree().get(nodeId);
        List<CellNode> path = session.tree().pathTo(current.get());
        int index = path.indexOf(old);
        List<CellNode> below = index >= 0 ? List.copyOf(path.subList(index + 1, path.size()))
                : List.of();
        CompletableFuture<CellNode> done;
        String created;
        if (old.kind() == CellKind.MARKDOWN) {
            CellNode node = session.addMarkdown(old.parentId(), source);
            created = node.id();
            done = CompletableFuture.completedFuture(node);
        } else {
            done = session.run(old.parentId(), source);
            created = lastChildOf(old.parentId());
        }
        replayTarget = created;
        replayable.set(below);
        current.set(created);
        return done;
    }

    /** Re-runs the cells that were below the forked cell onto the new branch. */
    public CompletableFuture<String> replayRest() {
        List<CellNode> cells = replayable.get();
        String target = replayTarget;
        replayable.set(List.of());
        if (cells.isEmpty() || target == null) {
            return CompletableFuture.completedFuture(current.get());
        }
        return session.replay(cells, target).thenApply(last -> {
            select(last);
            return last;
        });
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
    }

    public boolean canUndo() {
        return session.history().canUndo();
    }

    public void undo() {
        if (session.history().canUndo()) {
            session.history().undo();
        }
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
