package dev.forkbook.ui;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.notebook.CellView;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** A real window on a real kernel, for robot tests under Monocle. */
final class WindowFixture implements AutoCloseable {

    final Kernel kernel;
    final ExecutorService background = Executors.newCachedThreadPool();
    final List<URI> openedLinks = new CopyOnWriteArrayList<>();
    final NotebookSession session;
    final NotebookViewModel model;
    final MainWindow window;

    WindowFixture(Stage stage) {
        this(stage, new JythonKernel());
    }

    /** A window on any kernel, such as one that is still starting. */
    WindowFixture(Stage stage, Kernel kernel) {
        this.kernel = kernel;
        new dev.forkbook.ui.theme.ThemeSwitcher(null, () -> false).applySaved();
        FxThread fx = new FxThread();
        session = new NotebookSession(kernel, new NotebookTree(), fx, background);
        session.followKernel();
        model = new NotebookViewModel(session, fx);
        window = new MainWindow(model, new MainWindow.ServerInfo("http://127.0.0.1:1", "u"),
                openedLinks::add, background, fx);
        window.show(stage, "Test");
    }

    NotebookTree tree() {
        return model.tree();
    }

    /** Types one line of code into the bottom cell and runs it with Shift+Enter. */
    void typeAndRun(FxRobot robot, String line) {
        String before = model.current();
        CellView bottom = window.notebook().bottomCell();
        robot.interact(() -> window.notebook().editBottom(dev.forkbook.notebook.CellKind.CODE));
        robot.interact(() -> { });
        robot.clickOn(bottom.editor().area());
        robot.write(line);
        shiftEnter(robot, before);
    }

    /** Presses Shift+Enter and waits until it has made a new current node. */
    void shiftEnter(FxRobot robot, String currentBefore) {
        robot.press(javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.ENTER)
                .release(javafx.scene.input.KeyCode.ENTER, javafx.scene.input.KeyCode.SHIFT);
        await(() -> !model.current().equals(currentBefore));
    }

    /** Puts multi-line code into the bottom cell (typing would auto-indent) and runs it. */
    void runCode(FxRobot robot, String code) {
        String before = model.current();
        CellView bottom = window.notebook().bottomCell();
        robot.interact(() -> window.notebook().editBottom(dev.forkbook.notebook.CellKind.CODE));
        robot.interact(() -> {
            bottom.editor().setText(code);
            bottom.editor().area().requestFocus();
        });
        shiftEnter(robot, before);
    }

    /** The current node once it has finished running. */
    CellNode awaitCurrentDone() {
        return await(() -> {
            CellNode node = tree().get(model.current());
            return node.status() != dev.forkbook.notebook.CellStatus.RUNNING ? node : null;
        });
    }

    /**
     * Fires at {@code node} the event one notch of a mouse wheel turned towards the user makes
     * (deltaY -40, three text lines down), delivered through the node's parents like a real one.
     */
    static void wheelDown(FxRobot robot, javafx.scene.Node node) {
        wheel(robot, node, -40);
    }

    /** A wheel event of {@code deltaY} pixels (negative: towards the user) fired at the node. */
    static void wheel(FxRobot robot, javafx.scene.Node node, double deltaY) {
        robot.interact(() -> {
            javafx.geometry.Bounds box = node.localToScreen(node.getBoundsInLocal());
            double x = node.getBoundsInLocal().getCenterX();
            double y = node.getBoundsInLocal().getCenterY();
            javafx.event.Event.fireEvent(node, new javafx.scene.input.ScrollEvent(
                    javafx.scene.input.ScrollEvent.SCROLL, x, y, box.getCenterX(), box.getCenterY(),
                    false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                    javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.LINES,
                    Math.signum(deltaY) * 3, 0, null));
        });
    }

    static <T> T await(Supplier<T> probe) {
        return dev.forkbook.testing.FxWait.until(probe);
    }

    /** {@link #await}, failing with {@code why} (read on the FX thread) if it times out. */
    static <T> T await(Supplier<T> probe, Supplier<String> why) {
        try {
            return dev.forkbook.testing.FxWait.until(probe);
        } catch (AssertionError e) {
            String[] reason = new String[1];
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> reason[0] = why.get());
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            throw new AssertionError(reason[0], e);
        }
    }

    @Override
    public void close() {
        session.close();
        kernel.close();
        background.shutdownNow();
    }
}
