package dev.forkbook.ui.notebook;

import dev.forkbook.kernel.Output;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.cell.CodeEditor;
import dev.forkbook.ui.cell.CodePreview;
import dev.forkbook.ui.output.LinkOpener;
import dev.forkbook.ui.output.OutputView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One cell of the path, or the empty cell at the bottom: a prompt ({@code [3]:}, {@code [*]:}), the
 * source (a cheap preview that becomes an editor on click; markdown rendered), and the outputs.
 */
public final class CellView extends HBox {

    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static final PseudoClass ACTIVE = PseudoClass.getPseudoClass("active");
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    private static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass AFFECTED = PseudoClass.getPseudoClass("affected");

    private final Label pendingNote = new Label();
    private final Label caption = new Label();
    /** Under a pending cell: whether the edit above affects it, and a link that runs those. */
    private final Label markNote = new Label();
    private final javafx.scene.control.Hyperlink runAffectedLink =
            new javafx.scene.control.Hyperlink("Run affected");
    private final HBox markLine = new HBox(6, markNote, runAffectedLink);
    private Function<String, java.util.Optional<dev.forkbook.notebook.Staleness.Mark>> marks =
            id -> java.util.Optional.empty();

    private final Label changedNote = new Label("⚠ Outputs differ from the saved ones: this cell "
            + "does not reproduce.");

    private final Label prompt = new Label();
    private final VBox body = new VBox(4);
    private final Executor background;
    private final Executor fx;
    private final LinkOpener links;
    private final Function<String, java.util.concurrent.CompletableFuture<List<String>>> completer;
    private CellNode node;
    private CellKind kind;
    private Node source;
    private CodeEditor editor;
    private OutputView outputs;
    private BiConsumer<CellView, RunMode> onRun = (view, mode) -> { };
    private java.util.function.Consumer<CellView> onFocus = view -> { };
    private BiConsumer<CellView, Boolean> onFocusRequest = (view, edit) -> { };
    private BiConsumer<CellView, KeyEvent> onCommandKey = (view, event) -> { };

    /** A view of an existing cell. */
    public CellView(CellNode node, Executor background, Executor fx, LinkOpener links,
            Function<String, java.util.concurrent.CompletableFuture<List<String>>> completer) {
        this.background = background;
        this.fx = fx;
        this.links = links;
        this.completer = completer;
        init();
        update(node);
    }

    /** The empty cell at the bottom of the notebook. */
    public static CellView newCell(Executor background, Executor fx, LinkOpener links,
            Function<String, java.util.concurrent.CompletableFuture<List<String>>> completer) {
        CellView view = new CellView(null, background, fx, links, completer);
        view.getStyleClass().add("new-cell");
        return view;
    }

