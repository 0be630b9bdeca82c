package dev.forkbook.ui.tree;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.HashMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The fork graph as a tree: root {@code initial}, every cell under the node it ran from, siblings in
 * time order. A node shows its execution count and first line; its status is a CSS pseudo-class
 * ({@code :running}, {@code :error}, {@code :stale}, {@code :markdown}). Selecting a node makes it
 * the current node.
 */
public final class ForkTreeView extends TreeView<String> {

    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass MARKDOWN = PseudoClass.getPseudoClass("markdown");

    private final NotebookTree tree;
    private final Map<String, TreeItem<String>> items = new HashMap<>();
    private boolean syncing;

    public ForkTreeView(NotebookViewModel model) {
        this.tree = model.tree();
        getStyleClass().add("fork-tree");
        getStylesheets().add(ForkTreeView.class.getResource("fork-tree.css").toExternalForm());
        TreeItem<String> root = item(NotebookTree.ROOT_ID);
        setRoot(root);
        for (CellNode node : tree.depthFirst()) {
            if (!node.isRoot()) {
                attach(node);
            }
        }
        setCellFactory(view -> new NodeCell());
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                attach(node);
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                TreeItem<String> item = items.get(after.id());
                if (item != null) {
                    // Re-set the value so the cell re-renders its text and pseudo-classes.
                    item.setValue(null);
                    item.setValue(after.id());
                }
            }

            @Override
            public void removed(CellNode node) {
                TreeItem<String> item = items.remove(node.id());
                if (item != null && item.getParent() != null) {
                    item.getParent().getChildren().remove(item);
                }
            }
        });
        getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
            if (!syncing && selected != null && selected.getValue() != null) {
                model.select(selected.getValue());
            }
        });
        model.currentProperty().addListener((obs, old, id) -> reveal(id));
    }

    /** Selects and scrolls to a node without feeding the selection back into the model. */
    public void reveal(String id) {
        TreeItem<String> item = items.get(id);
        if (item == null) {
            return;
        }
        for (TreeItem<String> parent = item.getParent(); parent != null; parent = parent.getParent()) {
            parent.setExpanded(true);
        }
        syncing = true;
        try {
            getSelectionModel().select(item);
        } finally {
            syncing = false;
        }
        int row = getRow(item);
        if (row >= 0) {
            scrollTo(Math.max(0, row - 3));
        }
    }

    /** The item of a node, for tests and keyboard navigation. */
    public TreeItem<String> itemOf(String id) {
        return items.get(id);
    }

    private TreeItem<String> item(String id) {
        TreeItem<String> item = new TreeItem<>(id);
        item.setExpanded(true);
        items.put(id, item);
        return item;
    }

    private void attach(CellNode node) {
        TreeItem<String> parent = items.get(node.parentId());
        if (parent == null || items.containsKey(node.id())) {
            return;
        }
        int index = tree.siblingIndex(node.id());
        parent.getChildren().add(Math.min(index, parent.getChildren().size()), item(node.id()));
    }

    /** Label text for a node: {@code [n] first line}. */
    static String label(CellNode node) {
        if (node.isRoot()) {
            return "initial";
        }
        String count = node.status() == CellStatus.RUNNING ? "[*]"
                : node.kind() == CellKind.MARKDOWN ? "[md]"
                : node.executionCount() == null ? "[ ]" : "[" + node.executionCount() + "]";
        String title = node.title();
        return count + " " + (title.length() > 60 ? title.substring(0, 57) + "..." : title);
    }

    private final class NodeCell extends TreeCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            CellNode node = empty || id == null || !tree.contains(id) ? null : tree.get(id);
            setText(node == null ? null : label(node));
            pseudoClassStateChanged(RUNNING, node != null && node.status() == CellStatus.RUNNING);
            pseudoClassStateChanged(ERROR, node != null && node.status() == CellStatus.ERROR);
            pseudoClassStateChanged(STALE, node != null && node.status() == CellStatus.NOT_LIVE);
            pseudoClassStateChanged(MARKDOWN, node != null && node.kind() == CellKind.MARKDOWN);
        }
    }
}
