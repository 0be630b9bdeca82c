package dev.forkbook.ui.vars;

import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.VariableInfo;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The current node's variables (name, type, repr, shared), refreshed when the node changes. */
public final class VariablesPane extends VBox {

    /** One row of the table. */
    public record Row(String name, String type, String repr, boolean shared) {
    }

    private final NotebookViewModel model;
    private final TableView<Row> table = new TableView<>();
    private final Label caption = new Label("Variables");

    public VariablesPane(NotebookViewModel model) {
        this.model = model;
        getStyleClass().add("variables-pane");
        caption.getStyleClass().add("pane-caption");
        table.setPlaceholder(new Label("No variables"));
        table.getColumns().add(column("Name", Row::name, 90));
        table.getColumns().add(column("Type", Row::type, 70));
        table.getColumns().add(column("Value", Row::repr, 160));
        table.getColumns().add(column("Shared", row -> row.shared() ? "yes" : "", 50));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(caption, table);
        model.currentProperty().addListener((obs, old, id) -> refresh());
        model.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                if (after.id().equals(model.current()) && after.status() != CellStatus.RUNNING) {
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

    private void refresh() {
        String id = model.current();
        String state = model.tree().kernelStateFor(id);
        if (state == null) {
            table.getItems().clear();
            caption.setText("Variables (no live state)");
            return;
        }
        model.session().variables(state).thenAccept(info -> show(id, info));
    }

    private void show(String requestedFor, Optional<StateInfo> info) {
        if (!requestedFor.equals(model.current())) {
            return;
        }
        table.getItems().clear();
        caption.setText("Variables — " + info.map(StateInfo::name).orElse("not live"));
        info.ifPresent(state -> {
            for (Map.Entry<String, VariableInfo> variable : state.variables().entrySet()) {
                VariableInfo value = variable.getValue();
                String repr = value.repr().length() > 200 ? value.repr().substring(0, 200) + "…"
                        : value.repr();
                table.getItems().add(new Row(variable.getKey(), value.type(), repr, value.shared()));
            }
        });
    }

    private static TableColumn<Row, String> column(String title,
            java.util.function.Function<Row, String> value, double width) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
