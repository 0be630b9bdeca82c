package dev.forkbook.ui.compare;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.output.LinkOpener;
import dev.forkbook.ui.output.OutputView;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A cell to run and one column per branch with its outputs, time and error, side by side. */
public final class ManyBranchesView extends BorderPane {

    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private final ManyBranchesModel model;
    private final LinkOpener links;
    private final TextArea code = new TextArea();
    private final HBox columns = new HBox();

    public ManyBranchesView(ManyBranchesModel model, LinkOpener links) {
        this.model = model;
        this.links = links;
        getStyleClass().add("many-branches");
        getStylesheets().add(ManyBranchesView.class.getResource("compare.css").toExternalForm());
        code.setId("many-code");
        code.getStyleClass().add("many-code");
        code.setPrefRowCount(4);
        code.setPromptText("Code to run on every branch, e.g. score(model)");
        Button run = new Button("▶ Run on all branches");
        run.setId("many-run");
        run.setOnAction(e -> model.run(code.getText()));
        run.disableProperty().bind(model.runningProperty().greaterThan(0)
                .or(code.textProperty().isEmpty()));
        Button interrupt = new Button("■ Interrupt all");
        interrupt.setId("many-interrupt");
        interrupt.setOnAction(e -> model.interruptAll());
        interrupt.disableProperty().bind(model.runningProperty().isEqualTo(0));
        Label caption = new Label();
        caption.getStyleClass().add("compare-title");
        caption.textProperty().bind(javafx.beans.binding.Bindings.size(model.branches())
                .asString("Run one cell on %d branches"));
        setTop(new VBox(4, caption, code, new HBox(6, run, interrupt)));
        columns.setId("many-columns");
        ScrollPane scroller = new ScrollPane(columns);
        scroller.setFitToHeight(true);
        setCenter(scroller);
        model.branches().addListener((ListChangeListener<ManyBranchesModel.Branch>) c -> render());
        render();
    }

    public TextArea code() {
        return code;
    }

    public List<VBox> columns() {
        return columns.getChildren().stream().map(VBox.class::cast).toList();
    }

    private void render() {
        columns.getChildren().clear();
        for (ManyBranchesModel.Branch branch : model.branches()) {
            Label header = new Label(branch.title());
            header.getStyleClass().add("branch-header");
            Label status = new Label(statusOf(branch.result()));
            status.getStyleClass().add("branch-status");
            VBox column = new VBox(4, header, status);
            column.getStyleClass().add("branch-column");
            CellNode result = branch.result();
            column.pseudoClassStateChanged(ERROR, result != null && result.error() != null);
            column.pseudoClassStateChanged(RUNNING, result != null
                    && result.status() == CellStatus.RUNNING);
            if (result != null && result.status() != CellStatus.RUNNING) {
                OutputView output = new OutputView(result.outputs(), result.error(), links);
                output.materialize();
                column.getChildren().add(output);
            }
            columns.getChildren().add(column);
        }
    }

    static String statusOf(CellNode result) {
        if (result == null) {
            return "not run";
        }
        if (result.status() == CellStatus.RUNNING) {
            return "running…";
        }
        String time = result.durationMs() + " ms";
        if (result.error() != null) {
            return result.error().ename() + " after " + time;
        }
        return "[" + result.executionCount() + "] done in " + time;
    }
}
