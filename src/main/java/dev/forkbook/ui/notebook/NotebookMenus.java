package dev.forkbook.ui.notebook;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;

/**
 * The notebook's menus, JupyterLab's Edit, View, Run, Kernel and Help: each item calls the notebook
 * view or its model and gives the keyboard back to the cell afterwards. Keys are shown in the item
 * text, not bound as accelerators, because the cells handle them (in edit mode the editor keeps
 * Enter, A or D for typing).
 */
public final class NotebookMenus {

    /** Every shortcut, for Help → Keyboard Shortcuts: keys, then what they do. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Shift+Enter", "Run the cell and select the next one"},
            new String[] {"Ctrl+Enter", "Run the cell and stay on it"},
            new String[] {"Alt+Enter", "Run the cell and insert a cell below"},
            new String[] {"Ctrl+Shift+Enter", "Run all pending cells onto this branch"},
            new String[] {"Esc", "Command mode (the cell, not its text, has the keyboard)"},
            new String[] {"Enter", "Edit mode (command mode)"},
            new String[] {"A / B", "Insert a cell above / below (command mode)"},
            new String[] {"D, D", "Delete the cell from the path (command mode)"},
            new String[] {"M / Y", "Change the cell to markdown / code (command mode)"},
            new String[] {"Up / Down, K / J", "Select the cell above / below (command mode)"},
            new String[] {"Z / Shift+Z", "Undo / redo (command mode)"},
            new String[] {"Ctrl+I", "Interrupt the running cell"},
            new String[] {"Tab", "Complete a name (edit mode)"});

    private final Supplier<NotebookView> view;
    private final Supplier<NotebookViewModel> model;

    /** Suppliers, because opening a file replaces the notebook view and its model. */
    public NotebookMenus(Supplier<NotebookView> view, Supplier<NotebookViewModel> model) {
        this.view = view;
        this.model = model;
    }

    /** Edit, View, Run, Kernel and Help, in that order. */
    public List<Menu> menus() {
        return List.of(edit(), viewMenu(), run(), kernel(), help());
    }

    private Menu edit() {
        MenuItem undo = item("Undo", "Z", "undo", () -> model.get().undo());
        MenuItem redo = item("Redo", "Shift+Z", "redo", () -> model.get().redo());
        Menu menu = menu("Edit", "edit-menu", undo, redo, new SeparatorMenuItem(),
                item("Insert Cell Above", "A", "insert-above", () -> view.get().insertAtActive(false)),
                item("Insert Cell Below", "B", "insert-below", () -> view.get().insertAtActive(true)),
                item("Delete Cell from Path", "D, D", "delete-cell", () -> view.get().deleteActive()),
                new SeparatorMenuItem(),
                item("Change to Code", "Y", "to-code",
                        () -> view.get().changeActiveKind(CellKind.CODE)),
                item("Change to Markdown", "M", "to-markdown",
                        () -> view.get().changeActiveKind(CellKind.MARKDOWN)));
        menu.setOnShowing(e -> {
            undo.setDisable(!model.get().canUndo());
            redo.setDisable(!model.get().canRedo());
            undo.setText(model.get().session().history().undoDescription()
                    .map(what -> "Undo " + what).orElse("Undo") + "    Z");
        });
        return menu;
    }

    private Menu viewMenu() {
        return menu("View", "view-menu",
                item("Command Mode", "Esc", "command-mode", () -> view.get().commandModeActive()),
                item("Edit Mode", "Enter", "edit-mode", () -> view.get().editActive()),
                new SeparatorMenuItem(),
                item("Select Cell Above", "Up", "select-above", () -> view.get().moveSelection(-1)),
                item("Select Cell Below", "Down", "select-below", () -> view.get().moveSelection(1)),
                item("Go to Input Cell", null, "go-to-input", () -> view.get().addCell(CellKind.CODE)));
    }

    private Menu run() {
        return menu("Run", "run-menu",
                item("Run Cell and Select Next", "Shift+Enter", "run-next",
                        () -> view.get().runActive(RunMode.NEXT)),
                item("Run Cell", "Ctrl+Enter", "run-stay", () -> view.get().runActive(RunMode.STAY)),
                item("Run Cell and Insert Below", "Alt+Enter", "run-insert",
                        () -> view.get().runActive(RunMode.INSERT_BELOW)),
                new SeparatorMenuItem(),
                item("Run All Pending Cells", "Ctrl+Shift+Enter", "run-all-pending",
                        () -> view.get().runAllPending()),
                item("Run Affected Cells", null, "run-affected",
                        () -> view.get().runAffected()),
                item("Rebuild Path", null, "rebuild-path", () -> model.get().rebuildCurrent()));
    }

    private Menu kernel() {
        return menu("Kernel", "kernel-menu",
                item("Interrupt", "Ctrl+I", "kernel-interrupt", () -> model.get().interrupt()),
                item("Restart", null, "kernel-restart", this::restart));
    }

    private Menu help() {
        return menu("Help", "help-menu",
                item("Keyboard Shortcuts", null, "shortcuts", NotebookMenus::showShortcuts),
                item("About Forkbook", null, "about", NotebookMenus::showAbout));
    }

    /** Kernel → Restart: says which cells did not stop when the kernel was reset. */
    private void restart() {
        model.get().session().restart(Duration.ofSeconds(2)).thenAccept(stuck -> {
            if (!stuck.isEmpty()) {
                Alert alert = new Alert(Alert.AlertType.WARNING, describeStuck(stuck), ButtonType.OK);
                alert.setHeaderText("Kernel restarted, but some executions did not stop");
                alert.show();
            }
        });
    }

    static String describeStuck(List<CellNode> stuck) {
        StringBuilder text = new StringBuilder("These cells kept running after the interrupt (Java "
                + "code that does not check for interrupts, such as a blocking call); their "
                + "threads may still use the CPU:\n");
        for (CellNode cell : stuck) {
            text.append("  • ").append(cell.title()).append('\n');
        }
        return text.toString();
    }

    static void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        grid.setId("shortcuts-grid");
        int row = 0;
        for (String[] shortcut : SHORTCUTS) {
            Label keys = new Label(shortcut[0]);
            keys.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD,
                    javafx.scene.text.Font.getDefault().getSize()));
            grid.addRow(row++, keys, new Label(shortcut[1]));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.setTitle("Keyboard Shortcuts");
        alert.setHeaderText("Keyboard shortcuts (as in Jupyter)");
        alert.getDialogPane().setContent(grid);
        alert.show();
    }

    static void showAbout() {
        TextArea text = new TextArea("Forkbook: a notebook for Python (Jython 2.7 on Java "
                + Runtime.version().feature() + ") where every cell's state is kept, so any cell "
                + "can be forked.\nEditing a cell runs it on a new branch; the cells below stay as "
                + "pending cells until you run them there (Shift+Enter, or Run All Pending).");
        text.setWrapText(true);
        text.setEditable(false);
        text.setPrefRowCount(4);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.setTitle("About Forkbook");
        alert.setHeaderText("Forkbook");
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    private Menu menu(String text, String id, MenuItem... items) {
        Menu menu = new Menu(text, null, items);
        menu.setId(id);
        return menu;
    }

    /** An item that runs {@code action} and then gives the keyboard back to the active cell. */
    private MenuItem item(String text, String keys, String id, Runnable action) {
        MenuItem item = new MenuItem(keys == null ? text : text + "    " + keys);
        item.setId(id);
        item.setOnAction(e -> {
            action.run();
            view.get().focusActive();
        });
        return item;
    }
}
