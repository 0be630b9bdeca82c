package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Output;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.notebook.CellView;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The notebook flows a user goes through, with a robot on a real window and kernel. */
@ExtendWith(ApplicationExtension.class)
class NotebookFlowTest {

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

    @Test
    void typing_code_and_pressing_shift_enter_adds_a_node_with_its_output(FxRobot robot) {
        fixture.typeAndRun(robot, "6 * 7");
        CellNode node = fixture.awaitCurrentDone();
        assertEquals("42", plain(node));
        assertEquals(NotebookTree.ROOT_ID, node.parentId());
        assertTrue(fixture.window.tree().rowOf(node.id()) > 0, "the node is in the graph");
        assertEquals(1, fixture.window.notebook().pathViews().size());
        assertTrue(robot.lookup(".text-output").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Label) n).getText().equals("42")));
    }

    @Test
    void editing_a_middle_cell_forks_and_replay_runs_the_rest_of_the_path(FxRobot robot) {
        fixture.typeAndRun(robot, "x = 1");
        CellNode a = fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "y = x * 10");
        CellNode b = fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "y + 1");
        CellNode c = fixture.awaitCurrentDone();
        assertEquals("11", plain(c));

        CellView middle = fixture.window.notebook().pathViews().get(1);
        robot.interact(middle::edit);
        robot.interact(() -> middle.editor().setText("y = x * 100"));
        robot.clickOn(middle.editor().area());
        fixture.shiftEnter(robot, c.id());
        CellNode forked = WindowFixture.await(() -> {
            List<CellNode> children = fixture.tree().children(a.id());
            CellNode last = children.get(children.size() - 1);
            return children.size() == 2 && last.status() == CellStatus.OK ? last : null;
        });
        assertEquals(List.of(b.id(), forked.id()),
                fixture.tree().children(a.id()).stream().map(CellNode::id).toList());
        assertEquals(3, fixture.window.notebook().pathViews().size(),
                "the view follows the fork and keeps the cell below, pending");
        assertEquals("y = x * 10", middle.sourceText(), "the old cell keeps its own source");
        CellNode pending = fixture.tree().get(fixture.model.current());
        assertEquals(CellStatus.PENDING, pending.status());

        Button runPending = robot.lookup("#replay").queryButton();
        WindowFixture.await(() -> !runPending.isDisabled());
        robot.clickOn(runPending);
        CellNode replayed = WindowFixture.await(() -> {
            CellNode current = fixture.tree().get(fixture.model.current());
            return current.status() == CellStatus.OK ? current : null;
        });
        assertEquals(pending.id(), replayed.id(), "the pending cell itself ran");
        assertEquals(forked.id(), replayed.parentId());
        assertEquals("101", plain(replayed));
        assertEquals("11", plain(fixture.tree().get(c.id())), "the old branch stays");
        assertEquals(3, fixture.window.notebook().pathViews().size());
        assertFalse(runPending.isFocused(), "the keyboard is not left on the button");
    }

    @Test
    void interrupt_stops_a_running_cell(FxRobot robot) {
        fixture.runCode(robot, "while True:\n    pass");
        WindowFixture.await(() -> fixture.model.runningProperty().get() == 1);
        Button interrupt = robot.lookup("#interrupt").queryButton();
        WindowFixture.await(() -> !interrupt.isDisabled());
        robot.clickOn(interrupt);
        CellNode stopped = fixture.awaitCurrentDone();
        assertEquals(CellStatus.ERROR, stopped.status());
        assertEquals("KeyboardInterrupt", stopped.error().ename());
    }

    @Test
    void deleting_a_branch_can_be_undone(FxRobot robot) {
        fixture.typeAndRun(robot, "k = 1");
        CellNode node = fixture.awaitCurrentDone();
        robot.clickOn("#delete-branch");
        WindowFixture.await(() -> !fixture.tree().contains(node.id()));
        assertEquals(NotebookTree.ROOT_ID, fixture.model.current());
        robot.clickOn("#undo");
        WindowFixture.await(() -> fixture.tree().contains(node.id()));
        assertTrue(fixture.window.tree().rowOf(node.id()) > 0);
    }

    @Test
    void selecting_a_node_in_the_tree_shows_its_path(FxRobot robot) {
        fixture.typeAndRun(robot, "p = 1");
        CellNode first = fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "p = 2");
        fixture.awaitCurrentDone();
        robot.interact(() -> fixture.window.tree().scrollTo(0));
        robot.clickOn(robot.lookup(".graph-row .node-title").queryAll().stream()
                .filter(n -> ((javafx.scene.control.Label) n).getText().equals("p = 1"))
                .findFirst().orElseThrow());
        WindowFixture.await(() -> fixture.model.current().equals(first.id()));
        assertEquals(1, fixture.window.notebook().pathViews().size());
        List<String> names = WindowFixture.await(() -> {
            var items = fixture.window.variables().table().getItems();
            return items.isEmpty() ? null : items.stream().map(r -> r.name() + "=" + r.repr()).toList();
        });
        assertEquals(List.of("p=1"), names);
    }

    @Test
    void tab_completes_names_from_the_kernel(FxRobot robot) {
        fixture.typeAndRun(robot, "my_value = 42");
        fixture.awaitCurrentDone();
        CellView bottom = fixture.window.notebook().bottomCell();
        robot.interact(() -> fixture.window.notebook().editBottom(dev.forkbook.notebook.CellKind.CODE));
        robot.interact(() -> { });
        robot.clickOn(bottom.editor().area());
        robot.write("my_v");
        robot.press(javafx.scene.input.KeyCode.TAB).release(javafx.scene.input.KeyCode.TAB);
        WindowFixture.await(() -> bottom.editor().text().equals("my_value"));
    }

    @Test
    void the_mouse_wheel_over_an_editor_scrolls_the_notebook(FxRobot robot) {
        for (int i = 0; i < 15; i++) {
            fixture.runCode(robot, "v" + i + " = " + i + "\nprint(v" + i + ")");
            fixture.awaitCurrentDone();
        }
        javafx.scene.control.ListView<?> list = robot.lookup(".cells").queryAs(
                javafx.scene.control.ListView.class);
        javafx.scene.control.ScrollBar bar = WindowFixture.await(() -> list.lookupAll(".scroll-bar")
                .stream().map(n -> (javafx.scene.control.ScrollBar) n)
                .filter(b -> b.getOrientation() == javafx.geometry.Orientation.VERTICAL
                        && b.isVisible()).findFirst().orElse(null));
        CellView first = fixture.window.notebook().pathViews().get(0);
        robot.interact(() -> {
            fixture.window.notebook().scrollTo(0);
            first.edit();
        });
        double top = bar.getValue();
        robot.moveTo(first.editor().area());
        robot.scroll(10, javafx.geometry.VerticalDirection.DOWN);
        robot.scroll(10, javafx.geometry.VerticalDirection.UP);
        WindowFixture.await(() -> bar.getValue() != top);
    }
}
