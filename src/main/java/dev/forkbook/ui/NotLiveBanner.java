package dev.forkbook.ui;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.notebook.NotebookViewModel;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Above the notebook while the current path has cells whose states are not live (a reopened
 * notebook): says so, and how many cells running here will replay first.
 */
final class NotLiveBanner extends HBox {

    private final NotebookViewModel model;
    private final Label message = new Label();

    NotLiveBanner(NotebookViewModel model) {
        this.model = model;
        getStyleClass().add("not-live-banner");
        setId("not-live-banner");
        message.setWrapText(true);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        Button rebuild = new Button("Rebuild now", new FontIcon(Material2MZ.REFRESH));
        rebuild.setMinWidth(Region.USE_PREF_SIZE);
        rebuild.setOnAction(e -> model.rebuildCurrent());
        getChildren().addAll(new FontIcon(Material2MZ.RESTORE), message, rebuild);
        model.currentProperty().addListener((obs, old, id) -> refresh());
        model.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                if (before.status() != after.status()) {
                    refresh();
                }
            }

            @Override
            public void removed(CellNode node) {
            }
        });
        refresh();
    }

    /** Code cells on the path to {@code id} below its last live one whose states are gone. */
    static int toReplay(NotebookTree tree, String id) {
        int count = 0;
        for (CellNode node : tree.pathTo(id)) {
            if (node.kind() != CellKind.CODE) {
                continue;
            }
            if (node.isLive()) {
                count = 0;
            } else if (node.status() == CellStatus.NOT_LIVE) {
                count++;
            }
        }
        return count;
    }

    private void refresh() {
        int cells = toReplay(model.tree(), model.current());
        setVisible(cells > 0);
        setManaged(cells > 0);
        message.setText((cells == 1 ? "This cell's state is" : "These cells' states are")
                + " not live (" + reasons(model.tree(), model.current()) + "). Running a cell here "
                + "will first replay " + cells + (cells == 1 ? " cell." : " cells."));
    }

    /** Why the not-live cells on the path to {@code id} are not live, each reason once. */
    static String reasons(NotebookTree tree, String id) {
        return tree.pathTo(id).stream().filter(node -> node.kind() == CellKind.CODE
                && node.status() == CellStatus.NOT_LIVE).map(node -> tree.notLiveReason(node.id()))
                .distinct().collect(java.util.stream.Collectors.joining("; "));
    }
}
