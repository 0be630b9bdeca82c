package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.tree.ForkGraphView;
import dev.forkbook.ui.tree.LaneLayout;
import java.time.Instant;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The fork graph in a real window: lanes, the current marker, its menu and its keys. */
@ExtendWith(ApplicationExtension.class)
class ForkGraphTest {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private ForkGraphView graph() {
        return fixture.window.tree();
    }

    /** Adds a cell that ran (no kernel needed to draw it). */
    private String add(FxRobot robot, String id, String parent, String source) {
        robot.interact(() -> fixture.tree().add(new CellNode(id, parent, CellKind.CODE, source,
                CellStatus.OK, List.of(), null, 1, null, Instant.now(), 5, false)));
        return id;
    }

    private String chain(FxRobot robot, String prefix, String from, int length) {
        String parent = from;
        for (int i = 0; i < length; i++) {
            parent = add(robot, prefix + i, parent, prefix + " = " + i);
        }
        return parent;
    }

    @SuppressWarnings("unchecked")
    private List<ListCell<LaneLayout.Row>> rows(FxRobot robot) {
        return robot.lookup(".graph-row").queryAll().stream()
                .map(node -> (ListCell<LaneLayout.Row>) node)
                .filter(cell -> cell.getItem() != null && cell.isVisible()).toList();
    }

    private ListCell<LaneLayout.Row> rowOf(FxRobot robot, String id) {
        return WindowFixture.await(() -> rows(robot).stream()
                .filter(cell -> cell.getItem().id().equals(id)).findFirst().orElse(null));
    }

    /** An item of the open context menu (the toolbar has a "Delete branch" button too). */
    private static Node menuItem(FxRobot robot, String text) {
        return WindowFixture.await(() -> robot.lookup(".context-menu .label").queryAll().stream()
                .filter(node -> text.equals(((Label) node).getText()) && node.isVisible())
                .findFirst().orElse(null));
    }

    private static String title(ListCell<LaneLayout.Row> cell) {
        return ((Label) cell.lookup(".node-title")).getText();
    }

    @Test
    void a_fifty_cell_chain_stays_in_one_column(FxRobot robot) {
        chain(robot, "c", NotebookTree.ROOT_ID, 50);
        robot.interact(() -> { });
        assertEquals(1, graph().laneLayout().width(), "one lane");
        assertEquals(51, graph().getItems().size(), "one row per node");
        double oneLane = findCanvas(rows(robot).get(0)).getWidth();
        for (ListCell<LaneLayout.Row> cell : rows(robot)) {
            assertEquals(0, cell.getItem().lane());
            assertEquals(oneLane, findCanvas(cell).getWidth(), "every row draws one lane");
        }
        assertTrue(rows(robot).size() > 10, "the rows fill the pane");
    }

    private static Canvas findCanvas(Node cell) {
        return (Canvas) cell.lookupAll("*").stream().filter(n -> n instanceof Canvas).findFirst()
                .orElseThrow();
    }

    @Test
    void a_fork_opens_a_lane_to_the_right(FxRobot robot) {
        String a = add(robot, "a", NotebookTree.ROOT_ID, "x = 1");
        chain(robot, "main", a, 3);
        String fork = add(robot, "fork", a, "x = 2");
        robot.interact(() -> { });
        double before = findCanvas(rowOf(robot, "main0")).getWidth();
        double forkWidth = findCanvas(rowOf(robot, fork)).getWidth();
        assertEquals(before, forkWidth, "all rows draw the same lanes");
        assertEquals(2, graph().laneLayout().width());
        assertEquals(1, rowOf(robot, fork).getItem().lane(), "the later child is in lane 1");
        assertEquals(0, rowOf(robot, "main0").getItem().lane(), "the first child stays in lane 0");
        assertEquals(List.of("initial", "a", "main0", "main1", "main2", "fork"),
                graph().getItems().stream().map(LaneLayout.Row::id).toList(),
                "rows in depth-first order, the older branch first");
        assertTrue(before >= 2 * 14, "the canvas is two lanes wide");
    }

    @Test
    void the_current_marker_stays_when_focus_moves_to_a_cell(FxRobot robot) {
        fixture.typeAndRun(robot, "m = 1");
        CellNode first = fixture.awaitCurrentDone();
        robot.clickOn(rowOf(robot, first.id()).lookup(".node-title"));
        WindowFixture.await(graph()::isFocused);
        robot.clickOn(fixture.window.notebook().bottomCell().editor().area());
        WindowFixture.await(() -> !graph().isFocused());
        ListCell<LaneLayout.Row> marked = rowOf(robot, first.id());
        assertTrue(marked.getPseudoClassStates().contains(CURRENT),
                "the current node is marked while a cell has the focus");
        assertEquals(1, rows(robot).stream()
                .filter(cell -> cell.getPseudoClassStates().contains(CURRENT)).count(),
                "and it is the only one");
    }

