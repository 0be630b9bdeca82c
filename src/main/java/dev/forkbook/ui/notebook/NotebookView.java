package dev.forkbook.ui.notebook;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.output.LinkOpener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The cells on the path from {@code initial} to the current node, like a Jupyter notebook, with an
 * empty cell at the bottom that runs from the current node. Cell views are cached by node, so going
 * back and forth between branches rebuilds nothing; web views are created only for cells that
 * scroll into view.
 */
public final class NotebookView extends ScrollPane {

    private final NotebookViewModel model;
    private final Executor background;
    private final Executor fx;
    private final LinkOpener links;
    private final Function<String, CompletableFuture<List<String>>> completer;
    private final VBox cells = new VBox(10);
    private final Map<String, CellView> views = new HashMap<>();
    private final CellView bottom;
    private CellView active;
    private boolean materializeQueued;

    public NotebookView(NotebookViewModel model, Executor background, Executor fx, LinkOpener links) {
        this.model = model;
        this.background = background;
        this.fx = fx;
        this.links = links;
        this.completer = prefix -> CompletableFuture.supplyAsync(
                () -> model.session().complete(model.tree().kernelStateFor(model.current()), prefix),
                background);
        getStyleClass().add("notebook-view");
        getStylesheets().add(NotebookView.class.getResource("notebook.css").toExternalForm());
        setFitToWidth(true);
        cells.getStyleClass().add("cells");
        setContent(cells);
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
                    queueMaterialize();
                }
            }

            @Override
            public void removed(CellNode node) {
                views.remove(node.id());
            }
        });
        vvalueProperty().addListener((obs, old, value) -> queueMaterialize());
        viewportBoundsProperty().addListener((obs, old, value) -> queueMaterialize());
        showPath();
    }

    /** The empty bottom cell. */
    public CellView bottomCell() {
        return bottom;
    }

    /** The cell views currently shown, top to bottom, without the bottom cell. */
    public List<CellView> pathViews() {
        List<CellView> shown = new ArrayList<>();
        for (Node child : cells.getChildren()) {
            if (child != bottom) {
                shown.add((CellView) child);
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
        bottom.edit();
        setVvalue(getVmax());
    }

    private void showPath() {
        List<Node> shown = new ArrayList<>();
        for (CellNode node : model.tree().pathTo(model.current())) {
            shown.add(views.computeIfAbsent(node.id(), id -> newView(node)));
        }
        shown.add(bottom);
        cells.getChildren().setAll(shown);
        queueMaterialize();
    }

    private CellView newView(CellNode node) {
        CellView view = new CellView(node, background, fx, links, completer);
        view.setOnRun(this::runExisting);
        view.setOnFocus(focused -> active = focused);
        return view;
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
        cell.update(node);
        model.fork(node.id(), source);
        afterRun(model.current(), mode);
    }

    private void afterRun(String createdId, RunMode mode) {
        fx.execute(() -> {
            if (mode == RunMode.STAY && views.containsKey(createdId)) {
                views.get(createdId).edit();
            } else {
                bottom.edit();
                setVvalue(getVmax());
            }
        });
    }

    private void queueMaterialize() {
        if (!materializeQueued) {
            materializeQueued = true;
            fx.execute(() -> {
                materializeQueued = false;
                materializeVisible();
            });
        }
    }

    /** Creates web views for cells that intersect the viewport (and a screen below it). */
    public void materializeVisible() {
        Bounds viewport = getViewportBounds();
        double contentHeight = cells.getLayoutBounds().getHeight();
        double top = Math.max(0, (contentHeight - viewport.getHeight()) * getVvalue());
        double bottomEdge = top + viewport.getHeight() * 2;
        for (CellView view : pathViews()) {
            Bounds bounds = view.getBoundsInParent();
            if (bounds.getMaxY() >= top && bounds.getMinY() <= bottomEdge) {
                view.materialize();
            }
        }
    }
}
