package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.ui.notebook.CellView;
import java.util.concurrent.ExecutionException;
import javafx.geometry.Bounds;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The code editor while a person types: real key presses with human pauses between them, and after
 * every key the editor is at least one line tall per line of its text and every line is on screen.
 */
@ExtendWith(ApplicationExtension.class)
class EditorTypingTest {

    /** Pauses between keys, cycled: a fast typist, a slow one, and the frame-sized gaps between. */
    private static final int[] PAUSES_MS = {30, 120, 60, 200, 16, 90};

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void the_editor_grows_line_by_line_and_shows_its_text_while_typing_at_human_speed(
            FxRobot robot) {
        CodeArea area = openBottomEditor(robot);
        KeyCode[][] keys = {
            {KeyCode.X}, {KeyCode.SPACE}, {KeyCode.EQUALS}, {KeyCode.SPACE}, {KeyCode.DIGIT1},
            {KeyCode.ENTER}, {KeyCode.Y}, {KeyCode.SPACE}, {KeyCode.EQUALS}, {KeyCode.SPACE},
            {KeyCode.X}, {KeyCode.ENTER}, {KeyCode.ENTER}, {KeyCode.Z}, {KeyCode.SPACE},
            {KeyCode.EQUALS}, {KeyCode.SPACE}, {KeyCode.DIGIT3}, {KeyCode.BACK_SPACE},
            {KeyCode.DIGIT4}, {KeyCode.ENTER}, {KeyCode.BACK_SPACE}, {KeyCode.BACK_SPACE},
        };
        for (int i = 0; i < keys.length; i++) {
            robot.type(keys[i]);
            robot.sleep(PAUSES_MS[i % PAUSES_MS.length]);
            assertTallEnoughAndVisible(area, "after key " + (i + 1) + " (" + keys[i][0] + ")");
        }
        assertEquals("x = 1\ny = x\n\nz = ", read(() -> area.getText()));
    }

    @Test
    void pasting_several_lines_shows_them_all_at_once(FxRobot robot) {
        CodeArea area = openBottomEditor(robot);
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n");
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
        robot.sleep(PAUSES_MS[1]);
        assertEquals(7, (int) read(() -> area.getParagraphs().size()));
        assertTallEnoughAndVisible(area, "after the paste");
        robot.type(KeyCode.G);
        robot.sleep(PAUSES_MS[4]);
        assertTallEnoughAndVisible(area, "after a key typed after the paste");
    }

    @Test
    void a_cell_edited_earlier_shows_its_text_when_its_path_is_shown_again(FxRobot robot) {
        fixture.runCode(robot, "a = 1\nb = 2\nc = 3");
        String first = fixture.awaitCurrentDone().id();
        CellView cell = fixture.window.notebook().pathViews().get(0);
        robot.interact(cell::edit);
        CodeArea area = cell.editor().area();
        robot.type(KeyCode.END);
        robot.type(KeyCode.ENTER, KeyCode.D);
        robot.sleep(PAUSES_MS[2]);
        assertTallEnoughAndVisible(area, "while editing the cell");
        // Show another path (the root's), then this one again.
        robot.interact(() -> fixture.model.select(dev.forkbook.notebook.NotebookTree.ROOT_ID));
        robot.sleep(PAUSES_MS[3]);
        robot.interact(() -> fixture.model.select(first));
        robot.sleep(PAUSES_MS[3]);
        assertTallEnoughAndVisible(area, "after its path was shown again");
    }

