package dev.forkbook.app;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.RecentFiles;
import dev.forkbook.notebook.RecoveryStore;
import dev.forkbook.ui.MainWindow;
import dev.forkbook.ui.files.FxDialogs;
import dev.forkbook.ui.files.NotebookShell;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.theme.DesktopColorScheme;
import dev.forkbook.ui.theme.ThemeSwitcher;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;

/** Wires the desktop: the notebook shell around a kernel, with real dialogs and files. */
final class DesktopApp implements AutoCloseable {

    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "forkbook-ui-background");
        thread.setDaemon(true);
        return thread;
    });
    private final NotebookShell shell;
    private final KernelConnections connections;

    private final Path notebook;

    /**
     * Builds the window, once, for {@code notebook} (null: an empty one, offering unsaved untitled
     * work when shown); call on the FX thread.
     */
    DesktopApp(Kernel kernel, MainWindow.ServerInfo server, Stage stage,
            KernelConnections connections, Path notebook) {
        NotebookShell.Services services = new NotebookShell.Services(kernel, background,
                new FxThread(), new SystemBrowser(), server,
                new RecoveryStore(RecoveryStore.defaultDirectory(), FileOps.SYSTEM),
                new RecentFiles(RecentFiles.defaultStore()), FileOps.SYSTEM);
        this.connections = connections;
        this.notebook = notebook;
        shell = new NotebookShell(stage, services, FxDialogs::new, connections, notebook);
        if (notebook == null) {
            shell.setKernelChoice(connections.choiceFor(kernel));
        }
        ThemeSwitcher themes = new ThemeSwitcher(ThemeSwitcher.defaultStore(),
                () -> DesktopColorScheme.prefersDark(System.getenv())).applySaved();
        shell.viewMenu().getItems().addAll(new javafx.scene.control.SeparatorMenuItem(),
                themes.menu());
    }

    /** Shows the window; without a notebook to open, offers unsaved untitled work. */
    void show() {
        shell.show();
        if (notebook == null) {
            shell.offerUntitledRecovery();
        }
    }

    /**
     * Shows a kernel that is still connecting as such in the title and status bar, and what became
     * of it: the kernel it reached (remembered by the notebook) or why it could not.
     */
    void follow(DeferredKernel connecting) {
        FxThread fx = new FxThread();
        shell.setKernelStatus("connecting…");
        connecting.whenStarted().whenComplete((connected, failed) -> fx.execute(() -> {
            if (shell.kernel() != connecting) {
                return; // the user switched kernels meanwhile
            }
            if (failed == null) {
                shell.setKernelStatus(null);
                shell.setKernelChoice(connections.choiceFor(connecting));
            } else {
                shell.setKernelStatus("not connected: " + reason(failed));
            }
        }));
    }

    /** The message of a failed start or connection, without wrapper exceptions. */
    static String reason(Throwable failed) {
        Throwable cause = failed;
        while (cause instanceof java.util.concurrent.CompletionException
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    /**
     * Runs {@code action} on the FX thread once a frame has been rendered (at the start of the
     * third pulse: the renderer has finished the first), so slow start-up work never delays it.
     */
    static void afterFirstFrame(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 3) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
