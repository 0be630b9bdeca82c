package dev.forkbook.ui.compare;

import dev.forkbook.kernel.StateDiff;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.ui.output.LinkOpener;
import dev.forkbook.ui.output.OutputView;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Two states side by side: the variables (added, removed, changed, unchanged, same object), the
 * selected variable's differences a page at a time, and the outputs of both paths.
 */
public final class CompareView extends BorderPane {

    private static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    private static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final CompareModel model;
    private final LinkOpener links;
    private final Label title = new Label();
    private final TableView<CompareModel.VariableRow> variables = new TableView<>();
    private final ListView<StateDiff.Row> rows = new ListView<>();
    private final VBox pathA = new VBox();
    private final VBox pathB = new VBox();

    public CompareView(CompareModel model, LinkOpener links) {
        this.model = model;
        this.links = links;
        getStyleClass().add("compare-view");
        getStylesheets().add(CompareView.class.getResource("compare.css").toExternalForm());
        title.getStyleClass().add("compare-title");
        title.setId("compare-title");
        Label message = new Label();
        message.setId("compare-message");
        message.textProperty().bind(model.messageProperty());
        setTop(new VBox(title, message));

        variables.setId("compare-variables");
        variables.setItems(model.variables());
        variables.getColumns().add(column("Variable", CompareModel.VariableRow::name, 110));
        variables.getColumns().add(column("", row -> statusText(row.status()), 90));
        variables.getColumns().add(column("A", row -> orEmpty(row.a()), 150));
        variables.getColumns().add(column("B", row -> orEmpty(row.b()), 150));
        variables.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        variables.setPlaceholder(new Label("No variables"));
        variables.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(CompareModel.VariableRow item, boolean empty) {
                super.updateItem(item, empty);
                CompareModel.Status status = empty || item == null ? null : item.status();
                mark(this, status == CompareModel.Status.ADDED,
                        status == CompareModel.Status.REMOVED,
                        status == CompareModel.Status.CHANGED);
            }
        });
        variables.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !row.name().equals(model.selectedProperty().get())) {
                model.select(row.name());
            }
        });
        model.selectedProperty().addListener((obs, old, name) -> variables.getItems().stream()
                .filter(row -> row.name().equals(name)).findFirst()
                .ifPresent(row -> variables.getSelectionModel().select(row)));

        rows.setId("compare-rows");
        rows.setItems(model.detailRows());
        rows.setPlaceholder(new Label("Select a changed variable"));
        rows.setCellFactory(list -> new DiffRowCell());
        Label page = new Label();
        page.setId("compare-page");
        page.textProperty().bind(Bindings.createStringBinding(this::pageText,
                model.pageOffsetProperty(), model.totalRowsProperty(), model.selectedProperty()));
        Button previous = new Button("◀ Previous");
        previous.setId("compare-previous");
        previous.setOnAction(e -> model.previousPage());
        previous.disableProperty().bind(model.pageOffsetProperty().isEqualTo(0));
        Button next = new Button("Next ▶");
        next.setId("compare-next");
        next.setOnAction(e -> model.nextPage());
        next.disableProperty().bind(model.pageOffsetProperty().add(CompareModel.PAGE_SIZE)
                .greaterThanOrEqualTo(model.totalRowsProperty()));
        VBox detail = new VBox(page, rows, new HBox(6, previous, next));
        detail.getStyleClass().add("compare-detail");
        VBox.setVgrow(rows, Priority.ALWAYS);

        SplitPane top = new SplitPane(variables, detail);
        top.setDividerPositions(0.5);
        SplitPane outputs = new SplitPane(scroller(pathA, "compare-path-a"),
                scroller(pathB, "compare-path-b"));
        SplitPane center = new SplitPane(top, outputs);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.55);
        setCenter(center);
        model.diffProperty().addListener((obs, old, diff) -> showPaths());
        showPaths();
    }

    public TableView<CompareModel.VariableRow> variablesTable() {
        return variables;
    }

    public ListView<StateDiff.Row> rowsList() {
        return rows;
    }

    private String pageText() {
        String variable = model.selectedProperty().get();
        int total = model.totalRowsProperty().get();
        if (variable == null || total == 0) {
            return "Differences";
        }
        int from = model.pageOffsetProperty().get();
        int to = Math.min(total, from + CompareModel.PAGE_SIZE);
        return String.format("%s: differences %d–%d of %d", variable, from + 1, to, total);
    }

    private void showPaths() {
        title.setText("Compare  A: " + model.title(model.nodeA()) + "   ↔   B: "
                + model.title(model.nodeB()));
        fill(pathA, "A", model.pathA());
        fill(pathB, "B", model.pathB());
    }

    private void fill(VBox box, String side, List<CellNode> cells) {
        box.getChildren().clear();
        Label caption = new Label("Path " + side + " (" + cells.size() + " cells)");
        caption.getStyleClass().add("pane-caption");
        box.getChildren().add(caption);
        for (CellNode cell : cells) {
            Label source = new Label((cell.executionCount() == null ? "[ ] "
                    : "[" + cell.executionCount() + "] ") + cell.source());
            source.getStyleClass().add("compare-source");
            OutputView output = new OutputView(cell.outputs(), cell.error(), links);
            output.materialize();
            box.getChildren().addAll(source, output);
        }
    }

    private static ScrollPane scroller(Node content, String id) {
        ScrollPane pane = new ScrollPane(content);
        pane.setId(id);
        pane.setFitToWidth(true);
        return pane;
    }

    /** Colours a row by what happened to it (compare.css). */
    private static void mark(Node row, boolean added, boolean removed, boolean changed) {
        row.pseudoClassStateChanged(ADDED, added);
        row.pseudoClassStateChanged(REMOVED, removed);
        row.pseudoClassStateChanged(CHANGED, changed);
    }

    static String statusText(CompareModel.Status status) {
        return switch (status) {
            case ADDED -> "added";
            case REMOVED -> "removed";
            case CHANGED -> "changed";
            case UNCHANGED -> "unchanged";
            case SAME_OBJECT -> "same object";
        };
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value,
            double width) {
        TableColumn<T, String> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** One difference: its path, what happened, and both values. */
    private static final class DiffRowCell extends ListCell<StateDiff.Row> {

        @Override
        protected void updateItem(StateDiff.Row row, boolean empty) {
            super.updateItem(row, empty);
            StateDiff.Change change = empty || row == null ? null : row.change();
            mark(this, change == StateDiff.Change.ADDED, change == StateDiff.Change.REMOVED,
                    change == StateDiff.Change.CHANGED);
            if (change == null) {
                setText(null);
                return;
            }
            String path = row.path().isEmpty() ? "(value)" : row.path();
            setText(switch (change) {
                case ADDED -> path + "  + " + row.b();
                case REMOVED -> path + "  − " + row.a();
                case CHANGED -> path + "  " + row.a() + "  →  " + row.b();
            });
            setAccessibleText(change.name().toLowerCase(Locale.ROOT) + " " + path);
        }
    }
}
