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
    void a_pending_cell_shows_no_stale_variables_and_its_run_refreshes_the_panel(FxRobot robot) {
        fixture.runCode(robot, "import math\na = 1");
        fixture.awaitCurrentDone();
        String first = fixture.model.current();
        fixture.runCode(robot, "b = a + 1");
        CellNode second = fixture.awaitCurrentDone();
        WindowFixture.await(() -> names().equals(List.of("a", "b")) ? true : null);
        robot.interact(() -> fixture.model.runCell(first, "import math\na = 10"));
        WindowFixture.await(() -> fixture.tree().get(fixture.model.current()).status()
                == CellStatus.PENDING ? true : null);
        robot.interact(() -> { });
        assertEquals(List.of(), names(), "a pending node has no live state");
        assertEquals("No variables", ((Label) fixture.window.variables().table().getPlaceholder())
                .getText(), "no hidden-count without variables");
        String pending = fixture.model.current();
        robot.interact(() -> fixture.model.runCell(pending, "b = a + 1"));
        fixture.awaitCurrentDone();
        assertEquals(List.of("a", "b"), WindowFixture.await(() -> names().isEmpty() ? null : names()),
                "the panel shows the new state once the run finished");
        assertEquals(second.source(), fixture.tree().get(fixture.model.current()).source());
    }
}
