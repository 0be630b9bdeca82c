package dev.forkbook.ui.fx;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * Runs slow work (WebKit's first page loads its native library for seconds) only once a new
 * window has had time to be drawn. Pulses alone do not say so: on X11 the window is mapped and
 * exposed by events the FX thread handles between tasks, so a task that starts right after the
 * first pulses keeps a mapped window blank. Waiting a few pulses and then a short pause lets those
 * events and the frame they ask for through.
 */
public final class FirstFrame {

    /** Pulses laid out before the pause starts. */
    static final int PULSES = 3;
    /** How long the FX thread stays free after them for the window to be mapped and drawn. */
    static final Duration PAUSE = Duration.millis(300);

    private FirstFrame() {
    }

    /** Runs {@code action} on the FX thread after the scene's first frames; call on FX. */
    public static void then(Scene scene, Runnable action) {
        int[] pulses = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (++pulses[0] < PULSES) {
                Platform.requestNextPulse();
                return;
            }
            // Removed after the pulse: removing a pulse listener while they run skips the next.
            PauseTransition pause = new PauseTransition(PAUSE);
            pause.setOnFinished(e -> {
                scene.removePostLayoutPulseListener(listener[0]);
                action.run();
            });
            pulses[0] = Integer.MIN_VALUE;
            pause.play();
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
