package dev.forkbook.ui.notebook;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.cell.CodeEditor;
import dev.forkbook.ui.output.LinkOpener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;

/**
 * The cells on the path from {@code initial} to the current node, like a Jupyter notebook, with an
 * empty cell at the bottom that runs from the current node.
 *
 * <p>The path is a virtualized list: only the cells on screen exist as views, so a path of hundreds
 * of cells opens as fast as a short one. Cell views are cached by node (going back and forth between
 * branches rebuilds nothing) and create their web views only once they are shown.
 */
public final class NotebookView extends StackPane {

    /** The list item that stands for the empty bottom cell. */
    private static final String BOTTOM = "\u0000bottom";

    private final NotebookViewModel model;
    private final Executor background;
    private final Executor fx;
    private final LinkOpener links;
    private final Function<String, CompletableFuture<List<String>>> completer;
    private final ListView<String> list = new ListView<>();
    private final Map<String, CellView> views = new HashMap<>();
    private final Set<CellView> onScreen = new LinkedHashSet<>();
    private final CellView bottom;
    private CellView active;

    public NotebookView(NotebookViewModel model, Executor background, Executor fx, LinkOpener links) {
        this.model = model;
        this.background = background;
        this.fx = fx;
        this.links = links;
        this.completer = prefix -> CompletableFuture.supplyAsync(
                () -> model.session().complete(model.tree().kernelStateFor(model.current()), prefix),
                background);
        getStyleClass().add("notebook-view");
        getStylesheets().addAll(NotebookView.class.getResource("notebook.css").toExternalForm(),
                CodeEditor.stylesheet());
        list.getStyleClass().add("cells");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new PathCell());
        getChildren().add(list);
        bottom = CellView.newCell(background, fx, links, completer);
        bottom.setOnRun(this::runBottom);
        bottom.setOnFocus(view -> active = view);
        model.currentProperty().addListener((obs, old, id) -> showPath());
        model.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                CellView view = views.get(after.id());
                if (view != null) {
                    view.update(after);
                    if (onScreen.contains(view)) {
                        fx.execute(view::materialize);
                    }
                }
            }

            @Override
            public void removed(CellNode node) {
                views.remove(node.id());
            }
        });
        showPath();
    }

    /** The empty bottom cell. */
    public CellView bottomCell() {
        return bottom;
    }

    /** The views of the cells on the path, top to bottom (created if not yet shown). */
    public List<CellView> pathViews() {
        List<CellView> shown = new ArrayList<>();
        for (String id : list.getItems()) {
            if (!id.equals(BOTTOM)) {
                shown.add(viewFor(id));
            }
        }
        return shown;
    }

    /** The cell that last had the keyboard (what the toolbar's Run runs). */
    public CellView activeCell() {
        return active != null ? active : bottom;
    }

    /** Runs the active cell, as the toolbar's Run button does. */
    public void runActive() {
        CellView cell = activeCell();
        if (cell == bottom) {
            runBottom(cell, RunMode.NEXT);
        } else {
            runExisting(cell, RunMode.NEXT);
        }
    }

    /** Prepares the bottom cell for a new cell of that kind and focuses it. */
    public void addCell(CellKind kind) {
        bottom.setKind(kind);
        scrollToBottom();
        // Edit once the list has laid the bottom cell out: an editor changed while off the scene
        // trips a JavaFX text-layout bug.
        fx.execute(bottom::edit);
    }

    /** Scrolls so that the path's cell at {@code index} is at the top. */
    public void scrollTo(int index) {
        list.scrollTo(index);
    }

    private void scrollToBottom() {
        list.scrollTo(list.getItems().size() - 1);
    }

    private void showPath() {
        List<String> ids = new ArrayList<>();
        for (CellNode node : model.tree().pathTo(model.current())) {
            ids.add(node.id());
        }
        ids.add(BOTTOM);
        list.getItems().setAll(ids);
        scrollToBottom();
    }

    private CellView viewFor(String id) {
        if (id.equals(BOTTOM)) {
            return bottom;
        }
        return views.computeIfAbsent(id, key -> {
            CellView view = new CellView(model.tree().get(key), background, fx, links, completer);
            view.setOnRun(this::runExisting);
            view.setOnFocus(focused -> active = focused);
            return view;
        });
    }

    private void runBottom(CellView cell, RunMode mode) {
        String source = cell.sourceText();
        if (source.isBlank()) {
            return;
        }
        CellKind kind = cell.kind();
        cell.clear();
        cell.setKind(CellKind.CODE);
        model.runNew(kind, source);
        afterRun(model.current(), mode);
    }

    private void runExisting(CellView cell, RunMode mode) {
        CellNode node = cell.node();
        if (node == null) {
            return;
        }
        String source = cell.sourceText();
        // The edit now lives in the new sibling; the old cell goes back to showing its own source.
        cell.discardEdits();
        model.fork(node.id(), source);
        afterRun(model.current(), mode);
    }

    private void afterRun(String createdId, RunMode mode) {
        fx.execute(() -> {
            if (mode == RunMode.STAY && views.containsKey(createdId)) {
                views.get(createdId).edit();
            } else {
                scrollToBottom();
                fx.execute(bottom::edit);
            }
        });
    }

    /** Creates the web views of every cell on screen now (they are otherwise made one per turn). */
    public void materializeVisible() {
        List.copyOf(onScreen).forEach(CellView::materialize);
    }

    /** A list cell showing the cached view of one path cell; materializes it once on screen. */
    private final class PathCell extends ListCell<String> {
        private CellView shown;

        PathCell() {
            getStyleClass().add("path-cell");
            prefWidthProperty().bind(list.widthProperty().subtract(20));
        }

        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            if (shown != null) {
                onScreen.remove(shown);
            }
            if (empty || id == null) {
                shown = null;
                setGraphic(null);
                return;
            }
            shown = viewFor(id);
            onScreen.add(shown);
            setGraphic(shown);
            CellView view = shown;
            if (!view.isMaterialized()) {
                fx.execute(view::materialize);
            }
        }
    }
}
