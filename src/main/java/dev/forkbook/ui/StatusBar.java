package dev.forkbook.ui;

import dev.forkbook.kernel.KernelStatus;
import dev.forkbook.ui.notebook.NotebookViewModel;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The bottom bar: the REST server's address with a copy-URL button, and the kernel's busy state. */
public final class StatusBar extends HBox {

    private static final javafx.css.PseudoClass LOST = javafx.css.PseudoClass.getPseudoClass("lost");

    private final Label busy = new Label();
    private final Label kernel = new Label("Kernel: embedded Jython");
    private final ProgressIndicator spinner = new ProgressIndicator();

    /**
     * @param serverUrl the server's base URL, or null when it does not run
     * @param urlWithToken what the copy button puts on the clipboard
     */
    public StatusBar(NotebookViewModel model, String serverUrl, String urlWithToken) {
        getStyleClass().add("status-bar");
        setSpacing(8);
        Label server = new Label(serverUrl == null ? "REST server off"
                : "REST server: " + serverUrl);
        server.getStyleClass().add("server-address");
        getChildren().add(server);
        if (urlWithToken != null) {
            Button copy = new Button("Copy URL", new FontIcon(Material2AL.CONTENT_COPY));
            copy.setId("copy-url");
            copy.setTooltip(new Tooltip("Copy the server URL with its token"));
            copy.getStyleClass().add("copy-url");
            copy.setMinWidth(Region.USE_PREF_SIZE);
            PauseTransition revert = new PauseTransition(Duration.seconds(2));
            revert.setOnFinished(e -> copy.setText("Copy URL"));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(urlWithToken);
                Clipboard.getSystemClipboard().setContent(content);
                copy.setText("Copied");
                revert.playFromStart();
            });
            getChildren().add(copy);
        }
        Label rebuild = new Label();
        rebuild.getStyleClass().add("rebuild-progress");
        Button cancel = new Button("Cancel rebuild");
        cancel.setId("cancel-rebuild");
        // The progress text may shrink; the button never does.
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        rebuild.setMinWidth(0);
        server.setMinWidth(0);
        cancel.setOnAction(e -> model.cancelRebuild());
        rebuild.visibleProperty().bind(model.rebuildingProperty().isNotNull());
        cancel.visibleProperty().bind(model.rebuildingProperty().isNotNull());
        rebuild.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var step = model.rebuildingProperty().get();
            return step == null ? "" : "Rebuilding " + step.step() + "/" + step.total();
        }, model.rebuildingProperty()));
        getChildren().addAll(rebuild, cancel);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        spinner.setPrefSize(14, 14);
        spinner.visibleProperty().bind(model.runningProperty().greaterThan(0));
        busy.getStyleClass().add("kernel-busy");
        busy.setMinWidth(Region.USE_PREF_SIZE);
        busy.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> kernelText(model.kernelStatusProperty().get(), model.runningProperty().get()),
                model.kernelStatusProperty(), model.runningProperty()));
        kernel.getStyleClass().add("kernel-label");
        kernel.setId("kernel-label");
        getChildren().addAll(gap, kernel, spinner, busy);
    }

    /** Which kernel the notebook runs on; {@code problem} when it cannot be reached. */
    public void showKernel(String text, boolean problem) {
        kernel.setText("Kernel: " + text);
        kernel.pseudoClassStateChanged(LOST, problem);
    }

    /** The kernel's part of the bar: starting (cells wait), failed, busy or idle. */
    static String kernelText(KernelStatus status, int running) {
        return switch (status) {
            case STARTING -> running > 0 ? "Starting kernel… (" + running + " waiting)"
                    : "Starting kernel…";
            case FAILED -> "Kernel failed to start";
            case READY -> running > 0 ? "Kernel busy: " + running + " running" : "Kernel idle";
        };
    }
}
