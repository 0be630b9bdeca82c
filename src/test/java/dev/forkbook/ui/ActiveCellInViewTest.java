package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.notebook.CellView;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** After every run, whatever the keys and wherever the cell, the active cell's editor is on screen. */
@ExtendWith(ApplicationExtension.class)
class ActiveCellInViewTest {

    private static final String TALL = "for k in range(14): print('line', k)";

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
    void the_active_cell_is_in_view_after_runs_at_the_bottom_and_in_the_middle(FxRobot robot) {
        for (int i = 0; i < 5; i++) {
            fixture.runCode(robot, TALL);
            fixture.awaitCurrentDone();
        }
        assertActiveInView(robot, "after Shift+Enter on the bottom cell");

        CellView middle = fixture.window.notebook().pathViews().get(2);
        robot.interact(() -> fixture.window.notebook().scrollTo(2));
        robot.interact(middle::edit);
        robot.interact(() -> middle.editor().setText("for k in range(30): print('again', k)"));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        awaitIdle(robot);
        assertActiveInView(robot, "after Ctrl+Enter on an edited cell in the middle");

        CellView second = fixture.window.notebook().pathViews().get(1);
        robot.interact(() -> fixture.window.notebook().scrollTo(1));
        robot.interact(second::edit);
        robot.interact(() -> second.editor().setText("import time\nfor k in range(40):\n"
                + "    print('more', k)\n    time.sleep(0.005)"));
        robot.press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        awaitIdle(robot);
        assertActiveInView(robot, "after Shift+Enter on an edited cell in the middle");
    }

    @Test
    void typing_at_human_speed_after_a_web_output_renders_in_a_tall_notebook_loses_no_key(
            FxRobot robot) {
        fixture.runCode(robot, "from IPython.display import HTML");
        fixture.awaitCurrentDone();
        for (int i = 0; i < 6; i++) {
            fixture.runCode(robot, i % 2 == 0 ? TALL
                    : "HTML('<div style=\"height:160px\">block " + i + "</div>')");
            fixture.awaitCurrentDone();
        }
        CellView bottom = fixture.window.notebook().bottomCell();
        robot.interact(() -> fixture.window.notebook().editBottom(
                dev.forkbook.notebook.CellKind.CODE));
        robot.clickOn(bottom.editor().area());
        robot.write("HTML('<div style=\"height:160px\">late</div>')");
        String before = fixture.model.current();
        robot.press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        // The next cell is typed into at once, while the output of the run arrives and renders.
        String typed = "z = 2 + 3";
        for (char c : typed.toCharArray()) {
            robot.write(c);
            robot.sleep(120);
        }
        WindowFixture.await(() -> !fixture.model.current().equals(before) ? true : null);
        awaitIdle(robot);
        robot.sleep(300);
        robot.interact(() -> { });
        assertEquals(typed, fixture.window.notebook().bottomCell().sourceText(),
                "every key typed after Shift+Enter is in the next cell");
    }

    private void awaitIdle(FxRobot robot) {
        robot.sleep(50);
        WindowFixture.await(() -> fixture.tree().pathTo(fixture.model.current()).stream()
                .noneMatch(node -> node.status() == CellStatus.RUNNING) ? true : null);
        robot.interact(() -> { });
        robot.interact(() -> { });
    }

    private void assertActiveInView(FxRobot robot, String when) {
        WaitForAsyncUtils.waitForFxEvents();
        String[] problem = new String[1];
        for (int attempt = 0; attempt < 20; attempt++) {
            robot.interact(() -> problem[0] = problem());
            if (problem[0] == null) {
                return;
            }
            robot.sleep(25);
        }
        assertTrue(problem[0] == null, when + ": " + problem[0]);
    }

    /** Why the active cell's source is not fully inside the notebook's viewport, or null. */
    private String problem() {
        CellView active = fixture.window.notebook().activeCell();
        Node source = active.editor() != null ? active.editor().area() : active;
        if (source.getScene() == null || !source.isVisible()) {
            return "the active cell is not shown";
        }
        Node viewport = fixture.window.notebook();
        Bounds box = source.localToScene(source.getLayoutBounds());
        Bounds view = viewport.localToScene(viewport.getLayoutBounds());
        if (box.getMinY() < view.getMinY() - 1 || box.getMaxY() > view.getMaxY() + 1) {
            return "its editor spans " + (int) box.getMinY() + ".." + (int) box.getMaxY()
                    + " but the notebook shows " + (int) view.getMinY() + ".." + (int) view.getMaxY();
        }
        return null;
    }
}
