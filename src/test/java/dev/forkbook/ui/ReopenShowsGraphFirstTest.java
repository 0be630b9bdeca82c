package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A reopened notebook: the first frame shows the graph and the code; web outputs fill in later. */
@ExtendWith(ApplicationExtension.class)
class ReopenShowsGraphFirstTest {

    private final JythonKernel kernel = new JythonKernel();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private Stage stage;
    private NotebookSession session;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        kernel.close();
        background.shutdownNow();
    }

    /** What the first laid-out frame held: graph rows, code cells, and web views. */
    private record FirstFrame(int graphRows, int codeCells, int webViews) {
    }

    @Test
    void the_first_frame_shows_graph_and_code_and_the_rendered_outputs_come_after(FxRobot robot) {
        NotebookTree tree = new NotebookTree();
        String parent = NotebookTree.ROOT_ID;
        for (int i = 0; i < 12; i++) {
            String id = "c" + i;
            boolean markdown = i % 3 == 1;
            tree.add(new CellNode(id, parent, markdown ? CellKind.MARKDOWN : CellKind.CODE,
                    markdown ? "## Part " + i + "\n\n*text* $x^2$" : "t" + i + " = table()",
                    markdown ? CellStatus.STATIC : CellStatus.NOT_LIVE,
                    markdown ? List.of() : List.of(new Output.DisplayData(Map.of("text/html",
                            "<table><tr><td>" + i + "</td></tr></table>", "text/plain", "t"),
                            Map.of())), null, markdown ? null : i + 1, null, Instant.now(), 1,
                    false));
            parent = id;
        }
        String last = parent;
        AtomicReference<FirstFrame> first = new AtomicReference<>();
        robot.interact(() -> {
            new dev.forkbook.ui.theme.ThemeSwitcher(null, () -> false).applySaved();
            FxThread fx = new FxThread();
            session = new NotebookSession(kernel, tree, fx, background);
            NotebookViewModel model = new NotebookViewModel(session, fx);
            model.select(last);
            MainWindow window = new MainWindow(model, null, link -> { }, background, fx);
            window.show(stage, "Reopened");
            Runnable[] listener = new Runnable[1];
            int[] pulses = {0};
            listener[0] = () -> {
                // The second pulse: the window has been laid out and drawn once by now.
                if (++pulses[0] < 2) {
                    javafx.application.Platform.requestNextPulse();
                    return;
                }
                new FxThread().execute(() -> stage.getScene()
                        .removePostLayoutPulseListener(listener[0]));
                var root = stage.getScene().getRoot();
                first.set(new FirstFrame((int) root.lookupAll(".graph-row .node-title").stream()
                        .filter(title -> !((javafx.scene.control.Label) title).getText().isEmpty())
                        .count(), root.lookupAll(".cell").size(),
                        root.lookupAll(".rich-output").size()));
            };
            stage.getScene().addPostLayoutPulseListener(listener[0]);
        });
        FirstFrame frame = WindowFixture.await(first::get);
        assertTrue(frame.graphRows() >= 12, "the graph is drawn in the first frame: " + frame);
        assertTrue(frame.codeCells() >= 12, "and the cells with their code: " + frame);
        assertEquals(0, frame.webViews(), "no WebKit page delays the first frame");
        assertTrue(WindowFixture.await(() -> stage.getScene().getRoot().lookupAll(".rich-output")
                .size() >= 4 ? true : null), "the rendered outputs and markdown on screen fill in "
                + "after");
    }
}
