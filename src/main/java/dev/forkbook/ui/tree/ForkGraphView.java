package dev.forkbook.ui.tree;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.ModifiableObservableListBase;
import javafx.css.PseudoClass;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The fork graph as a commit graph: one recycled row per node in depth-first order, its lanes and
 * edges drawn on a small canvas from a {@link LaneLayout} computed once per change of the tree. The
 * current node has a marker that does not depend on focus or selection, and the path from
 * {@code initial} to it is drawn highlighted. The list's selection is only a keyboard cursor:
 * a click or Enter makes a node current. Ctrl+click marks further nodes: the current node and the
 * marked ones are what Compare and "Run a cell on selected nodes" act on ({@link NodeSelection}).
 */
public final class ForkGraphView extends ListView<LaneLayout.Row> {

    static final double ROW_HEIGHT = 24;
    static final double LANE_WIDTH = 14;
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass ON_PATH = PseudoClass.getPseudoClass("on-path");
    private static final PseudoClass COLLAPSED = PseudoClass.getPseudoClass("collapsed");
    private static final PseudoClass MARKED = PseudoClass.getPseudoClass("marked");
    /** Lane colours readable on light and dark backgrounds. */
    private static final Color[] LANES = {Color.web("#4c8dd6"), Color.web("#d9822b"),
        Color.web("#3fa66b"), Color.web("#a86cc1"), Color.web("#d0534f"), Color.web("#2aa1a8"),
        Color.web("#b59a2a"), Color.web("#7f8c9a")};
    private static final Color PATH = Color.web("#f0467a");

    private final NotebookViewModel model;
    private final NotebookTree tree;
    /** The collapsed nodes the current layout was made with (the tree holds the saved set). */
    private Set<String> laidOutCollapsed = Set.of();
    private final RowList rows = new RowList();
    private Set<String> path = Set.of();
    /** Counts changes of the current node, so rows know when their drawing is out of date. */
    private long pathVersion;
    /** Counts changes of the marked nodes, for the same reason. */
    private long markVersion;
    private LaneLayout layout;
    /** Set by a change of the tree's shape: the layout is recomputed once, at the next layout pass. */
    private boolean shapeChanged;
    /** The row to keep in place across a relayout: its node and its y in the list, or null. */
    private String anchor;
    private double anchorY;
    /** Every row cell the list made; few (about one screenful), so a redraw visits them all. */
    private final List<GraphCell> cells = new ArrayList<>();
    private double pointerY = -1;
    private ContextMenu openMenu;
    private Consumer<String> onRunFrom = id -> { };
    private final NodeSelection selection;

    public ForkGraphView(NotebookViewModel model) {
        this.model = model;
        this.tree = model.tree();
        this.selection = new NodeSelection(model);
        getStyleClass().add("fork-graph");
        getStylesheets().add(ForkGraphView.class.getResource("fork-graph.css").toExternalForm());
        setFixedCellSize(ROW_HEIGHT);
        setItems(rows);
        setCellFactory(view -> {
            GraphCell cell = new GraphCell();
            cells.add(cell);
            return cell;
        });
        path = pathSet(model.current());
        relayout();
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                shapeChanged();
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                if (tree.isCollapsed(after.id()) != laidOutCollapsed.contains(after.id())) {
                    shapeChanged();
                }
                redraw(after.id());
            }

            @Override
            public void removed(CellNode node) {
                shapeChanged();
            }

