package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.notebook.CellView;
import java.time.Duration;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * After Shift+Enter the new cell below owns the keyboard and is in view, whatever the run left
 * behind (a long output, a rebuild of the path, an error), so what the user types next lands there.
 */
@ExtendWith(ApplicationExtension.class)
class TypingAfterRunTest {

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
    void typing_after_a_cell_with_a_long_output_lands_in_the_new_cell(FxRobot robot) {
        fixture.runCode(robot, "for i in range(3000): print(i)");
        fixture.awaitCurrentDone();
        assertTypingLandsInTheNewCell(robot, "r = 1", "after a 3000-line output");
    }

    @Test
    void typing_after_a_run_that_rebuilt_the_path_lands_in_the_new_cell(FxRobot robot) {
        for (String line : new String[] {"z = 1", "w = 2", "j = 3", "for i in range(40): print(i)",
                "a = 4", "b = 5", "c = 6", "d = 7"}) {
            fixture.runCode(robot, line);
            fixture.awaitCurrentDone();
        }
        fixture.model.session().restart(Duration.ofSeconds(2)).join();
        WindowFixture.await(() -> fixture.tree().get(fixture.model.current()).status()
                == CellStatus.NOT_LIVE ? true : null);
        fixture.runCode(robot, "print(z, w, j)");
        fixture.awaitCurrentDone();
        assertTypingLandsInTheNewCell(robot, "zz = 3", "after the run rebuilt 8 cells");
    }

    @Test
    void typing_after_an_error_lands_in_the_new_cell(FxRobot robot) {
        fixture.runCode(robot, "1/0");
        fixture.awaitCurrentDone();
        assertTypingLandsInTheNewCell(robot, "z = 2", "after ZeroDivisionError");
        fixture.shiftEnter(robot, fixture.model.current());
        fixture.awaitCurrentDone();
        assertTypingLandsInTheNewCell(robot, "undefined_name", "after a second run");
        fixture.shiftEnter(robot, fixture.model.current());
        fixture.awaitCurrentDone();
        assertTypingLandsInTheNewCell(robot, "y = 3", "after NameError");
    }

    /** Waits (bounded) for the new cell to own the keyboard in view, then types into it. */
    private void assertTypingLandsInTheNewCell(FxRobot robot, String text, String when) {
        CellView bottom = fixture.window.notebook().bottomCell();
        String[] problem = new String[1];
        long deadline = System.nanoTime() + 3_000_000_000L;
        do {
            robot.interact(() -> problem[0] = problem(bottom));
            if (problem[0] == null) {
                break;
            }
            robot.sleep(30);
        } while (System.nanoTime() < deadline);
        assertTrue(problem[0] == null, when + ": " + problem[0]);
        robot.write(text);
        robot.interact(() -> { });
        String[] typed = new String[1];
        robot.interact(() -> typed[0] = bottom.editor() == null ? null : bottom.editor().text());
        assertEquals(text, typed[0], when + ": the typed text is in the new cell");
        robot.interact(() -> problem[0] = problem(bottom));
        assertTrue(problem[0] == null, when + ", after typing: " + problem[0]);
    }

    /** Why the new (bottom) cell does not own the keyboard in view, or null. */
    private String problem(CellView bottom) {
        if (bottom.editor() == null) {
            return "the new cell has no editor";
        }
        Node area = bottom.editor().area();
        if (area.getScene() == null) {
            return "the new cell is not in the scene";
        }
        Node owner = area.getScene().getFocusOwner();
        if (owner != area) {
            return "the keyboard is on " + owner + (owner != null && owner.getScene() == null
                    ? " (no longer in the scene)" : "");
        }
        Node viewport = fixture.window.notebook();
        Bounds box = area.localToScene(area.getLayoutBounds());
        Bounds view = viewport.localToScene(viewport.getLayoutBounds());
        if (box.getMinY() < view.getMinY() - 1 || box.getMaxY() > view.getMaxY() + 1) {
            return "its editor spans " + (int) box.getMinY() + ".." + (int) box.getMaxY()
                    + " but the notebook shows " + (int) view.getMinY() + ".." + (int) view.getMaxY();
        }
        return null;
    }
}