    @Test
    void clicking_a_row_makes_it_current_and_marks_the_path(FxRobot robot) {
        String a = add(robot, "a", NotebookTree.ROOT_ID, "x = 1");
        String b = add(robot, "b", a, "y = 2");
        add(robot, "other", NotebookTree.ROOT_ID, "z = 3");
        robot.clickOn(rowOf(robot, b).lookup(".node-title"));
        WindowFixture.await(() -> fixture.model.current().equals(b));
        PseudoClass onPath = PseudoClass.getPseudoClass("on-path");
        assertTrue(rowOf(robot, a).getPseudoClassStates().contains(onPath));
        assertTrue(rowOf(robot, NotebookTree.ROOT_ID).getPseudoClassStates().contains(onPath));
        assertFalse(rowOf(robot, "other").getPseudoClassStates().contains(onPath));
        assertTrue(rowOf(robot, b).getPseudoClassStates().contains(CURRENT));
    }

    @Test
    void arrow_keys_move_along_rows_and_the_tree_and_enter_makes_current(FxRobot robot) {
        String a = add(robot, "a", NotebookTree.ROOT_ID, "x = 1");
        String a1 = add(robot, "a1", a, "first child");
        String a2 = add(robot, "a2", a, "second child");
        String deep = add(robot, "deep", a2, "below the second child");
        robot.interact(() -> fixture.model.select(deep));
        robot.clickOn(rowOf(robot, a).lookup(".node-title"));
        WindowFixture.await(() -> fixture.model.current().equals(a));
        robot.interact(() -> fixture.model.select(deep));
        robot.interact(() -> graph().getSelectionModel().select(graph().rowOf(a)));
        robot.interact(graph()::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(a2, graph().cursor(), "Right goes to the child on the current path");
        robot.type(KeyCode.LEFT);
        assertEquals(a, graph().cursor(), "Left goes to the parent");
        robot.interact(() -> fixture.model.select(NotebookTree.ROOT_ID));
        robot.interact(() -> graph().getSelectionModel().select(graph().rowOf(a)));
        robot.type(KeyCode.RIGHT);
        assertEquals(a1, graph().cursor(), "off the current path Right goes to the first child");
        robot.type(KeyCode.DOWN);
        assertEquals(a2, graph().cursor(), "Down goes to the next row");
        robot.type(KeyCode.UP);
        robot.type(KeyCode.UP);
        assertEquals(a, graph().cursor(), "Up goes to the row above");
        assertEquals(NotebookTree.ROOT_ID, fixture.model.current(), "moving does not change current");
        robot.type(KeyCode.ENTER);
        assertEquals(a, fixture.model.current(), "Enter makes the node current");
    }

    @Test
    void the_context_menu_collapses_expands_renames_and_deletes_a_branch(FxRobot robot) {
        String a = add(robot, "a", NotebookTree.ROOT_ID, "x = 1");
        chain(robot, "under", a, 3);
        robot.clickOn(rowOf(robot, a).lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Collapse subtree"));
        WindowFixture.await(() -> graph().rowOf("under0") < 0);
        assertEquals(List.of("initial", "a"), graph().getItems().stream().map(LaneLayout.Row::id)
                .toList());
        assertTrue(title(rowOf(robot, a)).contains("+3 hidden"));
        assertTrue(fixture.tree().isCollapsed(a), "the fold is kept in the notebook (saved)");
        java.util.concurrent.atomic.AtomicReference<ForkGraphView> reopened =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> reopened.set(new ForkGraphView(fixture.model)));
        assertEquals(-1, reopened.get().rowOf("under0"), "a graph made on reopening starts folded");
        robot.clickOn(rowOf(robot, a).lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Expand subtree"));
        WindowFixture.await(() -> graph().rowOf("under2") > 0);

        robot.clickOn(rowOf(robot, a).lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Rename…"));
        robot.clickOn(WindowFixture.await(() -> robot.lookup("#rename-dialog .text-field")
                .tryQuery().orElse(null)));
        robot.write("load the data");
        robot.type(KeyCode.ENTER);
        WindowFixture.await(() -> "load the data".equals(fixture.tree().label(a)));
        assertEquals("load the data", title(rowOf(robot, a)));

        robot.clickOn(rowOf(robot, "under1").lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Delete branch"));
        WindowFixture.await(() -> !fixture.tree().contains("under1"));
        assertFalse(fixture.tree().contains("under2"), "everything below goes too");
        assertTrue(fixture.tree().contains("under0"));
    }

    @Test
    void a_node_added_above_the_pointer_leaves_the_row_under_it_in_place(FxRobot robot) {
        for (int branch = 0; branch < 3; branch++) {
            chain(robot, "b" + branch + "n", NotebookTree.ROOT_ID, 30);
        }
        robot.interact(() -> graph().scrollTo(graph().rowOf("b2n5")));
        ListCell<LaneLayout.Row> target = rowOf(robot, "b2n10");
        robot.moveTo(target.lookup(".node-title"));
        double before = target.localToScreen(0, 0).getY();
        add(robot, "inserted", "b0n3", "a new fork far above");
        robot.interact(() -> { });
        ListCell<LaneLayout.Row> after = rowOf(robot, "b2n10");
        assertEquals(before, after.localToScreen(0, 0).getY(), 1.0,
                "the row under the pointer did not move");
        assertTrue(graph().rowOf("inserted") < graph().rowOf("b2n10"));
    }

    @Test
    void rows_show_status_given_state_names_and_a_tooltip_with_the_cell(FxRobot robot) {
        robot.interact(() -> fixture.tree().add(new CellNode("named", NotebookTree.ROOT_ID,
                CellKind.CODE, "import json\nprint('hi')", CellStatus.NOT_LIVE,
                List.of(new dev.forkbook.kernel.Output.Stream("stdout", "hi\n")), null, 3, null,
                Instant.now(), 1500, false)));
        robot.interact(() -> fixture.tree().add(new CellNode("c0123456789ab", "named",
                CellKind.CODE, "1 / 0", CellStatus.NOT_LIVE, List.of(),
                new ExecutionError("ZeroDivisionError", "division by zero", List.of()), 4, null,
                Instant.now(), 2, false)));
        ListCell<LaneLayout.Row> named = rowOf(robot, "named");
        assertEquals("named", ((Label) named.lookup(".state-name")).getText());
        assertEquals("not live", ((Label) named.lookup(".node-status")).getText());
        assertTrue(named.getPseudoClassStates().contains(PseudoClass.getPseudoClass("not-live")));
        String tip = named.getTooltip().getText();
        assertTrue(tip.contains("import json\nprint('hi')"), tip);
        assertTrue(tip.contains("1.5 s"), tip);
        assertTrue(tip.contains("hi"), tip);
        ListCell<LaneLayout.Row> failed = rowOf(robot, "c0123456789ab");
        assertFalse(failed.lookup(".state-name").isVisible(), "a generated id is not shown");
        assertTrue(failed.getPseudoClassStates().contains(PseudoClass.getPseudoClass("error")),
                "a failed cell reopened from a file stays red");
        assertTrue(failed.getTooltip().getText().contains("ZeroDivisionError"));
    }

    @Test
    void the_tooltip_of_a_cell_that_ran_lists_its_reads_and_writes_once_however_often_it_opens(
            FxRobot robot) {
        fixture.runCode(robot, "a = 1");
        fixture.awaitCurrentDone();
        fixture.runCode(robot, "x = a * 10");
        String id = fixture.awaitCurrentDone().id();
        ListCell<LaneLayout.Row> row = rowOf(robot, id);
        javafx.scene.control.Tooltip tip = row.getTooltip();
        Runnable show = () -> {
            javafx.geometry.Point2D at = row.localToScreen(10, 10);
            tip.show(row, at.getX(), at.getY());
        };
        robot.interact(show);
        WindowFixture.await(() -> tip.getText().contains("reads:") ? true : null);
        robot.interact(tip::hide);
        robot.interact(show);
        // Once the kernel has answered a later question, the second opening's answer is in too.
        java.util.concurrent.CompletableFuture<?> later = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> fixture.session.provenance(id).thenRun(() -> later.complete(null)));
        WindowFixture.await(() -> later.isDone() ? true : null);
        robot.interact(() -> { });
        String text = tip.getText();
        robot.interact(tip::hide);
        assertTrue(text.endsWith("\nreads: a\nwrites: x"), text);
        assertEquals(1, text.split("reads:", -1).length - 1, text);
    }
}