            @Override
            public void reloaded() {
                shapeChanged();
            }
        });
        model.currentProperty().addListener((obs, old, id) -> currentChanged());
        selection.marked().addListener((javafx.collections.ListChangeListener<String>) change -> {
            markVersion++;
            redraw(null);
        });
        model.session().addEvictionListener(this::redraw);
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        addEventFilter(MouseEvent.MOUSE_MOVED, e -> pointerY = e.getY());
        addEventFilter(MouseEvent.MOUSE_EXITED, e -> pointerY = -1);
        reveal(model.current());
    }

    /** What "Run from here" does after making the node current (the window focuses a new cell). */
    public void setOnRunFrom(Consumer<String> action) {
        this.onRunFrom = action;
    }

    /** What the graph's compare and many-branches entries open (the window wires it). */
    public interface BranchActions {

        /** Shows how node {@code b}'s state differs from node {@code a}'s. */
        void compare(String a, String b);

        /** Offers to run one cell on each of {@code nodeIds}. */
        void runOnMany(List<String> nodeIds);

        /** Offers to run one cell on every leaf. */
        void runOnLeaves();
    }

    /** Enables the Compare and "Run a cell on…" entries; without actions they are not offered. */
    public void setBranchActions(BranchActions actions) {
        selection.setActions(actions);
    }

    /** The nodes marked by Ctrl+click, in click order (the current node is never among them). */
    public javafx.collections.ObservableList<String> markedNodes() {
        return selection.marked();
    }

    /** The current node, then the marked ones: what Compare and "Run on selected" act on. */
    public List<String> selectedNodes() {
        return selection.selected();
    }

    /** The row a node is drawn in, or -1 when it is hidden in a collapsed subtree. */
    public int rowOf(String id) {
        ensureLayout();
        return layout.rowOf(id);
    }

    /** The current layout, for tests. */
    public LaneLayout laneLayout() {
        ensureLayout();
        return layout;
    }

    /** The node under the keyboard cursor, or null. */
    public String cursor() {
        LaneLayout.Row row = getSelectionModel().getSelectedItem();
        return row == null ? null : row.id();
    }

    public boolean isCollapsed(String id) {
        return tree.isCollapsed(id);
    }

    /** Hides or shows the nodes below a node (saved with the notebook). */
    public void setCollapsed(String id, boolean hide) {
        if (tree.isCollapsed(id) != hide) {
            tree.setCollapsed(id, hide);
            shapeChanged();
            ensureLayout();
        }
    }

    /** Selects the node's row and scrolls it into view if it is not visible. */
    public void reveal(String id) {
        ensureLayout();
        int row = layout.rowOf(id);
        if (row < 0) {
            return;
        }
        getSelectionModel().clearAndSelect(row);
        getFocusModel().focus(row);
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            anchor = null;
            scrollTo(Math.max(0, row - 3));
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first == null || last == null || row <= first.getIndex() || row >= last.getIndex()) {
            // Showing the current node wins over keeping the old top row in place.
            anchor = null;
            scrollTo(Math.max(0, row - 3));
        }
    }

    private void currentChanged() {
        path = pathSet(model.current());
        pathVersion++;
        ensureLayout();
        redraw(null);
        if (!collapsedAbove(model.current())) {
            reveal(model.current());
        } else {
            expandTo(model.current());
        }
    }

    private boolean collapsedAbove(String id) {
        return layout.rowOf(id) < 0 && tree.contains(id);
    }

    private void expandTo(String id) {
        for (String up = tree.get(id).parentId(); up != null; up = tree.get(up).parentId()) {
            tree.setCollapsed(up, false);
        }
        shapeChanged();
        reveal(id);
    }

    private Set<String> pathSet(String id) {
        Set<String> ids = new HashSet<>();
        if (id == null || !tree.contains(id)) {
            return ids;
        }
        ids.add(NotebookTree.ROOT_ID);
        for (CellNode node : tree.pathTo(id)) {
            ids.add(node.id());
        }
        return ids;
    }

    private void shapeChanged() {
        shapeChanged = true;
        requestLayout();
    }

    /** Lays the graph out again if its shape changed since; many changes cost one relayout. */
    private void ensureLayout() {
        if (!shapeChanged) {
            return;
        }
        shapeChanged = false;
        rememberAnchor();
        relayout();
    }

    @Override
    protected void layoutChildren() {
        ensureLayout();
        super.layoutChildren();
        // Once the flow knows the new row count: keep the remembered row where it was.
        VirtualFlow<?> flow = flow();
        if (anchor != null && flow != null) {
            int row = layout.rowOf(anchor);
            IndexedCell<?> first = flow.getFirstVisibleCell();
            anchor = null;
            if (row >= 0 && first != null) {
                double y = first.getLayoutY() + (row - first.getIndex()) * ROW_HEIGHT;
                if (Math.abs(y - anchorY) > 0.5) {
                    flow.scrollPixels(y - anchorY);
                }
            }
        }
    }

    /** The row under the pointer, else the top row, and where it is now. */
    private void rememberAnchor() {
        VirtualFlow<?> flow = flow();
        if (flow == null || getItems().isEmpty() || anchor != null) {
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first == null || first.getIndex() < 0 || first.getIndex() >= getItems().size()) {
            return;
        }
        int offsetRows = pointerY < 0 ? 0 : (int) Math.floor((pointerY - first.getLayoutY())
                / ROW_HEIGHT);
        int index = Math.max(0, Math.min(getItems().size() - 1, first.getIndex() + offsetRows));
        anchor = getItems().get(index).id();
        anchorY = first.getLayoutY() + (index - first.getIndex()) * ROW_HEIGHT;
    }

    private void relayout() {
        laidOutCollapsed = Set.copyOf(tree.collapsedIds());
        layout = LaneLayout.of(NotebookTree.ROOT_ID, tree::childIds, laidOutCollapsed);
        String cursor = cursor();
        replaceChangedRows(layout.rows());
        int row = cursor == null ? -1 : layout.rowOf(cursor);
        if (row >= 0 && getSelectionModel().getSelectedIndex() != row) {
            getSelectionModel().clearAndSelect(row);
        }
    }

    /**
     * Puts the new rows in the list changing only the run between the unchanged rows at both ends
     * (one added node changes its own row and the rows its new edge passes), in one change, so the
     * list's cells for every other row keep their item and are not restyled.
     */
    private void replaceChangedRows(List<LaneLayout.Row> rows) {
        List<LaneLayout.Row> items = getItems();
        int start = 0;
        int limit = Math.min(items.size(), rows.size());
        while (start < limit && items.get(start).equals(rows.get(start))) {
            start++;
        }
        int endOld = items.size();
        int endNew = rows.size();
        while (endOld > start && endNew > start
                && items.get(endOld - 1).equals(rows.get(endNew - 1))) {
            endOld--;
            endNew--;
        }
        if (start < endOld || start < endNew) {
            this.rows.replace(start, endOld, rows.subList(start, endNew));
        }
    }

    /** The list's items, changed in place by one event per relayout (ListView's lists need two). */
    private static final class RowList extends ModifiableObservableListBase<LaneLayout.Row> {

        private final List<LaneLayout.Row> rows = new ArrayList<>();

        void replace(int from, int to, List<LaneLayout.Row> with) {
            beginChange();
            try {
                for (int i = from; i < to; i++) {
                    nextRemove(from, rows.remove(from));
                }
                rows.addAll(from, with);
                nextAdd(from, from + with.size());
            } finally {
                endChange();
            }
        }

        @Override
        public LaneLayout.Row get(int index) {
            return rows.get(index);
        }

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        protected void doAdd(int index, LaneLayout.Row element) {
            rows.add(index, element);
        }

        @Override
        protected LaneLayout.Row doSet(int index, LaneLayout.Row element) {
            return rows.set(index, element);
        }

        @Override
        protected LaneLayout.Row doRemove(int index) {
            return rows.remove(index);
        }
    }

    /** Redraws the rows showing {@code id} (every row when null) without touching the list. */
    private void redraw(String id) {
        for (GraphCell cell : cells) {
            LaneLayout.Row row = cell.getItem();
            if (row != null && (id == null || row.id().equals(id))) {
                cell.render(row);
            }
        }
    }

    private VirtualFlow<?> flow() {
        return lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    private void onKey(KeyEvent event) {
        String at = cursor();
        if (at == null) {
            return;
        }
        CellNode node = tree.get(at);
        String target = null;
        if (event.getCode() == KeyCode.LEFT) {
            target = node.parentId();
        } else if (event.getCode() == KeyCode.RIGHT) {
            if (tree.isCollapsed(at)) {
                setCollapsed(at, false);
            }
            target = childTowardsCurrent(at);
        } else if (event.getCode() == KeyCode.ENTER) {
            model.select(at);
            event.consume();
            return;
        } else if (event.getCode() == KeyCode.CONTEXT_MENU
                || (event.getCode() == KeyCode.F10 && event.isShiftDown())) {
            showMenuFor(at);
            event.consume();
            return;
        } else {
            return;
        }
        event.consume();
        if (target != null) {
            int row = layout.rowOf(target);
            if (row >= 0) {
                getSelectionModel().clearAndSelect(row);
                getFocusModel().focus(row);
                scrollIntoView(row);
            }
        }
    }

    private void scrollIntoView(int row) {
        VirtualFlow<?> flow = flow();
        if (flow != null) {
            flow.scrollTo(row);
        }
    }

    /** The child on the path to the current node, else the oldest child. */
    private String childTowardsCurrent(String id) {
        List<CellNode> kids = tree.children(id);
        for (CellNode kid : kids) {
            if (path.contains(kid.id())) {
                return kid.id();
            }
        }
        return kids.isEmpty() ? null : kids.get(0).id();
    }

    private ContextMenu menuFor(String id) {
        CellNode node = tree.get(id);
        MenuItem run = new MenuItem("Run from here");
        run.setId("graph-run-from");
        run.setOnAction(e -> {
            model.select(id);
            onRunFrom.accept(id);
        });
        MenuItem rename = new MenuItem("Rename…");
        rename.setId("graph-rename");
        rename.setDisable(node.isRoot());
        rename.setOnAction(e -> rename(id));
        MenuItem copy = new MenuItem("Copy state name");
        copy.setId("graph-copy-state");
        copy.setDisable(node.kind() != CellKind.CODE || !node.isLive());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(id);
            Clipboard.getSystemClipboard().setContent(content);
        });
        boolean isCollapsed = tree.isCollapsed(id);
        MenuItem fold = new MenuItem(isCollapsed ? "Expand subtree" : "Collapse subtree");
        fold.setId("graph-collapse");
        fold.setDisable(tree.children(id).isEmpty());
        fold.setOnAction(e -> setCollapsed(id, !isCollapsed));
        MenuItem delete = new MenuItem("Delete branch");
        delete.setId("graph-delete");
        delete.setDisable(node.isRoot());
        delete.setOnAction(e -> model.deleteBranch(id));
        ContextMenu menu = new ContextMenu(run, rename, copy, fold);
        menu.getItems().addAll(selection.nodeMenuItems(id));
        menu.getItems().addAll(new SeparatorMenuItem(), delete);
        return menu;
    }

    private void showMenuFor(String id) {
        int row = layout.rowOf(id);
        VirtualFlow<?> flow = flow();
        IndexedCell<?> cell = flow == null || row < 0 ? null : flow.getVisibleCell(row);
        if (cell != null) {
            var bounds = cell.localToScreen(cell.getBoundsInLocal());
            menuFor(id).show(cell, bounds.getMinX() + 40, bounds.getMaxY());
        }
    }

    /** Asks for a name; an empty one removes it. */
    public void rename(String id) {
        TextInputDialog dialog = new TextInputDialog(tree.label(id) == null ? ""
                : tree.label(id));
        dialog.setTitle("Rename");
        dialog.setHeaderText("Name for " + NodeStatus.count(tree.get(id)) + " "
                + tree.get(id).title());
        dialog.getDialogPane().setId("rename-dialog");
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        dialog.showAndWait().ifPresent(name -> tree.setLabel(id, name));
    }

    /** The text a row shows after its count: the label, else the first line of code. */
    static String title(NotebookTree tree, CellNode node) {
        if (node.isRoot()) {
            return "initial";
        }
        String label = tree.label(node.id());
        return label != null ? label : node.title();
    }

    /** The whole cell, how long it ran and the start of what it printed. */
    static String tooltipText(NotebookTree tree, CellNode node) {
        if (node.isRoot()) {
            return "initial: the empty state every notebook starts from";
        }
        StringBuilder text = new StringBuilder();
        String label = tree.label(node.id());
        if (label != null) {
            text.append(label).append("\n\n");
        }
        String source = node.source();
        text.append(source.length() > 2000 ? source.substring(0, 2000) + "\n…" : source);
        text.append("\n\n");
        String word = NodeStatus.word(node);
        if (node.kind() == CellKind.CODE) {
            text.append(node.executionCount() == null ? "not run"
                    : "ran in " + DurationText.of(node.durationMs()));
            if (!word.isEmpty()) {
                text.append(" · ").append(word);
            }
            String first = FirstOutput.of(node);
            if (!first.isEmpty()) {
                text.append("\n").append(first);
            }
        } else {
            text.append("markdown");
        }
        return text.toString();
    }

    /** One row: the lanes canvas, then count, title, state name and status word. */
    private final class GraphCell extends ListCell<LaneLayout.Row> {

        private final Canvas lanes = new Canvas(LANE_WIDTH, ROW_HEIGHT);
        private final Label count = new Label();
        private final Label title = new Label();
        private final Label name = new Label();
        private final Label word = new Label();
        private final HBox box = new HBox(4, lanes, count, name, title, word);
        private final Pane frame = new Pane(box) {
            @Override
            protected void layoutChildren() {
                box.resizeRelocate(0, 0, getWidth(), getHeight());
            }
        };
        private final Tooltip tooltip = new Tooltip();
        /** The tooltip's text without the reads and writes. */
        private String cellTip = "";

        GraphCell() {
            getStyleClass().add("graph-row");
            count.getStyleClass().add("node-count");
            title.getStyleClass().add("node-title");
            name.getStyleClass().add("state-name");
            word.getStyleClass().add("node-status");
            title.setMinWidth(0);
            // Rows take the list's width, never their text's: long titles end in "…", the state
            // name and the status word stay whole, and the list never scrolls sideways.
            setPrefWidth(0);
            count.setMinWidth(Region.USE_PREF_SIZE);
            name.setMinWidth(Region.USE_PREF_SIZE);
            word.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(title, Priority.ALWAYS);
            title.setMaxWidth(Double.MAX_VALUE);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            // The box is not managed by its frame: a new text in a label then lays out only the
            // box, and the list does not restyle the whole row when it gives the cell another node
            // (it restyles a cell that asks for layout).
            box.setManaged(false);
            frame.setMinSize(0, 0);
            tooltip.setShowDelay(Duration.millis(400));
            tooltip.setShowDuration(Duration.seconds(30));
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(520);
            tooltip.getStyleClass().add("graph-tooltip");
            tooltip.setOnShowing(e -> addReadsAndWrites());
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null
                        && e.isShortcutDown()) {
                    selection.toggle(getItem().id());
                    offerSelection(e.getScreenX(), e.getScreenY());
                } else if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                    selection.clear();
                    model.select(getItem().id());
                } else if (e.getButton() == MouseButton.SECONDARY) {
                    // Where the platform sends no context-menu request for a right click.
                    openMenu(e.getScreenX(), e.getScreenY());
                }
            });
            setOnContextMenuRequested(e -> {
                openMenu(e.getScreenX(), e.getScreenY());
                e.consume();
            });
        }

        /** After a Ctrl+click that leaves two or more nodes selected: what to do with them. */
        private void offerSelection(double screenX, double screenY) {
            List<MenuItem> offer = selection.offerItems();
            if (offer.isEmpty()) {
                return;
            }
            if (openMenu != null) {
                openMenu.hide();
            }
            openMenu = new ContextMenu();
            openMenu.getItems().addAll(offer);
            openMenu.show(this, screenX, screenY);
        }

        /** Reads and writes come from the kernel: asked for when the tooltip opens. */
        private void addReadsAndWrites() {
            LaneLayout.Row row = getItem();
            if (row == null || !tree.contains(row.id()) || tree.get(row.id()).isRoot()
                    || !tree.get(row.id()).isLive()) {
                return;
            }
            String base = cellTip;
            model.session().provenance(row.id()).thenAccept(found -> found.ifPresent(provenance -> {
                if (getItem() == row && base.equals(cellTip)) {
                    // Built from the cell's own text: opening the tooltip again never adds twice.
                    tooltip.setText(base + ReadsAndWrites.text(provenance));
                }
            }));
        }

        private void openMenu(double screenX, double screenY) {
            if (getItem() == null || openMenu != null && openMenu.isShowing()) {
                return;
            }
            getListView().getSelectionModel().clearAndSelect(getIndex());
            openMenu = menuFor(getItem().id());
            openMenu.show(this, screenX, screenY);
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            double left = snappedLeftInset();
            double top = snappedTopInset();
            frame.resizeRelocate(left, top, Math.max(0, getWidth() - left - snappedRightInset()),
                    Math.max(0, getHeight() - top - snappedBottomInset()));
        }

        @Override
        protected void updateItem(LaneLayout.Row row, boolean empty) {
            super.updateItem(row, empty);
            render(empty ? null : row);
        }

        /** What the row was last drawn from; drawing again from the same is skipped. */
        private Object[] drawn;

        void render(LaneLayout.Row row) {
            CellNode node = row == null || !tree.contains(row.id()) ? null : tree.get(row.id());
            boolean evicted = node != null && model.session().isEvicted(row.id());
            Object[] key = node == null ? null : new Object[] {row, node,
                tree.label(row.id()), pathVersion, layout.width(), markVersion, evicted};
            if (key != null && java.util.Arrays.equals(key, drawn)) {
                return;
            }
            drawn = key;
            // Each pseudo-class is set once to its final state, so unchanged rows restyle nothing.
            List<PseudoClass> wanted = node == null ? List.of()
                    : NodeStatus.pseudoClasses(node, evicted);
            for (PseudoClass pseudo : NodeStatus.all()) {
                pseudoClassStateChanged(pseudo, wanted.contains(pseudo));
            }
            if (node == null) {
                setGraphic(null);
                setTooltip(null);
                pseudoClassStateChanged(CURRENT, false);
                pseudoClassStateChanged(ON_PATH, false);
                pseudoClassStateChanged(COLLAPSED, false);
                pseudoClassStateChanged(MARKED, false);
                return;
            }
            pseudoClassStateChanged(MARKED, selection.isMarked(row.id()));
            pseudoClassStateChanged(CURRENT, row.id().equals(model.current()));
            pseudoClassStateChanged(ON_PATH, path.contains(row.id()));
            pseudoClassStateChanged(COLLAPSED, row.hidden() > 0);
            count.setText(NodeStatus.count(node));
            title.setText(ForkGraphView.title(tree, node)
                    + (row.hidden() > 0 ? "  (+" + row.hidden() + " hidden)" : ""));
            String given = NodeStatus.givenName(node);
            name.setText(given == null ? "" : given);
            name.setVisible(given != null);
            name.setManaged(given != null);
            String status = NodeStatus.word(node, evicted);
            word.setText(status);
            word.setVisible(!status.isEmpty());
            word.setManaged(!status.isEmpty());
            cellTip = tooltipText(tree, node);
            tooltip.setText(cellTip);
            setTooltip(tooltip);
            setText(null);
            draw(row, node);
            setGraphic(frame);
        }

        private void draw(LaneLayout.Row row, CellNode node) {
            double width = Math.max(1, layout.width()) * LANE_WIDTH + 4;
            lanes.setWidth(width);
            GraphicsContext g = lanes.getGraphicsContext2D();
            g.clearRect(0, 0, width, ROW_HEIGHT);
            double mid = ROW_HEIGHT / 2;
            double x = x(row.lane());
            for (LaneLayout.Edge edge : row.through()) {
                stroke(g, edge.lane(), path.contains(edge.child()));
                g.strokeLine(x(edge.lane()), 0, x(edge.lane()), ROW_HEIGHT);
            }
            if (row.fromAbove()) {
                stroke(g, row.lane(), path.contains(row.id()));
                g.strokeLine(x, 0, x, mid);
            }
            if (row.firstChild() != null) {
                stroke(g, row.lane(), path.contains(row.firstChild()));
                g.strokeLine(x, mid, x, ROW_HEIGHT);
            }
            for (LaneLayout.Edge edge : row.branches()) {
                stroke(g, edge.lane(), path.contains(edge.child()));
                double to = x(edge.lane());
                // Out of the dot to the right, then a quarter turn down into the child's lane.
                g.beginPath();
                g.moveTo(x, mid);
                g.lineTo(to - LANE_WIDTH / 2, mid);
                g.quadraticCurveTo(to, mid, to, ROW_HEIGHT);
                g.stroke();
            }
            boolean current = row.id().equals(model.current());
            double radius = current ? 6 : 4.5;
            Color fill = path.contains(row.id()) ? PATH : LANES[row.lane() % LANES.length];
            if (node.kind() == CellKind.MARKDOWN) {
                g.setFill(fill);
                g.fillRect(x - radius + 1, mid - radius + 1, 2 * radius - 2, 2 * radius - 2);
            } else {
                g.setFill(fill);
                g.fillOval(x - radius, mid - radius, 2 * radius, 2 * radius);
            }
            if (current) {
                g.setLineWidth(2);
                g.setStroke(Color.web("#111111"));
                g.strokeOval(x - radius - 2, mid - radius - 2, 2 * radius + 4, 2 * radius + 4);
                g.setStroke(Color.WHITE);
                g.setLineWidth(1);
                g.strokeOval(x - radius - 0.5, mid - radius - 0.5, 2 * radius + 1, 2 * radius + 1);
            }
        }

        private void stroke(GraphicsContext g, int lane, boolean onPath) {
            g.setStroke(onPath ? PATH : LANES[lane % LANES.length]);
            g.setLineWidth(onPath ? 3 : 1.5);
        }

        private double x(int lane) {
            return lane * LANE_WIDTH + LANE_WIDTH / 2 + 2;
        }
    }
}
