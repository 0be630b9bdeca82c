package dev.forkbook.ui.tree;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The fork graph's selection for comparing: the current node and the nodes Ctrl+click marked, and the
 * menu entries that act on it (Compare, run a cell on the selected nodes or on all leaves).
 */
final class NodeSelection {

    private final NotebookViewModel model;
    private final NotebookTree tree;
    /** Marked nodes in click order; never the current node. */
    private final ObservableList<String> marked = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyMarked =
            FXCollections.unmodifiableObservableList(marked);
    private ForkGraphView.BranchActions actions;

    NodeSelection(NotebookViewModel model) {
        this.model = model;
        this.tree = model.tree();
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
            }

            @Override
            public void removed(CellNode node) {
                marked.remove(node.id());
            }

            @Override
            public void reloaded() {
                marked.clear();
            }
        });
        model.currentProperty().addListener((obs, old, id) -> marked.remove(id));
    }

    void setActions(ForkGraphView.BranchActions actions) {
        this.actions = actions;
    }

    ObservableList<String> marked() {
        return readOnlyMarked;
    }

    boolean isMarked(String id) {
        return marked.contains(id);
    }

    /** The current node, then the marked ones. */
    List<String> selected() {
        List<String> ids = new ArrayList<>();
        ids.add(model.current());
        ids.addAll(marked);
        return ids;
    }

    /** Marks or unmarks a node; the current node cannot be marked. */
    void toggle(String id) {
        if (marked.contains(id)) {
            marked.remove(id);
        } else if (!id.equals(model.current()) && tree.contains(id)) {
            marked.add(id);
        }
    }

    void clear() {
        marked.clear();
    }

    /** The entries of node {@code id}'s context menu, after a separator; none without actions. */
    List<MenuItem> nodeMenuItems(String id) {
        if (actions == null) {
            return List.of();
        }
        MenuItem compare = new MenuItem("Compare with current");
        compare.setId("graph-compare-current");
        compare.setDisable(id.equals(model.current()));
        compare.setOnAction(e -> actions.compare(model.current(), id));
        List<MenuItem> items = new ArrayList<>(List.of(new SeparatorMenuItem(), compare));
        items.addAll(selectionItems(false));
        return items;
    }

    /** What is offered right after a Ctrl+click that leaves two or more nodes selected. */
    List<MenuItem> offerItems() {
        return actions == null || marked.isEmpty() ? List.of() : selectionItems(true);
    }

    /**
     * Compare (for exactly two selected nodes), run on the selected nodes, and run on all leaves or,
     * in the offer, clear the selection.
     */
    private List<MenuItem> selectionItems(boolean offer) {
        List<String> selected = selected();
        List<MenuItem> items = new ArrayList<>();
        if (selected.size() == 2) {
            MenuItem compare = new MenuItem("Compare " + shortTitle(selected.get(0)) + "  ↔  "
                    + shortTitle(selected.get(1)));
            compare.setId("graph-compare-selected");
            compare.setOnAction(e -> actions.compare(selected.get(0), selected.get(1)));
            items.add(compare);
        }
        MenuItem many = new MenuItem(selected.size() == 1 ? "Run a cell on the selected node…"
                : "Run a cell on the " + selected.size() + " selected nodes…");
        many.setId("graph-run-selected");
        many.setDisable(selected.size() < 2);
        many.setOnAction(e -> actions.runOnMany(selected));
        items.add(many);
        if (offer) {
            MenuItem clear = new MenuItem("Clear selection");
            clear.setId("graph-clear-selection");
            clear.setOnAction(e -> marked.clear());
            items.add(clear);
        } else {
            MenuItem leaves = new MenuItem("Run a cell on all leaves…");
            leaves.setId("graph-run-leaves");
            leaves.setOnAction(e -> actions.runOnLeaves());
            items.add(leaves);
        }
        return items;
    }

    private String shortTitle(String id) {
        CellNode node = tree.get(id);
        String text = NodeStatus.count(node) + " " + ForkGraphView.title(tree, node);
        return text.length() > 40 ? text.substring(0, 39) + "…" : text.strip();
    }
}
