package dev.forkbook.app;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.MainWindow;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.stage.Stage;

/** Wires one notebook window: tree, session, model and views around a kernel. */
final class DesktopApp implements AutoCloseable {

    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "forkbook-ui-background");
        thread.setDaemon(true);
        return thread;
    });
    private final NotebookSession session;
    private final MainWindow window;

    /** Builds the window; call on the FX thread. */
    DesktopApp(Kernel kernel, MainWindow.ServerInfo server) {
        FxThread fx = new FxThread();
        session = new NotebookSession(kernel, new NotebookTree(), fx, background);
        session.followKernel();
        NotebookViewModel model = new NotebookViewModel(session);
        window = new MainWindow(model, server, new SystemBrowser(), background, fx);
    }

    MainWindow window() {
        return window;
    }

    void show(Stage stage) {
        window.show(stage, "Untitled");
    }

    @Override
    public void close() {
        session.close();
        background.shutdownNow();
    }
}
