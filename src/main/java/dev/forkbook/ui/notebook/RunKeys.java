package dev.forkbook.ui.notebook;

import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** The Jupyter run shortcuts: Shift+Enter, Ctrl+Enter, Alt+Enter (Ctrl+Shift+Enter: all pending). */
final class RunKeys {

    private RunKeys() {
    }

    /** Ctrl+Shift+Enter: run all pending cells. */
    static boolean isRunAllPending(KeyEvent event) {
        return event.getCode() == KeyCode.ENTER && event.isShiftDown()
                && (event.isControlDown() || event.isMetaDown());
    }

    static Optional<RunMode> modeOf(KeyEvent event) {
        if (event.getCode() != KeyCode.ENTER) {
            return Optional.empty();
        }
        if (event.isShiftDown()) {
            return Optional.of(RunMode.NEXT);
        }
        if (event.isControlDown() || event.isMetaDown()) {
            return Optional.of(RunMode.STAY);
        }
        if (event.isAltDown()) {
            return Optional.of(RunMode.INSERT_BELOW);
        }
        return Optional.empty();
    }
}