    @Test
    void a_markdown_cell_highlights_markdown_and_leaves_python_keywords_in_prose_plain(
            FxRobot robot) throws java.util.concurrent.TimeoutException {
        robot.interact(() -> fixture.window.notebook().addCell(CellKind.MARKDOWN));
        robot.interact(() -> { });
        CodeArea area = fixture.window.notebook().bottomCell().editor().area();
        robot.clickOn(area);
        robot.write("# Title\nthis is it and `x`");
        String text = read(area::getText);
        int is = text.indexOf(" is ") + 1;
        int code = text.indexOf('`');
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> read(() -> area.getStyleOfChar(code).contains("md-code")));
        assertTrue(read(() -> area.getStyleOfChar(0).contains("md-heading")));
        assertEquals(java.util.List.of(), read(() -> java.util.List.copyOf(area.getStyleOfChar(is))),
                "'is' in prose");
    }

    @Test
    void the_completion_list_follows_typed_letters_and_closes_on_a_dot(FxRobot robot)
            throws java.util.concurrent.TimeoutException {
        CodeArea area = openBottomEditor(robot);
        var editor = fixture.window.notebook().bottomCell().editor();
        java.util.List<String> names = java.util.List.of("alpha", "alps", "beta");
        robot.interact(() -> editor.setCompleter(word -> java.util.concurrent.CompletableFuture
                .completedFuture(names.stream().filter(n -> n.startsWith(word)).toList())));
        robot.write("al");
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> read(() -> shown(editor)).equals(java.util.List.of("alpha", "alps")));
        robot.write("ph");
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> read(() -> shown(editor)).equals(java.util.List.of("alpha")));
        robot.write("a.");
        robot.sleep(PAUSES_MS[1]);
        assertEquals(java.util.List.of(), read(() -> shown(editor)), "the list after typing '.'");
        assertEquals("alpha.", read(area::getText));
    }

    /** The names in the completion list on screen, empty when none is shown. */
    private static java.util.List<String> shown(dev.forkbook.ui.cell.CodeEditor editor) {
        var list = editor.completionList();
        if (list == null || !list.isShowing()) {
            return java.util.List.of();
        }
        return list.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList();
    }

    private CodeArea openBottomEditor(FxRobot robot) {
        CellView bottom = fixture.window.notebook().bottomCell();
        robot.interact(() -> fixture.window.notebook().addCell(CellKind.CODE));
        robot.interact(() -> { });
        CodeArea area = bottom.editor().area();
        robot.clickOn(area);
        return area;
    }

    /**
     * Checks the next frame the user sees (right after the next layout pulse, without waiting for
     * any later one): the editor's height holds every line, and each line is laid out inside the
     * editor's viewport and the window.
     */
    private static void assertTallEnoughAndVisible(CodeArea area, String when) {
        String problem = afterNextLayout(area, () -> {
            double line = lineHeight();
            int lines = area.getParagraphs().size();
            if (area.getHeight() < lines * line) {
                return "the editor is " + area.getHeight() + " px tall for " + lines
                        + " lines of " + line + " px";
            }
            if (area.getVisibleParagraphs().size() != lines) {
                return "only " + area.getVisibleParagraphs().size() + " of " + lines
                        + " lines are laid out";
            }
            Bounds editor = area.localToScene(area.getLayoutBounds());
            for (int i = 0; i < lines; i++) {
                var box = area.getParagraphBoundsOnScreen(i);
                if (box.isEmpty() || box.get().getHeight() < line * 0.8) {
                    return "line " + (i + 1) + " has no visible box";
                }
            }
            if (editor.getMinY() < 0 || editor.getMaxY() > area.getScene().getHeight()) {
                return "the editor is outside the window: " + editor;
            }
            return null;
        });
        if (problem != null) {
            problem += read(() -> " [height " + area.getHeight() + ", scrollY "
                    + area.getEstimatedScrollY() + ", total " + area.getTotalHeightEstimate()
                    + ", needsLayout " + area.isNeedsLayout() + "]");
        }
        assertTrue(problem == null, when + ": " + problem);
    }

    /** The height of one line of the editor's font (DejaVu Sans Mono 13 px, as in editor.css). */
    private static double lineHeight() {
        Text probe = new Text("Xg");
        probe.setFont(Font.font("DejaVu Sans Mono", 13));
        return Math.floor(probe.getLayoutBounds().getHeight());
    }

    private static <T> T afterNextLayout(CodeArea area,
            java.util.concurrent.Callable<T> probe) {
        java.util.concurrent.CompletableFuture<T> seen = new java.util.concurrent.CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            javafx.scene.Scene scene = area.getScene();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                scene.removePostLayoutPulseListener(listener[0]);
                try {
                    seen.complete(probe.call());
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            javafx.application.Platform.requestNextPulse();
        });
        try {
            return seen.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T read(java.util.concurrent.Callable<T> probe) {
        try {
            return WaitForAsyncUtils.asyncFx(probe).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
