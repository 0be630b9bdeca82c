package dev.forkbook.ui.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A long output in full, in its own window: a virtualized, read-only list of lines (only the lines
 * on screen exist as nodes, so 200,000 lines scroll as smoothly as 20), with search and "Save
 * output…".
 */
public final class FullTextView extends BorderPane {

    private final String text;
    private final ListView<String> lines = new ListView<>();
    private final TextField search = new TextField();
    private final Label status = new Label();

    public FullTextView(String text) {
        this.text = text;
        getStyleClass().add("full-output");
        lines.getItems().setAll(splitLines(text));
        lines.setFixedCellSize(18);
        lines.getStyleClass().add("full-output-lines");
        search.setPromptText("Search");
        search.setOnAction(e -> findNext());
        Button next = new Button("Find next");
        next.setOnAction(e -> findNext());
        Button save = new Button("Save output…");
        save.setOnAction(e -> save());
        status.setText(String.format(Locale.ROOT, "%,d lines", lines.getItems().size()));
        ToolBar bar = new ToolBar(search, next, save, status);
        javafx.scene.layout.HBox.setHgrow(search, Priority.ALWAYS);
        setTop(bar);
        setCenter(lines);
        BorderPane.setMargin(lines, new Insets(0));
    }

    /** Opens the view in a window of its own. */
    public static Stage open(Window owner, String title, String text) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        Scene scene = new Scene(new FullTextView(text), 900, 600);
        scene.getStylesheets().add(FullTextView.class.getResource("full-output.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** The lines shown (for tests and the benchmark). */
    public ListView<String> lines() {
        return lines;
    }

    public TextField searchField() {
        return search;
    }

    /** Selects and shows the next line (after the selected one, wrapping) containing the query. */
    public int findNext() {
        String query = search.getText();
        List<String> items = lines.getItems();
        if (query.isEmpty() || items.isEmpty()) {
            return -1;
        }
        int start = lines.getSelectionModel().getSelectedIndex() + 1;
        for (int k = 0; k < items.size(); k++) {
            int i = (start + k) % items.size();
            if (items.get(i).contains(query)) {
                lines.getSelectionModel().clearAndSelect(i);
                lines.scrollTo(Math.max(0, i - 3));
                status.setText(String.format(Locale.ROOT, "line %,d of %,d", i + 1, items.size()));
                return i;
            }
        }
        status.setText("not found: " + query);
        return -1;
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

    /** The lines of {@code text}; a final newline ends the last line, it does not start one. */
    static List<String> splitLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            result.add(text.substring(start, i));
            start = i + 1;
        }
        if (start < text.length()) {
            result.add(text.substring(start));
        }
        return result;
    }

    /** How many lines {@link #splitLines} gives, without making them. */
    static int lineCount(String text) {
        int count = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        return text.isEmpty() || text.endsWith("\n") ? count : count + 1;
    }
}
