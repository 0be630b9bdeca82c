package dev.forkbook.ui;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.ui.notebook.NotebookView;
import dev.forkbook.ui.notebook.NotebookViewModel;
import dev.forkbook.ui.output.LinkOpener;
import dev.forkbook.ui.tree.ForkGraphView;
import dev.forkbook.ui.vars.VariablesPane;
import java.util.concurrent.Executor;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Forkbook window: the fork tree on the left, the notebook view of the current path in the
 * centre, the variables on the right, a toolbar on top and a status bar below.
 */
public final class MainWindow {

    /** Where the embedded REST server listens, for the status bar; null when it does not run. */
    public record ServerInfo(String baseUrl, String urlWithToken) {
    }

    public static final KeyCombination INTERRUPT = new KeyCodeCombination(KeyCode.I,
            KeyCombination.SHORTCUT_DOWN);

    private final NotebookViewModel model;
    private final ForkGraphView tree;
    private final NotebookView notebook;
    private final VariablesPane variables;
    private final BorderPane root = new BorderPane();
    private final StatusBar statusBar;

    public MainWindow(NotebookViewModel model, ServerInfo server, LinkOpener links,
            Executor background, Executor fx) {
        this.model = model;
        this.tree = new ForkGraphView(model);
        this.notebook = new NotebookView(model, background, fx, links);
        tree.setOnRunFrom(id -> notebook.addCell(CellKind.CODE));
        this.variables = new VariablesPane(model);
        // "Set by [n]": the writer is on the current path; show it there, else select it.
        variables.setOnShowCell(id -> {
            if (!notebook.showCell(id)) {
                model.select(id);
            }
        });
        root.getStylesheets().add(MainWindow.class.getResource("window.css").toExternalForm());
        root.setTop(toolbar());
        VBox treePane = new VBox(caption("Fork graph"), tree);
        VBox.setVgrow(tree, javafx.scene.layout.Priority.ALWAYS);
        VBox notebookPane = new VBox(new NotLiveBanner(model), notebook);
        VBox.setVgrow(notebook, javafx.scene.layout.Priority.ALWAYS);
        SplitPane split = new SplitPane(treePane, notebookPane, variables);
        split.setDividerPositions(0.24, 0.72);
        root.setCenter(split);
        statusBar = new StatusBar(model, server == null ? null : server.baseUrl(),
                server == null ? null : server.urlWithToken());
        root.setBottom(statusBar);
    }

    private static Label caption(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("pane-caption");
        return label;
    }

    private ToolBar toolbar() {
        Button run = button("Run", Material2MZ.PLAY_ARROW, "Run the selected cell (Shift+Enter)", "run");
        run.setOnAction(e -> notebook.runActive());
        Button interrupt = button("Interrupt", Material2MZ.STOP, "Interrupt the running cell (Ctrl+I)", "interrupt");
        interrupt.setOnAction(e -> model.interrupt());
        interrupt.disableProperty().bind(model.runningProperty().isEqualTo(0));
        Button addCode = button("Code", Material2AL.ADD, "Add a code cell at the end of the path", "add-code");
        addCode.setOnAction(e -> notebook.addCell(CellKind.CODE));
        Button addMarkdown = button("Markdown", Material2MZ.NOTES, "Add a markdown cell at the end of the path",
                "add-markdown");
        addMarkdown.setOnAction(e -> notebook.addCell(CellKind.MARKDOWN));
        Button replay = button("Run pending", Material2AL.FAST_FORWARD, "Run the pending cells of the path onto this "
                + "branch (Ctrl+Shift+Enter)", "replay");
        replay.disableProperty().bind(model.pendingProperty().isEqualTo(0));
        replay.setOnAction(e -> notebook.runAllPending());
        Button delete = button("Delete branch", Material2AL.DELETE_SWEEP, "Delete the selected node and everything below "
                + "it", "delete-branch");
        delete.setOnAction(e -> model.deleteBranch(model.current()));
        Button undo = button("Undo", Material2MZ.UNDO, "Undo the last delete, re-run or markdown edit (Z in command mode)", "undo");
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.undoableProperty().not());
        Button rebuild = button("Rebuild", Material2MZ.REFRESH, "Rebuild the selected node's state by replaying its "
                + "path (for cells opened from a file)", "rebuild");
        rebuild.setOnAction(e -> model.rebuildCurrent());
        return new ToolBar(run, interrupt, new Separator(), addCode, addMarkdown, new Separator(),
                replay, rebuild, delete, undo);
    }

    private Button button(String text, Ikon icon, String tooltip, String id) {
        Button button = new Button(text, new FontIcon(icon));
        button.setTooltip(new Tooltip(tooltip));
        button.setId(id);
        // The keyboard stays on the cell: a focused button would fire again on Space.
        button.setFocusTraversable(false);
        button.addEventHandler(javafx.event.ActionEvent.ACTION, e -> notebook.focusActive());
        return button;
    }

    public Parent root() {
        return root;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public ForkGraphView tree() {
        return tree;
    }

    public NotebookView notebook() {
        return notebook;
    }

    public VariablesPane variables() {
        return variables;
    }

    /** Puts the window into a stage: scene, title, shortcuts. */
    public void show(Stage stage, String notebookName) {
        Scene scene = new Scene(root, 1280, 800);
        scene.getAccelerators().put(INTERRUPT, model::interrupt);
        stage.setScene(scene);
        stage.setTitle("Forkbook — " + notebookName);
        stage.show();
        dev.forkbook.ui.output.FullTextView.warmUpAfterFirstFrame(scene);
        notebook.bottomCell().edit();
    }
}
