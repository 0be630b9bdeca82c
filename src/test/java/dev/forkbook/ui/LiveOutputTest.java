package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.ui.notebook.CellView;
import java.util.concurrent.CountDownLatch;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Output printed by a running cell shows under it before the cell ends. */
@ExtendWith(ApplicationExtension.class)
public class LiveOutputTest {

    /** The running cell waits on this until the test has seen its first line on screen. */
    public static volatile CountDownLatch release;

    private WindowFixture fixture;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        if (release != null) {
            release.countDown();
        }
        fixture.close();
    }

    @Test
    void printed_lines_appear_under_the_running_cell_before_it_finishes(FxRobot robot) {
        release = new CountDownLatch(1);
        fixture.runCode(robot, String.join("\n",
                "print('tick 1')",
                "from java.util.concurrent import TimeUnit",
                "from dev.forkbook.ui import LiveOutputTest",
                "LiveOutputTest.release.await(30, TimeUnit.SECONDS)",
                "print('tick 2')"));
        String running = fixture.model.current();
        Label shown = WindowFixture.await(() -> {
            CellView view = fixture.window.notebook().pathViews().get(0);
            return view.outputs() == null ? null : view.lookupAll(".text-output").stream()
                    .map(n -> (Label) n).filter(l -> l.getText().contains("tick 1"))
                    .findFirst().orElse(null);
        });
        assertEquals(CellStatus.RUNNING, fixture.tree().get(running).status(),
                "the line is on screen while the cell still runs");
        assertTrue(shown.isVisible());
        release.countDown();
        CellNode done = fixture.awaitCurrentDone();
        assertEquals("tick 1\ntick 2\n", dev.forkbook.testing.OutputText.of(done.outputs()));
    }
}
