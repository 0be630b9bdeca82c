package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.notebook.CellView;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** After an edit, pending cells say whether it affects them, and "Run affected" runs only those. */
@ExtendWith(ApplicationExtension.class)
class AffectedMarkingTest {

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private CellView viewOf(String source) {
        return fixture.window.notebook().pathViews().stream()
                .filter(view -> view.node().source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void pending_cells_are_marked_affected_or_not_and_the_link_runs_only_the_affected(
            FxRobot robot) {
        fixture.runCode(robot, "a = 1");
        String first = fixture.awaitCurrentDone().id();
        fixture.runCode(robot, "x = a * 2");
        fixture.awaitCurrentDone();
        fixture.runCode(robot, "y = 5");
        fixture.awaitCurrentDone();
        robot.interact(() -> fixture.model.runCell(first, "a = 7"));
        String affectedText = WindowFixture.await(() -> {
            String text = viewOf("x = a * 2").markNote().getText();
            return text.startsWith("Affected") && viewOf("x = a * 2").markNote().getScene() != null
                    ? text : null;
        });
        assertEquals("Affected: reads a, changed by the edit.", affectedText);
        CellView unaffected = viewOf("y = 5");
        assertEquals("Not affected: reads nothing the edit changed.",
                WindowFixture.await(() -> unaffected.markNote().getText().isEmpty() ? null
                        : unaffected.markNote().getText()));
        assertFalse(unaffected.runAffectedLink().isVisible(), "nothing to run for it");
        CellView affected = viewOf("x = a * 2");
        assertTrue(affected.runAffectedLink().isVisible());
        assertTrue(affected.getPseudoClassStates().contains(
                javafx.css.PseudoClass.getPseudoClass("affected")));

        robot.clickOn(affected.runAffectedLink());
        CellNode ran = WindowFixture.await(() -> {
            CellNode node = fixture.tree().get(affected.node().id());
            return node.status() == CellStatus.OK ? node : null;
        });
        assertEquals("x = a * 2", ran.source());
        robot.interact(() -> { });
        assertEquals(List.of("y = 5"), fixture.session.pendingOnPath(fixture.model.current())
                .stream().map(CellNode::source).toList(), "the unaffected cell stays pending");
        assertTrue(affected.getScene() != null && affected.markNote().getScene() == null,
                "a cell that ran is shown without its marking");
        assertTrue(unaffected.markNote().getScene() != null, "the pending one keeps its marking");
    }
}
