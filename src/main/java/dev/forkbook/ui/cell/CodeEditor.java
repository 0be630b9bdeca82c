package dev.forkbook.ui.cell;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * A Python code editor for one cell: RichTextFX with highlighting recomputed off the FX thread after
 * typing pauses, line numbers, auto-indent, Tab completion, and a height that follows its content
 * (the notebook scrolls, not the editor, so wheel events go to the notebook: RichTextFX would
 * otherwise swallow them).
 */
public final class CodeEditor {

    private static final String INDENT = "    ";

    private final CodeArea area = new CodeArea() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            afterLayout();
        }
    };
    private final Executor background;
    private final Executor fx;
    private Function<String, CompletableFuture<List<String>>> completer;
    /** The completion list on screen, or null. */
    private ContextMenu completions;
    private volatile Function<String, StyleSpans<Collection<String>>> highlighter =
            PythonHighlighter::highlight;

    public CodeEditor(String text, Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        area.getStyleClass().add("code-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setWrapText(false);
        area.replaceText(text);
        area.setStyleSpans(0, PythonHighlighter.highlight(text));
        area.getUndoManager().forgetHistory();
        area.multiPlainChanges().successionEnds(Duration.ofMillis(150))
                .subscribe(ignore -> rehighlight());
        // The height follows the number of lines, never RichTextFX's totalHeightEstimate: that is
        // briefly 0 or stale after a text change, which collapsed the editor while typing.
        area.getParagraphs().sizeProperty().addListener((obs, old, lines) -> fitHeight());
        fitHeight();
        // Themes give list cells a fixed -fx-cell-size (AtlantaFX: 2.8em); the editor must then not
        // be squeezed below its text by the cell it sits in.
        area.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        area.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        area.plainTextChanges().subscribe(change -> refreshCompletions(change.getInserted()));
        area.addEventFilter(ScrollEvent.SCROLL, this::forwardScroll);
    }

    /** Border and paragraph padding around the lines. */
    private static final double CHROME = 8;
    /** A first guess of one line's height, before any line has been laid out. */
    private static final double FIRST_GUESS = Math.max(textHeight(Font.font("DejaVu Sans Mono", 13)),
            18);

    private double lineHeight = FIRST_GUESS;

    private static double textHeight(Font font) {
        Text probe = new Text("Xg|");
        probe.setFont(font);
        return Math.ceil(probe.getLayoutBounds().getHeight());
    }

    /** The height that shows every line: lines times the line height measured on screen. */
    private void fitHeight() {
        double height = Math.max(1, area.getParagraphs().size()) * lineHeight + CHROME;
        if (area.getPrefHeight() != height) {
            area.setMinHeight(height);
            area.setPrefHeight(height);
        }
    }

    /**
     * After a layout, learns the real line height (fonts, line numbers and padding as they are
     * rendered) from a laid-out line when it is taller than assumed, and keeps every line in view:
     * the editor is as tall as its text, so it never needs to scroll inside itself.
     */
    private void afterLayout() {
        if (!area.getVisibleParagraphs().isEmpty()) {
            area.getParagraphBoundsOnScreen(area.visibleParToAllParIndex(0))
                    .map(javafx.geometry.Bounds::getHeight)
                    // Only ever grows: a line partly outside the viewport reports a clipped height.
                    .filter(height -> height > lineHeight + 0.5)
                    .ifPresent(height -> lineHeight = height);
        }
        fitHeight();
        if (area.getEstimatedScrollY() != 0 && area.getHeight() >= area.getPrefHeight()) {
            area.scrollYToPixel(0);
        }
    }

    /** The editor's stylesheet; added once by the container, not per editor (that is slow). */
    public static String stylesheet() {
        return CodeEditor.class.getResource("editor.css").toExternalForm();
    }

    public CodeArea area() {
        return area;
    }

    public String text() {
        return area.getText();
    }

    public void setText(String text) {
        area.replaceText(text);
    }

    /** Supplies completions for the text before the caret (Tab). */
    public void setCompleter(Function<String, CompletableFuture<List<String>>> completer) {
        this.completer = completer;
    }

    /**
     * Highlights the text as Python (the default) or, for a markdown cell, as markdown
     * ({@link MarkdownHighlighter}); applied at once.
     */
    public void setMarkdown(boolean markdown) {
        Function<String, StyleSpans<Collection<String>>> chosen = markdown
                ? MarkdownHighlighter::highlight : PythonHighlighter::highlight;
        highlighter = chosen;
        area.setStyleSpans(0, chosen.apply(area.getText()));
    }

    private void rehighlight() {
        String text = area.getText();
        Function<String, StyleSpans<Collection<String>>> styler = highlighter;
        try {
            CompletableFuture.supplyAsync(() -> styler.apply(text), background)
                    .thenAcceptAsync(spans -> {
                        if (area.getText().equals(text) && highlighter == styler) {
                            area.setStyleSpans(0, spans);
                        }
                    }, fx);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // The window is closing; there is nothing left to highlight for.
        }
    }

    private void onKey(KeyEvent event) {
        if (event.getCode() == KeyCode.ENTER && !event.isShiftDown() && !event.isControlDown()
                && !event.isAltDown() && !event.isMetaDown()) {
            event.consume();
            area.replaceSelection("\n" + AutoIndent.indentAfter(currentLineBeforeCaret()));
        } else if (event.getCode() == KeyCode.TAB && !event.isShiftDown()) {
            event.consume();
            complete();
        }
    }

    private String currentLineBeforeCaret() {
        String before = area.getText(0, area.getCaretPosition());
        return before.substring(before.lastIndexOf('\n') + 1);
    }

    private void complete() {
        String line = currentLineBeforeCaret();
        String word = AutoIndent.wordBeforeCaret(line);
        if (completer == null || word.isEmpty()) {
            area.replaceSelection(INDENT);
            return;
        }
        completer.apply(word).thenAcceptAsync(options -> offer(word, options), fx);
    }

    /**
     * Typing while the completion list is open never leaves a stale list: a name character filters
     * it anew (as JupyterLab does), anything else ({@code .}, space, a bracket) closes it.
     */
    private void refreshCompletions(String inserted) {
        if (completions == null) {
            return;
        }
        hideCompletions();
        boolean nameCharacter = inserted.length() == 1
                && (Character.isLetterOrDigit(inserted.charAt(0)) || inserted.charAt(0) == '_');
        if (nameCharacter) {
            String word = AutoIndent.wordBeforeCaret(currentLineBeforeCaret());
            completer.apply(word).thenAcceptAsync(options -> {
                if (word.equals(AutoIndent.wordBeforeCaret(currentLineBeforeCaret()))) {
                    offer(word, options, false);
                }
            }, fx);
        }
    }

    private void hideCompletions() {
        if (completions != null) {
            completions.hide();
            completions = null;
        }
    }

    /** The completion list on screen (for tests), or null. */
    public ContextMenu completionList() {
        return completions;
    }

    private void offer(String word, List<String> options) {
        offer(word, options, true);
    }

    private void offer(String word, List<String> options, boolean insertSingle) {
        hideCompletions();
        if (options.isEmpty()) {
            return;
        }
        if (options.size() == 1 && insertSingle) {
            area.replaceSelection(options.get(0).substring(word.length()));
            return;
        }
        ContextMenu menu = new ContextMenu();
        menu.getStyleClass().add("completions");
        for (String option : options.subList(0, Math.min(options.size(), 50))) {
            MenuItem item = new MenuItem(option);
            item.setOnAction(e -> {
                completions = null;
                area.replaceSelection(option.substring(word.length()));
            });
            menu.getItems().add(item);
        }
        menu.setOnHidden(e -> {
            if (completions == menu) {
                completions = null;
            }
        });
        completions = menu;
        area.getCaretBounds().ifPresent(bounds -> menu.show(area, bounds.getMinX(), bounds.getMaxY()));
    }

    /**
     * RichTextFX's own scrolling consumes wheel events even when there is nothing to scroll; the
     * editor is as tall as its text, so the event is handed to the container (the notebook list).
     */
    private void forwardScroll(ScrollEvent event) {
        Parent container = area.getParent();
        if (container == null || event.getTarget() != area && !isInside(event.getTarget())) {
            return;
        }
        event.consume();
        container.fireEvent(event.copyFor(container, container));
    }

    private boolean isInside(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null; node = node.getParent()) {
            if (node == area) {
                return true;
            }
        }
        return false;
    }
}
