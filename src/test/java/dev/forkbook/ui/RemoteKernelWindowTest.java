package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.remote.RemoteKernel;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.KernelChoice;
import dev.forkbook.notebook.RecentFiles;
import dev.forkbook.notebook.RecoveryStore;
import dev.forkbook.testing.KernelServer;
import dev.forkbook.testing.OutputText;
import dev.forkbook.ui.files.Dialogs;
import dev.forkbook.ui.files.KernelConnector;
import dev.forkbook.ui.files.KernelMenu;
import dev.forkbook.ui.files.NotebookShell;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.output.RichWebView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.concurrent.Worker;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop window on remote kernels in other processes: a forked notebook on a Forkbook server,
 * then, after Connect, on the seed under CPython with a pandas table and a matplotlib figure.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteKernelWindowTest {

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Kernel> released = new CopyOnWriteArrayList<>();
    private final List<KernelServer> servers = new CopyOnWriteArrayList<>();
    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    private NotebookShell shown;

    @AfterEach
    void close() throws Exception {
        // Hiding the window stops its autosave timer, which would otherwise use the executor below.
        org.testfx.util.WaitForAsyncUtils.asyncFx(stage::hide).get();
        // Close the connection first: a server waits for open event streams when it stops.
        if (shown != null) {
            shown.kernel().close();
        }
        background.shutdownNow();
        servers.forEach(KernelServer::close);
    }

    /** Connects for real; a test stand-in for the app's connector. */
    private final KernelConnector connector = new KernelConnector() {
        @Override
        public Kernel embedded() {
            throw new UnsupportedOperationException("no embedded kernel in this test");
        }

        @Override
        public Kernel connect(String url, String token) {
            return RemoteKernel.connect(url, token);
        }

        @Override
        public Kernel startLocalPython() throws Unavailable {
            throw new Unavailable("not in this test");
        }

        @Override
        public KernelChoice choiceFor(Kernel kernel) {
            return new KernelChoice(kernel.description().kind(), kernel.description().url());
        }

        @Override
        public void release(Kernel kernel) {
            released.add(kernel);
            kernel.close();
        }

        @Override
        public String pythonInterpreter() {
            return "python3";
        }

        @Override
        public void setPythonInterpreter(String interpreter) {
        }
    };

    private NotebookShell showShell(FxRobot robot, Kernel kernel) throws Exception {
        RecoveryStore recovery = new RecoveryStore(Files.createTempDirectory(dir, "recovery"),
                FileOps.SYSTEM);
        NotebookShell[] shell = new NotebookShell[1];
        robot.interact(() -> {
            shell[0] = new NotebookShell(stage, new NotebookShell.Services(kernel, background,
                    new FxThread(), link -> { }, null, recovery,
                    new RecentFiles(dir.resolve("recent.txt")), FileOps.SYSTEM),
                    owner -> new RecordingDialogs(errors), connector);
            shell[0].setKernelChoice(connector.choiceFor(kernel));
            shell[0].show();
        });
        shown = shell[0];
        return shell[0];
    }

    private static <T> T await(Supplier<T> probe) {
        return dev.forkbook.testing.FxWait.until(probe);
    }

    private static CellNode run(FxRobot robot, NotebookShell shell, String code) {
        CellNode[] node = new CellNode[1];
        robot.interact(() -> shell.model().runNew(CellKind.CODE, code)
                .thenAccept(done -> node[0] = done));
        return await(() -> node[0]);
    }

    /** Runs a cell, then a fork from the first one; returns the two branch ends. */
    private static List<CellNode> runFork(FxRobot robot, NotebookShell shell) {
        CellNode base = run(robot, shell, "x = [1]");
        CellNode two = run(robot, shell, "x.append(2)\nx");
        robot.interact(() -> shell.model().select(base.id()));
        CellNode three = run(robot, shell, "x.append(3)\nx");
        assertEquals(CellStatus.OK, three.status(), String.valueOf(three.error()));
        assertEquals(base.id(), three.parentId());
        assertEquals(base.id(), two.parentId());
        return List.of(two, three);
    }

    private static String statusBarText(FxRobot robot) {
        return robot.lookup("#kernel-label").queryAs(Label.class).getText();
    }

    @Test
    void a_forked_notebook_runs_on_a_remote_forkbook_server(FxRobot robot) throws Exception {
        KernelServer server = KernelServer.forkbook();
        servers.add(server);
        NotebookShell shell = showShell(robot, connector.connect(server.url(), server.token()));

        List<CellNode> ends = runFork(robot, shell);
        assertEquals("[1, 2]", OutputText.of(ends.get(0).outputs()));
        assertEquals("[1, 3]", OutputText.of(ends.get(1).outputs()));
        assertTrue(robot.lookup(".text-output").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals("[1, 3]")), "the output is shown");
        assertTrue(stage.getTitle().endsWith("— Forkbook server at " + server.url()),
                stage.getTitle());
        assertEquals("Kernel: Forkbook server at " + server.url(), statusBarText(robot));
    }

    @Test
    void connecting_to_the_seed_runs_the_fork_on_cpython_with_a_dataframe_and_a_figure(
            FxRobot robot) throws Exception {
        KernelServer forkbook = KernelServer.forkbook();
        servers.add(forkbook);
        KernelServer seed = KernelServer.seed();
        servers.add(seed);
        Kernel first = connector.connect(forkbook.url(), forkbook.token());
        NotebookShell shell = showShell(robot, first);
        CellNode before = run(robot, shell, "before = 1");

        robot.interact(() -> shell.kernelMenu().connect(
                new KernelMenu.Connection(seed.url(), seed.token())));
        await(() -> stage.getTitle().contains("Python 3 (seed) at " + seed.url()));
        assertEquals(List.of(first), released, "the Forkbook connection was released");
        assertEquals(CellStatus.NOT_LIVE, shell.model().tree().get(before.id()).status(),
                "cells from the other kernel keep their outputs, not live");
        assertTrue(statusBarText(robot).contains("no tab completion"), statusBarText(robot));

        robot.interact(() -> shell.model().select(dev.forkbook.notebook.NotebookTree.ROOT_ID));
        List<CellNode> ends = runFork(robot, shell);
        assertEquals("[1, 2]", OutputText.of(ends.get(0).outputs()));
        assertEquals("[1, 3]", OutputText.of(ends.get(1).outputs()));

        CellNode table = run(robot, shell, "import sys\nimport pandas as pd\n"
                + "pd.DataFrame({'city': ['Oslo', 'Lima'], 'python': [sys.version_info[0]] * 2})");
        assertEquals(CellStatus.OK, table.status(), String.valueOf(table.error()));
        RichWebView view = await(() -> {
            shell.window().notebook().materializeVisible();
            return robot.lookup(".rich-output").queryAllAs(RichWebView.class).stream()
                    .filter(v -> v.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED)
                    .findFirst().orElse(null);
        });
        assertEquals("Lima|3", await(() -> view.engine().executeScript(
                "var c = document.querySelectorAll('tbody tr:nth-child(2) td');"
                        + "c.length ? c[0].textContent + '|' + c[1].textContent : null")));

        CellNode figure = run(robot, shell, "import matplotlib.pyplot as plt\n"
                + "plt.figure(figsize=(3, 2))\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.show()");
        assertEquals(CellStatus.OK, figure.status(), String.valueOf(figure.error()));
        ImageView image = await(() -> {
            shell.window().notebook().materializeVisible();
            return robot.lookup(".image-output").queryAllAs(ImageView.class).stream().findFirst()
                    .orElse(null);
        });
        assertTrue(image.getImage().getWidth() > 100, "a real PNG figure is shown");
        assertEquals(List.of(), errors);
    }

    /** Dialogs that record errors and answer nothing. */
    private static final class RecordingDialogs implements Dialogs {
        private final List<String> errors;

        RecordingDialogs(List<String> errors) {
            this.errors = errors;
        }

        @Override
        public Optional<Path> chooseNotebookToOpen() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseSaveTarget(String suggestedName, boolean ipynb) {
            return Optional.empty();
        }

        @Override
        public SaveChoice askSaveChanges(String notebookName) {
            return SaveChoice.DISCARD;
        }

        @Override
        public boolean confirmOverwriteChangedFile(String notebookName) {
            return false;
        }

        @Override
        public boolean offerRecovery(String notebookName, FileTime savedAt) {
            return false;
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }
    }
}
