package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Variables panel follows the current node, also when a pending cell runs. */
@ExtendWith(ApplicationExtension.class)
class VariablesPaneTest {

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<String> names() {
        return fixture.window.variables().table().getItems().stream().map(row -> row.name())
                .sorted().toList();
    }

    @Test
    void the_panel_is_titled_by_the_cell_whose_state_it_shows_not_by_a_state_id(FxRobot robot) {
        fixture.runCode(robot, "x = 100");
        CellNode cell = fixture.awaitCurrentDone();
        String expected = "Variables — [" + cell.executionCount() + "]";
        assertEquals(expected, WindowFixture.await(() -> {
            String text = robot.lookup(".pane-caption").queryAllAs(Label.class).stream()
                    .map(Label::getText).filter(t -> t.startsWith("Variables —")).findFirst()
                    .orElse(null);
            return expected.equals(text) ? text : null;
        }));
    }

    @Test
    void the_pyplot_stand_in_is_an_imported_module_shared_by_forks(FxRobot robot) {
        fixture.runCode(robot, "import matplotlib.pyplot as plt\nn = 1");
        fixture.awaitCurrentDone();
        WindowFixture.await(() -> names().equals(List.of("n")) ? true : null);
        robot.clickOn("#show-imported");
        var plt = fixture.window.variables().table().getItems().stream()
                .filter(row -> row.name().equals("plt")).findFirst().orElseThrow();
        assertEquals("module", plt.type());
        assertTrue(plt.shared(), "the Fork column says shared: " + plt);
    }

    @Test
    void after_a_fork_the_pending_cell_shows_the_new_state_and_its_run_refreshes_the_panel(FxRobot robot) {
        fixture.runCode(robot, "import math\na = 1");
        fixture.awaitCurrentDone();
        String first = fixture.model.current();
        fixture.runCode(robot, "b = a + 1");
        CellNode second = fixture.awaitCurrentDone();
        WindowFixture.await(() -> names().equals(List.of("a", "b")) ? true : null);
        robot.interact(() -> fixture.model.runCell(first, "import math\na = 10"));
        WindowFixture.await(() -> fixture.tree().get(fixture.model.current()).status()
                == CellStatus.PENDING ? true : null);
        // The pending copy of "b = a + 1" would run from the edited cell's new state: the panel
        // shows that state (a = 10, no b) as soon as the edited cell has run, with no stale b.
        String fork = fixture.tree().get(fixture.model.current()).parentId();
        WindowFixture.await(() -> fixture.tree().get(fork).status() == CellStatus.OK ? true : null);
        assertEquals(List.of("a"), WindowFixture.await(() -> names().equals(List.of("a"))
                ? names() : null), "the pending cell shows the state it would run from");
        assertEquals("10", fixture.window.variables().table().getItems().get(0).repr());
        String pending = fixture.model.current();
        robot.interact(() -> fixture.model.runCell(pending, "b = a + 1"));
        fixture.awaitCurrentDone();
        assertEquals(List.of("a", "b"), WindowFixture.await(() -> names().isEmpty() ? null : names()),
                "the panel shows the new state once the run finished");
        assertEquals(second.source(), fixture.tree().get(fixture.model.current()).source());
    }

    @Test
    void the_pending_note_below_an_edit_is_shown_whole(FxRobot robot) {
        fixture.runCode(robot, "a = 1");
        String first = fixture.awaitCurrentDone().id();
        fixture.runCode(robot, "print(a)");
        fixture.awaitCurrentDone();
        robot.interact(() -> fixture.model.runCell(first, "a = 5"));
        WindowFixture.await(() -> fixture.tree().get(fixture.model.current()).status()
                == CellStatus.PENDING ? true : null);
        List<String> shown = WindowFixture.await(() -> {
            List<String> texts = robot.lookup(".pending-note").queryAllAs(Label.class).stream()
                    .filter(label -> label.getScene() != null && label.isVisible())
                    .map(label -> {
                        label.applyCss();
                        javafx.scene.Node text = label.lookup(".text");
                        return text instanceof javafx.scene.text.Text t ? t.getText() + "|"
                                + label.getText() : null;
                    }).filter(java.util.Objects::nonNull).toList();
            return texts.isEmpty() ? null : texts;
        });
        for (String both : shown) {
            String[] parts = both.split("\\|");
            assertEquals(parts[1].replaceAll("\\s+", " "), parts[0].replaceAll("\\s+", " "),
                    "the note is not cut with an ellipsis");
        }
        assertTrue(shown.get(0).contains("The outputs below are from the other branch."),
                shown.toString());
    }

    @Test
    void the_set_by_column_names_the_cell_that_last_wrote_each_variable_and_jumps_to_it(
            FxRobot robot) {
        fixture.runCode(robot, "a = 1\nb = 1");
        CellNode first = fixture.awaitCurrentDone();
        fixture.runCode(robot, "b = a + 1\nprint('\\n'.join(str(i) for i in range(60)))");
        CellNode second = fixture.awaitCurrentDone();
        fixture.runCode(robot, "c = 3");
        CellNode third = fixture.awaitCurrentDone();
        var table = fixture.window.variables().table();
        java.util.Map<String, String> setBy = WindowFixture.await(() -> {
            java.util.Map<String, String> shown = new java.util.TreeMap<>();
            table.getItems().forEach(row -> shown.put(row.name(), row.setBy()));
            return shown.keySet().equals(java.util.Set.of("a", "b", "c")) ? shown : null;
        });
        assertEquals(java.util.Map.of("a", "[" + first.executionCount() + "]",
                "b", "[" + second.executionCount() + "]", "c", "[" + third.executionCount() + "]"),
                setBy);
        // The first cell is scrolled away by the long output below it; its link brings it back.
        javafx.scene.control.Hyperlink link = robot.lookup(".set-by")
                .queryAllAs(javafx.scene.control.Hyperlink.class).stream()
                .filter(l -> l.getText().equals("[" + first.executionCount() + "]")
                        && l.isVisible() && l.getScene() != null)
                .findFirst().orElseThrow();
        robot.clickOn(link);
        dev.forkbook.ui.notebook.CellView shown = WindowFixture.await(() -> {
            var active = fixture.window.notebook().activeCell();
            return active.node() != null && active.node().id().equals(first.id())
                    && active.isFocused() ? active : null;
        });
        javafx.geometry.Bounds box = shown.localToScreen(shown.getBoundsInLocal());
        javafx.geometry.Bounds list = fixture.window.notebook().localToScreen(
                fixture.window.notebook().getBoundsInLocal());
        assertTrue(box.getMinY() >= list.getMinY() - 1 && box.getMinY() < list.getMaxY(),
                "the cell is on screen: " + box + " in " + list);
        assertEquals(third.id(), fixture.model.current(), "jumping shows the cell, the path stays");
    }
}
