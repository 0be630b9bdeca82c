package dev.forkbook.ui.output;

import dev.forkbook.ui.fx.FxThread;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A long output in full, in its own window: read-only lines drawn only where they are on screen
 * ({@link LinesView}), with search and "Save output…". The window opens at once and empty; the
 * lines are indexed on a background thread and handed over when ready, so opening costs the FX
 * thread the same for 200,000 lines as for 20.
 */
public final class FullTextView extends BorderPane {

    private final String text;
    private final LinesView lines = new LinesView();
    private final TextField search = new TextField();
    private final Label status = new Label();
    private final CompletableFuture<TextLines> ready;
    private final HBox bar;

    /**
     * A view of {@code text}; its lines are indexed on {@code background} and shown through
     * {@code fx} (the FX thread).
     */
    public FullTextView(String text, Executor background, Executor fx) {
        this.text = text;
        getStyleClass().add("full-output");
        search.setPromptText("Search");
        search.setOnAction(e -> findNext());
        Button next = new Button("Find next");
        next.setOnAction(e -> findNext());
        Button save = new Button("Save output…");
        save.setOnAction(e -> save());
        status.setText(String.format(Locale.ROOT, "reading %,d characters…", text.length()));
        bar = new HBox(6, search, next, save, status);
        bar.getStyleClass().add("full-output-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        setCenter(lines);
        // The bar's controls (a text field's skin is costly) are styled in the pulse after the
        // window's first one, so no single pulse pays for all of the window.
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                setTop(bar);
            }
        }.start();
        BorderPane.setMargin(lines, new Insets(0));
        ready = CompletableFuture.supplyAsync(() -> TextLines.of(text), background)
                .thenApplyAsync(indexed -> {
                    lines.setLines(indexed);
                    status.setText(String.format(Locale.ROOT, "%,d lines", indexed.size()));
                    return indexed;
                }, fx);
    }

    /**
     * Builds, styles and lays out one small view off screen once {@code scene} has been drawn, so
     * the first "Show all" does not also pay for loading and compiling the view's classes, skins
     * and style sheet on the FX thread (it kept a 50 ms pulse budget only every other time
     * without). Call on FX.
     */
    public static void warmUpAfterFirstFrame(javafx.scene.Scene scene) {
        dev.forkbook.ui.fx.FirstFrame.then(scene, () -> {
            FullTextView view = new FullTextView("warm\nup", Runnable::run, Runnable::run);
            Scene offScreen = new Scene(view, 400, 300);
            offScreen.getStylesheets().add(stylesheet());
            view.setTop(view.searchBar());
            view.applyCss();
            view.layout();
            view.lines().scrollTo(1);
            view.findNext();
        });
    }

    private static String stylesheet() {
        return FullTextView.class.getResource("full-output.css").toExternalForm();
    }

    /** Opens the view in a window of its own (lines indexed on a shared background pool). */
    public static Stage open(Window owner, String title, String text) {
        return open(owner, title, text, ForkJoinPool.commonPool(), new FxThread());
    }

    /** Opens the view in a window of its own. */
    public static Stage open(Window owner, String title, String text, Executor background,
            Executor fx) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        Scene scene = new Scene(new FullTextView(text, background, fx), 900, 600);
        scene.getStylesheets().add(stylesheet());
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private HBox searchBar() {
        return bar;
    }

    /** The lines shown (for tests and the benchmark). */
    public LinesView lines() {
        return lines;
    }

    /** Completes on the FX thread once the lines are shown. */
    public CompletableFuture<TextLines> ready() {
        return ready;
    }

    public TextField searchField() {
        return search;
    }

    /** Selects and shows the next line (after the selected one, wrapping) containing the query. */
    public int findNext() {
        String query = search.getText();
        TextLines shown = lines.lines();
        int found = shown.find(query, lines.selectedIndex() + 1);
        if (found >= 0) {
            lines.select(found);
            status.setText(String.format(Locale.ROOT, "line %,d of %,d", found + 1, shown.size()));
        } else if (!query.isEmpty()) {
            status.setText("not found: " + query);
        }
        return found;
    }

    private void save() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save output");
        chooser.setInitialFileName("output.txt");
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
            status.setText("saved to " + file.getName());
        } catch (IOException e) {
            status.setText("could not save: " + e.getMessage());
        }
    }
}
