package dev.forkbook.ui.fx;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** Runs tasks on the JavaFX application thread, in submission order. */
public final class FxThread implements Executor {

    @Override
    public void execute(Runnable task) {
        Platform.runLater(task);
    }
}
