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
import dev.forkbook.notebook.NotebookSession;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyEvent;
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
    /** Cells whose web views wait for the window's first frame (see materializeSoon). */
    private final List<CellView> waitingForFirstFrame = new ArrayList<>();
    private boolean firstFrameLaidOut;
    private boolean watchingFirstFrame;
    private final LinkOpener links;
    private final Function<String, CompletableFuture<List<String>>> completer;
    private final ListView<String> list = new ListView<>();
    private final Map<String, CellView> views = new HashMap<>();
    private final Set<CellView> onScreen = new LinkedHashSet<>();
    private final CellView bottom;
    private CellView active;
    /** True while this view's own action moves the path: the action places the focus itself. */
    private boolean acting;
    private long lastDPress;
    private CellView lastDCell;
    private int revealIndex;
    private int revealAttempts;
    /**
     * The cell that should own the keyboard (in edit mode when {@link #wantedEdit}) and stay in
     * view, after every layout, until the user clicks or scrolls or another cell is asked for: the
     * list re-lays out, outputs grow and path cells move after the request, and the first focus
     * request often reaches an editor that is not (yet, or any more) in the scene.
     */
    private CellView wanted;
    private boolean wantedEdit;

    public NotebookView(NotebookViewModel model, Executor background, Executor fx, LinkOpener links) {
        this.model = model;
        this.background = background;
        this.fx = fx;
        // Outputs wait for the window's first frames only while it is new (see materializeSoon).
        list.sceneProperty().addListener((obs, old, scene) -> watchFirstFrame(scene));
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
        Runnable afterLayout = () -> {
            if (!holdWanted()) {
                checkRevealed();
            }
        };
        // The user's own scrolling wins over keeping the wanted cell in view.
        list.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> wanted = null);
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
                old.focusOwnerProperty().removeListener(keepKeyboard);
                old.removeEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, clicked);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
                scene.focusOwnerProperty().addListener(keepKeyboard);
                scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, clicked);
            }
        });
        bottom = CellView.newCell(background, fx, links, completer);
        bottom.setOnRun(this::runBottom);
        bottom.setOnFocus(view -> active = view);
        bottom.setOnFocusRequest(this::wanted);
        bottom.setOnCommandKey(this::onCommandKey);
        bottom.showCaption(model.captionProperty());
        bottom.setOnContextMenuRequested(e -> contextMenu(bottom).show(bottom, e.getScreenX(),
                e.getScreenY()));
        model.currentProperty().addListener((obs, old, id) -> showPath(!acting));
        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (RunKeys.isRunAllPending(event)) {
                event.consume();
                runAllPending();
            }
        });
        model.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                CellView view = views.get(after.id());
                if (view != null) {
                    // A cell that grows (outputs arrive) must not push the active cell (often
                    // the bottom one, where the user types next) below the fold.
                    CellView followed = activeCell();
                    boolean typing = typingInBottom();
                    boolean follow = (typing && followed == bottom) || isOnScreen(followed);
                    view.update(after);
                    int index = list.getItems().indexOf(followed == bottom ? BOTTOM
                            : followed.node() == null ? "" : followed.node().id());
                    if (follow && index >= 0) {
                        reveal(index);
                    }
                    if (onScreen.contains(view)) {
                        fx.execute(view::materialize);
                    }
                    if (typing) {
                        // Outputs laid out late (images, web pages) never keep the keyboard.
                        fx.execute(() -> keepTypingInBottom());
                    }
                }
            }

            @Override
            public void removed(CellNode node) {
                views.remove(node.id());
            }
        });
        model.session().addMarkListener(ids -> {
            for (String id : ids) {
                CellView view = views.get(id);
                if (view != null) {
                    view.refreshMark();
                }
            }
        });
        showPath(true);
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
        runActive(RunMode.NEXT);
    }

    /** Runs the active cell and moves on as {@code mode} says (Shift/Ctrl/Alt+Enter). */
    public void runActive(RunMode mode) {
        CellView cell = activeCell();
        if (cell == bottom) {
            runBottom(cell, mode);
        } else {
            runExisting(cell, mode);
        }
    }

    /** Runs the pending cells of the path onto its branch; the keyboard stays where it was. */
    public void runAllPending() {
        model.runAllPending();
        focusActive();
    }

    /** Runs only the pending cells the edit affects; the keyboard stays where it was. */
    public void runAffected() {
        model.runAffected();
        focusActive();
    }

    /**
     * Shows a cell of the path (scrolled into view and selected in command mode), as the Variables
     * pane's "set by" link asks; returns false when the cell is not on the path.
     */
    public boolean showCell(String id) {
        if (!list.getItems().contains(id)) {
            return false;
        }
        focusItem(id, false);
        return true;
    }

    /**
     * Adds a cell of that kind below the active path cell (pending, like an insert in Jupyter), or
     * prepares the bottom cell when the active cell is the last one; focuses it for typing.
     */
    public void addCell(CellKind kind) {
        CellView cell = activeCell();
        if (cell != bottom && cell.node() != null && !isLast(cell)
                && model.tree().contains(cell.node().id())) {
            insert(cell, true, kind, true);
            return;
        }
        bottom.setKind(kind);
        focusBottom();
    }

    /** Prepares the bottom input cell for a new cell of that kind and focuses it for typing. */
    public void editBottom(CellKind kind) {
        bottom.setKind(kind);
        focusBottom();
    }

    /** Inserts a code cell above ({@code below} false) or below the active cell (A / B). */
    public void insertAtActive(boolean below) {
        CellView cell = activeCell();
        if (cell == bottom || cell.node() == null) {
            focusBottom();
            return;
        }
        insert(cell, below, CellKind.CODE, false);
    }

    /** Deletes the active cell from the path (DD). */
    public void deleteActive() {
        CellView cell = activeCell();
        if (cell == bottom || cell.node() == null) {
            bottom.clear();
            bottom.commandMode();
            return;
        }
        int index = list.getItems().indexOf(cell.node().id());
        act(() -> model.deleteFromPath(cell.node().id()));
        List<String> items = list.getItems();
        focusItem(items.get(Math.max(0, Math.min(index, items.size() - 1))), false);
    }

    /** Turns the active cell into code (Y) or markdown (M). */
    public void changeActiveKind(CellKind kind) {
        CellView cell = activeCell();
        if (cell == bottom || cell.node() == null) {
            bottom.setKind(kind);
            bottom.commandMode();
            return;
        }
        String id = act(() -> model.changeKind(cell.node().id(), kind)).cellId();
        focusItem(id, false);
    }

    /** Selects the cell above ({@code step} -1) or below (+1) the active one, in command mode. */
    public void moveSelection(int step) {
        List<String> items = list.getItems();
        CellView cell = activeCell();
        int index = cell == bottom ? items.size() - 1 : items.indexOf(cell.node().id());
        if (index < 0) {
            index = items.size() - 1;
        }
        int target = Math.max(0, Math.min(items.size() - 1, index + step));
        focusItem(items.get(target), false);
    }

    /**
     * Gives the keyboard back to the active cell after a menu or button (the bottom cell in edit mode,
     * a path cell in command mode), unless the action already put it somewhere in the notebook.
     */
    public void focusActive() {
        fx.execute(() -> {
            javafx.scene.Node owner = getScene() == null ? null : getScene().getFocusOwner();
            for (javafx.scene.Node n = owner; n != null; n = n.getParent()) {
                if (n == this) {
                    return;
                }
            }
            CellView cell = activeCell();
            if (cell.getScene() == null || cell == bottom) {
                focusBottom();
            } else {
                cell.commandMode();
            }
        });
    }

    /** Command mode on the active cell (Esc). */
    public void commandModeActive() {
        activeCell().commandMode();
    }

    /** Edit mode on the active cell (Enter). */
    public void editActive() {
        activeCell().edit();
    }

    private void insert(CellView cell, boolean below, CellKind kind, boolean edit) {
        if (below && isLast(cell)) {
            bottom.setKind(kind);
            focusBottom();
            return;
        }
        String id = act(() -> model.insertCell(cell.node().id(), below, kind)).cellId();
        focusItem(id, edit);
    }

    private boolean isLast(CellView cell) {
        List<String> items = list.getItems();
        return cell.node() != null && items.size() >= 2
                && items.get(items.size() - 2).equals(cell.node().id());
    }

    /** Runs a model action that moves the path without the path's usual scroll to the bottom. */
    private <T> T act(java.util.function.Supplier<T> action) {
        acting = true;
        try {
            return action.get();
        } finally {
            acting = false;
            showPath(false);
        }
    }

    private void act(Runnable action) {
        act(() -> {
            action.run();
            return null;
        });
    }

    /** Focuses a path item (or the bottom cell), in edit or command mode, once it is laid out. */
    private void focusItem(String id, boolean edit) {
        int index = list.getItems().indexOf(id);
        if (id.equals(BOTTOM) || index < 0) {
            focusBottom();
            return;
        }
        CellView view = viewFor(id);
        reveal(index);
        list.layout();
        want(view, edit);
        fx.execute(this::holdWanted);
    }

    /**
     * Gives the keyboard to {@code view} now if it is in the scene, and again after every layout
     * (scrolled into view) until the user clicks or scrolls: see {@link #holdWanted}.
     */
    private void want(CellView view, boolean edit) {
        wanted(view, edit);
        if (view.getScene() != null) {
            focusWanted();
        }
        list.requestLayout();
    }

    /** Any request for a cell's keyboard (a key, a menu, a run) makes it the wanted one. */
    private void wanted(CellView view, boolean edit) {
        wanted = view;
        wantedEdit = edit;
        list.requestLayout();
    }

    private void focusWanted() {
        if (wantedEdit) {
            wanted.edit();
        } else {
            wanted.commandMode();
        }
    }

    /**
     * After a layout: keeps the wanted cell in view and owning the keyboard; returns false when no
     * cell is wanted. A cell taller than the notebook shows its top (its editor).
     */
    private boolean holdWanted() {
        if (wanted == null || getScene() == null) {
            // Without a wanted cell nothing is forced: a cell the user scrolled away from keeps
            // its editor's keyboard, as in a browser.
            return wanted != null;
        }
        int index = list.getItems().indexOf(wanted == bottom ? BOTTOM
                : wanted.node() == null ? "" : wanted.node().id());
        if (index < 0) {
            wanted = null;
            return false;
        }
        if (!(list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
            return true;
        }
        if (!isOnScreen(wanted)) {
            flow.scrollTo(index);
            return true;
        }
        javafx.scene.Node cell = wanted.getParent();
        javafx.geometry.Bounds box = list.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
        double delta = box.getMinY() < 0 || box.getHeight() > list.getHeight() ? box.getMinY()
                : Math.max(0, box.getMaxY() - list.getHeight());
        if (Math.abs(delta) > 1) {
            flow.scrollPixels(delta);
        }
        javafx.scene.Node owner = getScene().getFocusOwner();
        if (wanted.getScene() != null && (owner == null || owner.getScene() == null
                || !inside(owner, wanted))) {
            focusWanted();
        }
        return true;
    }

    private long lastClick;
    private final javafx.event.EventHandler<javafx.scene.input.MouseEvent> clicked = e -> {
        lastClick = System.nanoTime();
        wanted = null; // a click puts the keyboard (or the view) where the user wants it
    };
    /**
     * When the keyboard leaves the bottom cell for the list or an output without a click (a cell
     * re-laid out when its outputs arrive late), it goes straight back: what the user types next
     * lands in the cell they were typing in.
     */
    private final javafx.beans.value.ChangeListener<javafx.scene.Node> keepKeyboard =
            (obs, was, now) -> onFocusMoved(was, now);

    private void onFocusMoved(javafx.scene.Node was, javafx.scene.Node now) {
        if (inside(was, bottom) && !inside(now, bottom)
                && System.nanoTime() - lastClick > 500_000_000L
                && (now == null || listMachinery(now) || insideOutput(now))) {
            fx.execute(() -> {
                if (!typingInBottom()) {
                    focusBottom();
                }
            });
        }
    }

    private static boolean inside(javafx.scene.Node node, javafx.scene.Node ancestor) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for the list itself and the parts of it that are not a cell's content (its virtual
     * flow, clip, list cells): JavaFX moves the keyboard there when it recycles the list cell that
     * held the focused editor, e.g. when a cell above grows with a rendered output.
     */
    private boolean listMachinery(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n instanceof CellView) {
                return false;
            }
            if (n == list) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideOutput(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n instanceof dev.forkbook.ui.output.OutputView) {
                return true;
            }
        }
        return false;
    }

    /** True while the keyboard is in the bottom cell (the user is about to type a new cell). */
    private boolean typingInBottom() {
        for (javafx.scene.Node n = getScene() == null ? null : getScene().getFocusOwner(); n != null;
                n = n.getParent()) {
            if (n == bottom) {
                return true;
            }
        }
        return false;
    }

    /** Gives the keyboard back to the bottom cell if an output took it or it was lost. */
    private void keepTypingInBottom() {
        javafx.scene.Node owner = getScene() == null ? null : getScene().getFocusOwner();
        boolean lost = owner == null || listMachinery(owner);
        for (javafx.scene.Node n = owner; n != null && !lost; n = n.getParent()) {
            lost = n instanceof dev.forkbook.ui.output.OutputView;
        }
        if (lost || (owner != null && owner.getScene() == null)) {
            focusBottom();
        } else if (typingInBottom() && !isFullyOnScreen(bottom)) {
            scrollToBottom();
        }
    }

    private void focusBottom() {
        scrollToBottom();
        list.layout();
        // Edit once the list has laid the bottom cell out: an editor changed while off the scene
        // trips a JavaFX text-layout bug. The bottom cell is wanted until the user clicks or
        // scrolls, so a layout that moves it (outputs growing, a rebuilt path) gives it back.
        wanted(bottom, true);
        fx.execute(this::holdWanted);
    }

    private void onCommandKey(CellView cell, KeyEvent event) {
        if (RunKeys.isRunAllPending(event)) {
            return;
        }
        java.util.Optional<RunMode> run = RunKeys.modeOf(event);
        if (run.isPresent()) {
            event.consume();
            if (cell == bottom) {
                runBottom(cell, run.get());
            } else {
                runExisting(cell, run.get());
            }
            return;
        }
        if (event.isControlDown() || event.isAltDown() || event.isMetaDown()) {
            return;
        }
        boolean handled = true;
        switch (event.getCode()) {
            case ENTER -> cell.edit();
            case UP, K -> moveSelection(-1);
            case DOWN, J -> moveSelection(1);
            case A -> insertAtActive(false);
            case B -> insertAtActive(true);
            case M -> changeActiveKind(CellKind.MARKDOWN);
            case Y -> changeActiveKind(CellKind.CODE);
            case Z -> {
                if (event.isShiftDown()) {
                    model.redo();
                } else {
                    model.undo();
                }
                focusActive();
            }
            case D -> {
                long now = System.nanoTime();
                if (lastDCell == cell && now - lastDPress < 800_000_000L) {
                    lastDCell = null;
                    deleteActive();
                } else {
                    lastDCell = cell;
                    lastDPress = now;
                }
            }
            default -> handled = false;
        }
        if (handled) {
            event.consume();
        }
    }

    /** The cell's context menu: the same commands as the keys and the menus. */
    private ContextMenu contextMenu(CellView cell) {
        active = cell;
        ContextMenu menu = new ContextMenu(
                item("Run cell", "Shift+Enter", () -> runActive(RunMode.NEXT)),
                item("Run all pending", "Ctrl+Shift+Enter", this::runAllPending),
                item("Run affected", "", this::runAffected),
                new SeparatorMenuItem(),
                item("Insert cell above", "A", () -> insertAtActive(false)),
                item("Insert cell below", "B", () -> insertAtActive(true)),
                item("Delete cell from path", "D, D", this::deleteActive),
                new SeparatorMenuItem(),
                item("Change to code", "Y", () -> changeActiveKind(CellKind.CODE)),
                item("Change to markdown", "M", () -> changeActiveKind(CellKind.MARKDOWN)),
                new SeparatorMenuItem(),
                item("Undo", "Z", () -> {
                    model.undo();
                    focusActive();
                }));
        menu.getStyleClass().add("cell-menu");
        return menu;
    }

    private static MenuItem item(String text, String keys, Runnable action) {
        MenuItem item = new MenuItem(keys.isEmpty() ? text : text + "    " + keys);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Scrolls so that the path's cell at {@code index} is at the top. */
    public void scrollTo(int index) {
        list.scrollTo(index);
    }

    private void scrollToBottom() {
        reveal(list.getItems().size() - 1);
    }

    /**
     * Scrolls until the item at {@code index} is fully on screen. ListView's scrollTo guesses from
     * estimated heights and can leave the item below the fold when cells differ in height, so it is
     * checked after each layout and repeated (a few times at most).
     */
    private void reveal(int index) {
        revealIndex = index;
        revealAttempts = 4;
        if (index < list.getItems().size() && isOnScreen(viewFor(list.getItems().get(index)))) {
            // Already partly on screen: the check after the next layout scrolls the least needed.
            list.requestLayout();
        } else {
            list.scrollTo(index);
        }
    }

    private boolean isOnScreen(CellView view) {
        javafx.scene.Node cell = view.getParent();
        return cell instanceof PathCell && cell.isVisible() && cell.getParent() != null
                && cell.getBoundsInParent().getMinY() < list.getHeight();
    }

    private boolean isFullyOnScreen(CellView view) {
        if (!isOnScreen(view)) {
            return false;
        }
        javafx.scene.Node cell = view.getParent();
        javafx.geometry.Bounds box = list.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
        return box.getMinY() >= -1 && (box.getMaxY() <= list.getHeight() + 1
                || box.getHeight() > list.getHeight());
    }

    private void checkRevealed() {
        if (revealAttempts <= 0 || revealIndex >= list.getItems().size()) {
            return;
        }
        CellView view = viewFor(list.getItems().get(revealIndex));
        if (isFullyOnScreen(view)) {
            revealAttempts = 0;
            return;
        }
        revealAttempts--;
        if (!(list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
            list.scrollTo(revealIndex);
        } else if (isOnScreen(view)) {
            javafx.scene.Node cell = view.getParent();
            javafx.geometry.Bounds box = list.sceneToLocal(cell.localToScene(cell.getLayoutBounds()));
            flow.scrollPixels(box.getMinY() < 0 ? box.getMinY() : box.getMaxY() - list.getHeight());
        } else {
            flow.scrollTo(revealIndex);
        }
    }

    private void showPath(boolean scroll) {
        List<String> ids = new ArrayList<>();
        for (CellNode node : model.tree().pathTo(model.current())) {
            ids.add(node.id());
        }
        ids.add(BOTTOM);
        if (!ids.equals(list.getItems())) {
            list.getItems().setAll(ids);
        }
        if (scroll) {
            scrollToBottom();
        }
    }

    private CellView viewFor(String id) {
        if (id.equals(BOTTOM)) {
            return bottom;
        }
        return views.computeIfAbsent(id, key -> {
            CellView view = new CellView(model.tree().get(key), background, fx, links, completer);
            view.setOnRun(this::runExisting);
            view.setOnFocus(focused -> active = focused);
            view.setOnFocusRequest(this::wanted);
            view.setOnCommandKey(this::onCommandKey);
            view.setOnContextMenuRequested(e -> contextMenu(view).show(view, e.getScreenX(),
                    e.getScreenY()));
            view.setMarks(model.session()::mark, this::runAffected);
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
        if (node == null || !model.tree().contains(node.id())) {
            return;
        }
        boolean editing = cell.isEditing();
        String source = cell.sourceText();
        NotebookSession.CellRun run = act(() -> model.runCell(node.id(), source));
        if (!run.cellId().equals(node.id())) {
            // The edit now lives in the new sibling; the old cell goes back to its own source.
            cell.discardEdits();
        }
        if (node.kind() == CellKind.MARKDOWN) {
            cell.render();
        }
        List<String> items = list.getItems();
        int index = items.indexOf(run.cellId());
        switch (mode) {
            case STAY -> focusItem(run.cellId(), editing && node.kind() == CellKind.CODE);
            case NEXT -> {
                String next = index < 0 || index + 1 >= items.size() ? BOTTOM : items.get(index + 1);
                focusItem(next, next.equals(BOTTOM));
            }
            case INSERT_BELOW -> {
                if (index < 0 || index + 1 >= items.size() - 1) {
                    focusBottom();
                } else {
                    String inserted = act(() -> model.insertCell(run.cellId(), true, CellKind.CODE))
                            .cellId();
                    focusItem(inserted, true);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void afterRun(String createdId, RunMode mode) {
        fx.execute(() -> {
            if (mode == RunMode.STAY && views.containsKey(createdId)) {
                views.get(createdId).edit();
            } else {
                focusBottom();
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
                materializeSoon(view);
            }
        }
    }

    /**
     * Makes a cell's web views in a later FX task; while the window shows its first frames, only
     * after them ({@link dev.forkbook.ui.fx.FirstFrame}): a reopened notebook shows its graph and
     * code at once, and its rendered outputs (each a WebKit page, seconds on a busy machine) fill
     * in afterwards instead of keeping the newly mapped window blank.
     */
    private void materializeSoon(CellView view) {
        if (firstFrameLaidOut) {
            fx.execute(view::materialize);
            return;
        }
        waitingForFirstFrame.add(view);
        watchFirstFrame(list.getScene());
    }

    private void watchFirstFrame(javafx.scene.Scene scene) {
        if (scene == null || watchingFirstFrame) {
            return;
        }
        watchingFirstFrame = true;
        dev.forkbook.ui.fx.FirstFrame.then(scene, () -> {
            firstFrameLaidOut = true;
            List<CellView> waiting = List.copyOf(waitingForFirstFrame);
            waitingForFirstFrame.clear();
            waiting.forEach(waited -> fx.execute(waited::materialize));
        });
    }
}
