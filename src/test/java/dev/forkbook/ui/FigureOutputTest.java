package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.ui.notebook.CellView;
import dev.forkbook.ui.output.RichWebView;
import javafx.concurrent.Worker;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Figures are shown whole, scaled to the column, and never take the keyboard from the editor. */
@ExtendWith(ApplicationExtension.class)
class FigureOutputTest {

    private WindowFixture fixture;
    private Stage stage;
    private double width;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
        this.stage = stage;
        width = stage.getWidth();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> stage.setWidth(width));
        fixture.close();
    }

    /** Waits until every output on screen has rendered (images decoded, web pages loaded). */
    private void awaitOutputsRendered(FxRobot robot) {
        WindowFixture.await(() -> {
            fixture.window.notebook().materializeVisible();
            boolean shown = !robot.lookup(".image-output").queryAll().isEmpty()
                    || !robot.lookup(".rich-output").queryAll().isEmpty();
            return shown && robot.lookup(".rich-output").queryAllAs(RichWebView.class).stream()
                    .allMatch(v -> v.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
        });
        robot.interact(() -> { });
    }

    private Bounds inList(FxRobot robot, Node node) {
        ListView<?> list = robot.lookup(".cells").queryAs(ListView.class);
        return list.sceneToLocal(node.localToScene(node.getLayoutBounds()));
    }

    @Test
    void after_running_a_figure_cell_typing_lands_in_the_next_cell_on_screen(FxRobot robot) {
        fixture.typeAndRun(robot, "import matplotlib.pyplot as plt");
        fixture.awaitCurrentDone();
        fixture.typeAndRun(robot, "plt.plot([2,1]); plt.show()");
        fixture.awaitCurrentDone();
        awaitOutputsRendered(robot);
        robot.write("y = 2");
        CellView bottom = fixture.window.notebook().bottomCell();
        assertEquals("y = 2", WindowFixture.await(() -> bottom.sourceText().equals("y = 2")
                ? bottom.sourceText() : null), "what is typed after the run goes to the next cell");
        ListView<?> list = robot.lookup(".cells").queryAs(ListView.class);
        WindowFixture.await(() -> {
            Bounds box = inList(robot, bottom.editor().area());
            return box.getMinY() >= 0 && box.getMaxY() <= list.getHeight() + 1;
        });
        assertTrue(robot.lookup(".rich-output .web-view").queryAll().stream()
                .noneMatch(Node::isFocusTraversable), "outputs never take the keyboard");
    }

    @Test
    void a_figure_shown_at_the_end_of_a_cell_is_drawn_whole_and_scaled_to_the_column(
            FxRobot robot) {
        fixture.runCode(robot, "import matplotlib.pyplot as plt\nplt.plot([1,2]); plt.title('repro')");
        fixture.awaitCurrentDone();
        ImageView image = WindowFixture.await(() -> {
            fixture.window.notebook().materializeVisible();
            return robot.lookup(".image-output").queryAllAs(ImageView.class).stream()
                    .findFirst().orElse(null);
        });
        double ratio = image.getImage().getHeight() / image.getImage().getWidth();
        ListView<?> list = robot.lookup(".cells").queryAs(ListView.class);
        WindowFixture.await(() -> {
            Bounds shown = inList(robot, image);
            return shown.getHeight() > 100 && shown.getMaxX() <= list.getWidth()
                    && Math.abs(shown.getHeight() / shown.getWidth() - ratio) < 0.02;
        });
    }

    @Test
    void a_figure_in_a_narrowed_window_keeps_its_aspect_and_leaves_no_blank_band(FxRobot robot) {
        fixture.runCode(robot, "import matplotlib.pyplot as plt\nplt.plot([1,2]); plt.show()");
        fixture.awaitCurrentDone();
        ImageView image = WindowFixture.await(() -> {
            fixture.window.notebook().materializeVisible();
            return robot.lookup(".image-output").queryAllAs(ImageView.class).stream()
                    .findFirst().orElse(null);
        });
        double ratio = image.getImage().getHeight() / image.getImage().getWidth();
        double wide = WindowFixture.await(() -> inList(robot, image).getWidth());
        robot.interact(() -> stage.setWidth(stage.getWidth() / 2));
        Node outputs = image.getParent() instanceof javafx.scene.layout.HBox row
                ? row.getParent() : image.getParent();
        WindowFixture.await(() -> {
            Bounds shown = inList(robot, image);
            Bounds box = inList(robot, outputs);
            return shown.getWidth() < wide - 50
                    && Math.abs(shown.getHeight() / shown.getWidth() - ratio) < 0.02
                    && box.getHeight() - shown.getHeight() < 16;
        });
    }
}