    private void init() {
        getStyleClass().add("cell");
        changedNote.getStyleClass().add("outputs-changed");
        pendingNote.getStyleClass().add("pending-note");
        pendingNote.setWrapText(true);
        // A wrapped label in the cell's box is otherwise squeezed to one line and cut with "…".
        pendingNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        caption.getStyleClass().add("runs-after");
        markNote.getStyleClass().add("affected-note");
        markNote.setWrapText(true);
        markNote.setMinWidth(0);
        HBox.setHgrow(markNote, Priority.SOMETIMES);
        runAffectedLink.getStyleClass().add("run-affected");
        runAffectedLink.setMinWidth(Region.USE_PREF_SIZE);
        runAffectedLink.setFocusTraversable(false);
        markLine.getStyleClass().add("affected-line");
        markLine.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // Command mode: the cell itself has the keyboard (Esc from the editor, or a click beside it).
        setFocusTraversable(true);
        focusedProperty().addListener((obs, was, focused) -> {
            pseudoClassStateChanged(SELECTED, focused);
            if (focused) {
                onFocus.accept(this);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (isFocused()) {
                onCommandKey.accept(this, event);
            }
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, event -> {
            if (!isEditing() && !(event.getTarget() instanceof Node target && isInEditor(target))) {
                commandMode();
            }
        });
        prompt.getStyleClass().add("prompt");
        prompt.setMinWidth(56);
        HBox.setHgrow(body, Priority.ALWAYS);
        getChildren().addAll(prompt, body);
        kind = CellKind.CODE;
    }

    public void setOnRun(BiConsumer<CellView, RunMode> handler) {
        this.onRun = handler;
    }

    /**
     * Where a pending cell's affected-or-not marking comes from, and what its "Run affected" link
     * does; {@link #update} shows it.
     */
    public void setMarks(Function<String, java.util.Optional<dev.forkbook.notebook.Staleness.Mark>>
            source, Runnable runAffected) {
        this.marks = source;
        runAffectedLink.setOnAction(e -> runAffected.run());
        refreshMark();
    }

    /** Shows the pending cell's marking again (it is measured after the edit's run). */
    public void refreshMark() {
        showMark(node != null && node.status() == CellStatus.PENDING && node.kind() == CellKind.CODE
                ? marks.apply(node.id()) : java.util.Optional.empty());
    }

    /** The line under a pending cell saying whether the edit affects it (for tests). */
    public Label markNote() {
        return markNote;
    }

    public javafx.scene.control.Hyperlink runAffectedLink() {
        return runAffectedLink;
    }

    public void setOnFocus(java.util.function.Consumer<CellView> handler) {
        this.onFocus = handler;
    }

    /**
     * Told when something asks for this cell to have the keyboard ({@link #edit} with true, {@link
     * #commandMode} with false), before the focus moves; the notebook keeps it there.
     */
    public void setOnFocusRequest(BiConsumer<CellView, Boolean> handler) {
        this.onFocusRequest = handler;
    }

    /** Keys pressed while the cell is selected in command mode. */
    public void setOnCommandKey(BiConsumer<CellView, KeyEvent> handler) {
        this.onCommandKey = handler;
    }

    /** Selects the cell in command mode (Jupyter's Esc): the keyboard goes to the cell, not the text. */
    public void commandMode() {
        onFocusRequest.accept(this, false);
        requestFocus();
    }

    /** Whether the cell's editor has the keyboard (edit mode). */
    public boolean isEditing() {
        return editor != null && editor.area().isFocused();
    }

    private boolean isInEditor(Node target) {
        for (Node n = target; n != null && n != this; n = n.getParent()) {
            if (editor != null && n == editor.area()) {
                return true;
            }
        }
        return false;
    }

    /** The line under the input cell saying where it runs from. */
    public Label caption() {
        return caption;
    }

    /** Shows {@code text} under the cell (the bottom cell's "runs after …"). */
    public void showCaption(javafx.beans.value.ObservableValue<String> text) {
        caption.textProperty().bind(text);
        if (!body.getChildren().contains(caption)) {
            body.getChildren().add(caption);
        }
    }

    /** A markdown cell goes back to its rendering after it ran. */
    public void render() {
        if (node != null && node.kind() == CellKind.MARKDOWN && editor != null) {
            body.getChildren().remove(editor.area());
            editor = null;
            source = null;
            showSource();
        }
    }

    /** The cell shown, or null for the bottom cell. */
    public CellNode node() {
        return node;
    }

    public CellKind kind() {
        return kind;
    }

    /** For the bottom cell: code or markdown. */
    public void setKind(CellKind newKind) {
        kind = newKind;
        if (editor != null) {
            editor.setMarkdown(newKind == CellKind.MARKDOWN);
        }
        prompt.setText(newKind == CellKind.MARKDOWN ? "md:" : "[ ]:");
    }

    /** The source as the user sees it now (edited or not). */
    public String sourceText() {
        if (editor != null) {
            return editor.text();
        }
        return node == null ? "" : node.source();
    }

    public OutputView outputs() {
        return outputs;
    }

    public boolean isMaterialized() {
        return !(source instanceof OutputView rendered && !rendered.isMaterialized())
                && (outputs == null || outputs.isMaterialized());
    }

    /** Creates the web views of this cell's rendering and outputs (called once it is visible). */
    public void materialize() {
        if (source instanceof OutputView rendered) {
            rendered.materialize();
        }
        if (outputs != null) {
            outputs.materialize();
        }
    }

    /** Shows a changed version of the cell (status, outputs). */
    public void update(CellNode updated) {
        boolean sourceChanged = node == null || updated == null
                || !node.source().equals(updated.source()) || editor == null && source == null;
        this.node = updated;
        if (updated != null && updated.kind() != kind) {
            setKind(updated.kind());
        }
        prompt.setText(promptText(updated));
        pseudoClassStateChanged(RUNNING, updated != null && updated.status() == CellStatus.RUNNING);
        pseudoClassStateChanged(ERROR, updated != null && updated.status() == CellStatus.ERROR);
        pseudoClassStateChanged(STALE, updated != null && updated.status() == CellStatus.NOT_LIVE);
        boolean pending = updated != null && updated.status() == CellStatus.PENDING;
        pseudoClassStateChanged(PENDING, pending);
        body.getChildren().remove(pendingNote);
        if (pending) {
            boolean hasOutputs = !updated.outputs().isEmpty() || updated.error() != null;
            pendingNote.setText("Pending: not run on this branch yet (Shift+Enter runs it here)."
                    + (hasOutputs ? " The outputs below are from the other branch." : ""));
            pendingNote.setTooltip(new javafx.scene.control.Tooltip(pendingNote.getText()));
            body.getChildren().add(pendingNote);
        }
        refreshMark();
        boolean changed = updated != null && updated.outputsChanged();
        pseudoClassStateChanged(CHANGED, changed);
        body.getChildren().remove(changedNote);
        if (changed) {
            body.getChildren().add(changedNote);
        }
        if (sourceChanged && editor == null) {
            showSource();
        } else if (editor != null && updated != null && !editor.text().equals(updated.source())
                && !editor.area().isFocused()) {
            editor.setText(updated.source()); // undo brought back an older source
        }
        showOutputs();
    }

    private void showMark(java.util.Optional<dev.forkbook.notebook.Staleness.Mark> mark) {
        body.getChildren().remove(markLine);
        pseudoClassStateChanged(AFFECTED, mark.isPresent() && mark.get().affected());
        if (mark.isEmpty()) {
            return;
        }
        markNote.setText(mark.get().describe());
        runAffectedLink.setVisible(mark.get().affected());
        runAffectedLink.setManaged(mark.get().affected());
        body.getChildren().add(body.getChildren().indexOf(pendingNote) + 1, markLine);
    }

    static String promptText(CellNode node) {
        if (node == null) {
            return "[ ]:";
        }
        if (node.kind() == CellKind.MARKDOWN) {
            return "";
        }
        if (node.status() == CellStatus.PENDING) {
            return "[ ]:";
        }
        if (node.status() == CellStatus.RUNNING) {
            return "[*]:";
        }
        return node.executionCount() == null ? "[ ]:" : "[" + node.executionCount() + "]:";
    }

    private void showSource() {
        body.getChildren().remove(source);
        if (node == null) {
            source = null;
            edit();
            return;
        }
        if (node.kind() == CellKind.MARKDOWN) {
            OutputView rendered = new OutputView(List.of(new Output.DisplayData(
                    Map.of("text/markdown", node.source()), Map.of())), null, links);
            rendered.getStyleClass().add("markdown-cell");
            rendered.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getClickCount() == 2) {
                    edit();
                }
            });
            source = rendered;
        } else {
            CodePreview preview = new CodePreview(node.source());
            preview.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
                if (e.getButton() == MouseButton.PRIMARY) {
                    edit();
                }
            });
            source = preview;
        }
        body.getChildren().add(0, source);
    }

    /** Swaps the preview for an editor and focuses it. */
    public void edit() {
        onFocusRequest.accept(this, true);
        if (editor == null) {
            editor = new CodeEditor(node == null ? "" : node.source(), background, fx);
            editor.setCompleter(completer);
            editor.setMarkdown(kind == CellKind.MARKDOWN);
            editor.area().addEventFilter(KeyEvent.KEY_PRESSED, event -> {
                if (event.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                    event.consume();
                    commandMode();
                    return;
                }
                if (RunKeys.isRunAllPending(event)) {
                    return; // the notebook handles it
                }
                RunKeys.modeOf(event).ifPresent(mode -> {
                    event.consume();
                    onRun.accept(this, mode);
                });
            });
            editor.area().focusedProperty().addListener((obs, was, focused) -> {
                pseudoClassStateChanged(ACTIVE, focused);
                if (focused) {
                    onFocus.accept(this);
                }
            });
            int index = source == null ? 0 : body.getChildren().indexOf(source);
            body.getChildren().remove(source);
            source = editor.area();
            body.getChildren().add(Math.max(0, index), source);
        }
        editor.area().requestFocus();
    }

    public CodeEditor editor() {
        return editor;
    }

    /** Shows the cell's own source again, dropping unrun edits (after they forked a sibling). */
    public void discardEdits() {
        if (editor != null && node != null) {
            editor.setText(node.source());
        }
    }

    /** Clears the bottom cell after its content ran. */
    public void clear() {
        if (editor != null) {
            editor.setText("");
        }
    }

    private void showOutputs() {
        if (outputs != null) {
            body.getChildren().remove(outputs);
            outputs = null;
        }
        if (node == null || node.kind() == CellKind.MARKDOWN
                || node.outputs().isEmpty() && node.error() == null) {
            return;
        }
        outputs = new OutputView(node.outputs(), node.error(), links);
        body.getChildren().add(outputs);
    }
}
