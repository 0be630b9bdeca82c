package dev.forkbook.ui.vars;

import dev.forkbook.kernel.Provenance;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.VariableInfo;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The current node's variables (name, type, whether a fork copies or shares it, value), refreshed
 * when the node changes. Modules and functions or classes defined outside the notebook are hidden
 * until "Show imported" is ticked; a value's tooltip shows all of it.
 */
public final class VariablesPane extends VBox {

    /**
     * One row of the table.
     *
     * @param setBy the cell whose run last wrote the variable, as the user knows it ("[3]"); empty
     *     when not known
     * @param writer the id of that cell (its state's name), null when not known
     */
    public record Row(String name, String type, String repr, boolean shared, boolean imported,
            String setBy, String writer) {
    }

    private final NotebookViewModel model;
    private final TableView<Row> table = new TableView<>();
    private final Label caption = new Label("Variables");
    private final CheckBox showImported = new CheckBox("Show imported");
    private final List<Row> all = new ArrayList<>();
    private java.util.function.Consumer<String> onShowCell = id -> { };

    public VariablesPane(NotebookViewModel model) {
        this.model = model;
        getStyleClass().add("variables-pane");
        getStylesheets().add(VariablesPane.class.getResource("variables.css").toExternalForm());
        caption.getStyleClass().add("pane-caption");
        table.setPlaceholder(new Label("No variables"));
        caption.setMinWidth(0);
        // Minimum widths keep each header whole at a 1024 px window; widths grow in proportion to
        // the preferred ones, which fit the pane of a 1280 px window.
        table.getColumns().add(column("Name", Row::name, 64, 56));
        table.getColumns().add(column("Type", Row::type, 50, 48));
        TableColumn<Row, String> fork = column("Fork", row -> row.shared() ? "shared" : "copied",
                68, 46);
        table.getColumns().add(fork);
        TableColumn<Row, Row> setBy = new TableColumn<>("Set by");
        setBy.setId("set-by");
        setBy.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        setBy.setCellFactory(c -> new SetByCell());
        setBy.setPrefWidth(60);
        setBy.setMinWidth(58);
        setBy.setSortable(false);
        table.getColumns().add(setBy);
        table.getColumns().add(column("Value", Row::repr, 110, 50));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        showImported.setId("show-imported");
        showImported.setTooltip(new Tooltip("Also list modules, and functions and classes defined "
                + "outside the notebook"));
        showImported.selectedProperty().addListener((obs, was, is) -> filter());
        showImported.setMinWidth(Region.USE_PREF_SIZE);
        showImported.setPadding(new javafx.geometry.Insets(6, 8, 6, 8));
        getChildren().addAll(caption, table, showImported);
        model.currentProperty().addListener((obs, old, id) -> refresh());
        model.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                // The current node, or the node whose state it shows (a pending cell below an
                // edit shows the edited cell's new state once that has run).
                if (after.status() != CellStatus.RUNNING && (after.id().equals(model.current())
                        || after.id().equals(shownHolder()))) {
                    refresh();
                }
            }

            @Override
            public void removed(CellNode node) {
            }
        });
        refresh();
    }

    public TableView<Row> table() {
        return table;
    }

    /** What clicking a "set by" link does with the id of the cell that wrote the variable. */
    public void setOnShowCell(java.util.function.Consumer<String> handler) {
        this.onShowCell = handler;
    }

    /** Whether modules and imported functions and classes are listed. */
    public CheckBox showImported() {
        return showImported;
    }

    private String shownHolder() {
        String id = model.current();
        return id == null || !model.tree().contains(id) ? null
                : model.tree().stateHolderFor(id).id();
    }

    private void refresh() {
        String id = model.current();
        String state = model.tree().kernelStateFor(id);
        if (state == null) {
            all.clear();
            filter(); // also the placeholder: no hidden-count left from the previous node
            caption.setText("Variables (no live state)");
            return;
        }
        model.session().variables(state).thenCombine(model.session().provenance(state),
                (info, provenance) -> {
                    show(id, info, provenance.map(Provenance::writtenBy).orElse(Map.of()));
                    return null;
                });
    }

    /**
     * The state as a person knows it: the cell that made it ("[3]", short enough never to be cut;
     * the tooltip names the state); a state named over REST keeps its name; a bare 32-digit id
     * shows only its start.
     */
    private String describe(String state) {
        if (model.tree().contains(state)) {
            dev.forkbook.notebook.CellNode cell = model.tree().get(state);
            if (cell.executionCount() != null) {
                return "[" + cell.executionCount() + "]";
            }
        }
        return state.length() > 12 ? state.substring(0, 8) + "…" : state;
    }

    private void show(String requestedFor, Optional<StateInfo> info, Map<String, String> writers) {
        if (!requestedFor.equals(model.current())) {
            return;
        }
        all.clear();
        String name = info.map(StateInfo::name).orElse(null);
        caption.setText(name == null ? "Variables (not live)" : "Variables — " + describe(name));
        caption.setTooltip(new Tooltip(name == null ? "This node has no live state"
                : info.get().evicted() ? "State " + name + " (evicted to save memory; rebuilt "
                        + "when a cell runs from it)" : "State " + name));
        info.filter(state -> state.variables() != null).ifPresent(state -> {
            for (Map.Entry<String, VariableInfo> variable : state.variables().entrySet()) {
                VariableInfo value = variable.getValue();
                // A module is one object for every state (never copied on a fork): shared.
                String writer = writers.get(variable.getKey());
                all.add(new Row(variable.getKey(), value.type(), value.repr(),
                        value.shared() || "module".equals(value.type()), value.isImported(),
                        writer == null ? "" : describe(writer), writer));
            }
        });
        filter();
    }

    private void filter() {
        boolean everything = showImported.isSelected();
        table.getItems().setAll(all.stream().filter(row -> everything || !row.imported()).toList());
        long hidden = all.stream().filter(Row::imported).count();
        table.setPlaceholder(new Label(hidden > 0 && !everything ? hidden + " imported names hidden"
                : "No variables"));
    }

    private static TableColumn<Row, String> column(String title,
            java.util.function.Function<Row, String> value, double width, double minWidth) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setMinWidth(minWidth);
        column.setCellFactory(c -> new TipCell());
        return column;
    }

    /** "[3]": a link to the cell whose run last wrote the variable. */
    private final class SetByCell extends TableCell<Row, Row> {
        private final javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink();
        private final Tooltip tip = new Tooltip();

        SetByCell() {
            link.getStyleClass().add("set-by");
            link.setFocusTraversable(false);
            link.setPadding(javafx.geometry.Insets.EMPTY);
            link.setOnAction(e -> {
                Row row = getItem();
                if (row != null && row.writer() != null) {
                    onShowCell.accept(row.writer());
                }
                link.setVisited(false);
            });
        }

        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null || row.writer() == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            link.setText(row.setBy());
            String source = model.tree().contains(row.writer())
                    ? model.tree().get(row.writer()).title() : row.writer();
            tip.setText(row.name() + " was last set by " + row.setBy() + " " + source
                    + "\n(click to show that cell)");
            setTooltip(tip);
            setGraphic(link);
        }
    }

    /** A one-line cell whose tooltip shows the whole text (a long value is cut on screen). */
    private static final class TipCell extends TableCell<Row, String> {
        private final Tooltip tip = new Tooltip();

        TipCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(600);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            if (empty || text == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String line = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            setText(line.replace('\n', ' '));
            tip.setText(text.length() > 4000 ? text.substring(0, 4000) + "…" : text);
            setTooltip(tip);
        }
    }
}
