package dev.forkbook.ui.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WebWarmUpTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        background.shutdownNow();
    }

    @Test
    void the_warm_up_starts_after_the_first_frame_and_typesets_katex_in_the_background(
            FxRobot robot) throws Exception {
        CompletableFuture<Boolean> startedAtFirstFrame = new CompletableFuture<>();
        CompletableFuture<WebWarmUp> warmUp = new CompletableFuture<>();
        robot.interact(() -> {
            Scene scene = new Scene(new Label("window"), 300, 200);
            stage.setScene(scene);
            warmUp.complete(WebWarmUp.afterFirstFrame(scene, background, Platform::runLater));
            assertFalse(warmUp.join().started(), "nothing is created while the window is built");
            // Runs after the warm-up's own listener, in the pulse of the first frame: had the
            // warm-up created its web view there, it would have held up that frame.
            Runnable[] firstFrame = new Runnable[1];
            firstFrame[0] = () -> {
                scene.removePostLayoutPulseListener(firstFrame[0]);
                startedAtFirstFrame.complete(warmUp.join().started());
            };
            scene.addPostLayoutPulseListener(firstFrame[0]);
            stage.show();
        });
        assertFalse(startedAtFirstFrame.get(10, TimeUnit.SECONDS),
                "the web view was created before the first frame");
        assertEquals(1, warmUp.join().done().get(60, TimeUnit.SECONDS),
                "formulas typeset by the warm-up page");
    }
}
