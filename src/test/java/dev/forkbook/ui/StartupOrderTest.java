package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.testing.HeldKernelStart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window is usable before the kernel has started: typed cells wait for it, then run. */
@ExtendWith(ApplicationExtension.class)
class StartupOrderTest {

    private final HeldKernelStart held = new HeldKernelStart();
    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage, held.kernel());
    }

    @AfterEach
    void close() {
        held.release();
        fixture.close();
    }

    private String kernelLabel(FxRobot robot) {
        return robot.lookup(".kernel-busy").queryAs(Label.class).getText();
    }

    @Test
    void a_cell_typed_before_the_kernel_is_ready_runs_once_it_is(FxRobot robot) {
        assertEquals("Starting kernel…", kernelLabel(robot));

        fixture.typeAndRun(robot, "6 * 7");
        String waiting = fixture.model.current();
        assertEquals(CellStatus.RUNNING, fixture.tree().get(waiting).status());
        assertEquals("Starting kernel… (1 waiting)", kernelLabel(robot));

        held.release();
        CellNode done = WindowFixture.await(() -> {
            CellNode node = fixture.tree().get(waiting);
            return node.status() != CellStatus.RUNNING ? node : null;
        });
        assertEquals(CellStatus.OK, done.status());
        assertEquals("42", dev.forkbook.testing.OutputText.of(done.outputs()));
        WindowFixture.await(() -> kernelLabel(robot).equals("Kernel idle") ? true : null);
    }
}
