package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.notebook.CellView;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A Jupyter user's habits in a real window: errors, re-runs, Shift+Enter down a forked path. */
@ExtendWith(ApplicationExtension.class)
class JupyterHabitsFlowTest {

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static String plain(CellNode node) {
        return dev.forkbook.testing.OutputText.of(node.outputs());
    }

    private CellView pathCell(int index) {
        return fixture.window.notebook().pathViews().get(index);
    }

    /** Clicks into a path cell's editor and replaces its text by typing. */
    private void retype(FxRobot robot, CellView cell, String code) {
        robot.interact(cell::edit);
        robot.clickOn(cell.editor().area());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(code);
    }

    private void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        for (int i = keys.length - 1; i >= 0; i--) {
            robot.release(keys[i]);
        }
    }

    private List<CellStatus> pathStatuses() {
        return fixture.tree().pathTo(fixture.model.current()).stream().map(CellNode::status)
                .toList();
    }

    private void threeCells(FxRobot robot) {
        fixture.typeAndRun(robot, "x = 1");
        fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "y = x * 10");
        fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "y + 1");
        assertEquals("11", plain(fixture.awaitCurrentDone()));
    }

    @Test
    void fixing_a_failing_cell_and_running_it_again_leaves_one_node(FxRobot robot) {
        fixture.typeAndRun(robot, "f(0)");
        CellNode failed = fixture.awaitCurrentDone();
        assertEquals("NameError", failed.error().ename());
        retype(robot, pathCell(0), "abs(-4)");
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        CellNode fixed = WindowFixture.await(() -> {
            CellNode node = fixture.tree().get(failed.id());
            return node.status() == CellStatus.OK ? node : null;
        });
        assertEquals("4", plain(fixed));
        assertEquals(1, fixture.tree().children(NotebookTree.ROOT_ID).size(), "no red sibling");
        assertEquals(2, fixture.tree().size(), "the root and the one cell");
    }

    @Test
    void shift_enter_from_the_first_cell_walks_all_three_onto_the_new_branch(FxRobot robot) {
        threeCells(robot);
        retype(robot, pathCell(0), "x = 2");
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().get(0) == CellStatus.OK
                && pathStatuses().get(1) == CellStatus.PENDING ? true : null);
        assertEquals(3, fixture.window.notebook().pathViews().size());
        assertTrue(pathCell(1).isFocused(), "the next cell is selected in command mode");

        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().get(1) == CellStatus.OK ? true : null);
        assertEquals(3, fixture.window.notebook().pathViews().size());

        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().get(2) == CellStatus.OK ? true : null);
        assertEquals(3, fixture.window.notebook().pathViews().size());
        assertEquals("21", plain(fixture.tree().get(fixture.model.current())));
        assertEquals(2, fixture.tree().children(NotebookTree.ROOT_ID).size(),
                "the old branch and the new one");
        assertTrue(fixture.window.notebook().bottomCell().editor().area().isFocused(),
                "after the last cell the input cell has the keyboard");
    }

    @Test
    void after_a_failed_attempt_run_all_pending_still_runs_the_rest(FxRobot robot) {
        threeCells(robot);
        retype(robot, pathCell(0), "x = (");
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().get(0) == CellStatus.ERROR ? true : null);
        assertEquals(List.of(CellStatus.ERROR, CellStatus.PENDING, CellStatus.PENDING),
                pathStatuses());

        retype(robot, pathCell(0), "x = 3");
        press(robot, KeyCode.CONTROL, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().get(0) == CellStatus.OK ? true : null);
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().equals(List.of(CellStatus.OK, CellStatus.OK,
                CellStatus.OK)) ? true : null);
        assertEquals("31", plain(fixture.tree().get(fixture.model.current())));
        assertEquals(2, fixture.tree().children(NotebookTree.ROOT_ID).size(),
                "the failed attempt was replaced by its fix");
    }

    @Test
    void editing_a_markdown_cell_changes_no_branch(FxRobot robot) {
        fixture.typeAndRun(robot, "x = 1");
        fixture.awaitCurrentDone();
        robot.interact(() -> fixture.window.notebook().editBottom(CellKind.MARKDOWN));
        robot.interact(() -> { });
        robot.clickOn(fixture.window.notebook().bottomCell().editor().area());
        robot.write("# Title");
        String before = fixture.model.current();
        fixture.shiftEnter(robot, before);
        fixture.typeAndRun(robot, "x + 1");
        CellNode last = fixture.awaitCurrentDone();
        int size = fixture.tree().size();

        retype(robot, pathCell(1), "# Better title");
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> fixture.tree().get(pathCell(1).node().id()).source()
                .equals("# Better title") ? true : null);
        assertEquals(size, fixture.tree().size(), "no new node");
        assertEquals(last.id(), fixture.model.current());
        assertEquals(CellStatus.OK, fixture.tree().get(last.id()).status());
        assertEquals(3, fixture.window.notebook().pathViews().size());
    }

    @Test
    void a_cell_inserted_with_a_in_command_mode_is_typed_into_and_runs(FxRobot robot) {
        fixture.typeAndRun(robot, "x = 1");
        fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "x + 1");
        fixture.awaitCurrentDone();
        robot.interact(() -> pathCell(1).commandMode());
        press(robot, KeyCode.A);
        WindowFixture.await(() -> fixture.window.notebook().pathViews().size() == 3 ? true : null);
        CellView inserted = pathCell(1);
        assertEquals(CellStatus.PENDING, inserted.node().status());
        press(robot, KeyCode.ENTER);
        WindowFixture.await(() -> inserted.isEditing() ? true : null);
        robot.write("x = 5");
        assertTrue(inserted.editor().area().getHeight() >= 18,
                "the editor shows its line (was " + inserted.editor().area().getHeight() + ")");
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> fixture.tree().get(inserted.node().id()).status()
                == CellStatus.OK ? true : null);
        press(robot, KeyCode.SHIFT, KeyCode.ENTER);
        WindowFixture.await(() -> pathStatuses().equals(List.of(CellStatus.OK, CellStatus.OK,
                CellStatus.OK)) ? true : null);
        assertEquals("6", plain(fixture.tree().get(fixture.model.current())));
    }

    @Test
    void the_input_cell_says_it_runs_after_the_last_state_when_a_cell_failed(FxRobot robot) {
        fixture.typeAndRun(robot, "x = 100");
        CellNode first = fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "1/0");
        CellNode failed = fixture.awaitCurrentDone();
        String caption = WindowFixture.await(() -> {
            String text = fixture.window.notebook().bottomCell().caption().getText();
            return text.contains("left no state") ? text : null;
        });
        assertEquals("runs after [" + first.executionCount() + "] x = 100; ["
                + failed.executionCount() + "] left no state", caption);
        fixture.typeAndRun(robot, "x + 1");
        CellNode below = fixture.awaitCurrentDone();
        assertEquals(failed.id(), below.parentId());
        assertEquals("101", plain(below));
    }

    @Test
    void d_d_in_command_mode_deletes_a_cell_from_the_path_and_the_cells_below_become_pending(
            FxRobot robot) {
        threeCells(robot);
        CellNode middle = pathCell(1).node();
        retype(robot, pathCell(1), "y = 0");
        press(robot, KeyCode.ESCAPE);
        WindowFixture.await(() -> pathCell(1).isFocused() ? true : null);
        press(robot, KeyCode.D);
        press(robot, KeyCode.D);
        WindowFixture.await(() -> fixture.window.notebook().pathViews().size() == 2 ? true : null);
        assertEquals(List.of("x = 1", "y + 1"), fixture.tree().pathTo(fixture.model.current())
                .stream().map(CellNode::source).toList());
        assertEquals(List.of(CellStatus.OK, CellStatus.PENDING), pathStatuses());
        assertTrue(fixture.tree().contains(middle.id()), "the old branch stays in the tree");
        assertEquals("y = x * 10", fixture.tree().get(middle.id()).source(),
                "Esc left the unrun edit out of the document");
    }
}
