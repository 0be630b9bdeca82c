package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.compare.CompareModel;
import dev.forkbook.ui.compare.CompareView;
import dev.forkbook.ui.compare.CompareViews;
import dev.forkbook.ui.compare.ManyBranchesView;
import dev.forkbook.ui.fx.FxThread;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The compare view and the many-branches grid, driven by a robot on real windows and a kernel. */
@ExtendWith(ApplicationExtension.class)
class CompareViewsTest {

    private WindowFixture fixture;
    private CompareViews views;

    @Start
    void start(Stage stage) {
        fixture = new WindowFixture(stage);
        views = new CompareViews(fixture.kernel, fixture.session, fixture.background,
                new FxThread(), fixture.openedLinks::add);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> Stage.getWindows().stream().filter(w -> w instanceof Stage)
                .map(Stage.class::cast).filter(s -> s.getTitle() != null
                        && s.getTitle().startsWith("Forkbook — ") && s.getOwner() == null
                        && !s.getTitle().equals("Forkbook — Test")).toList().forEach(Stage::close));
        fixture.close();
    }

    /** Runs a cell under {@code parent} and waits until it has finished. */
    private CellNode run(FxRobot robot, String parent, String code) {
        AtomicReference<CompletableFuture<CellNode>> future = new AtomicReference<>();
        robot.interact(() -> future.set(fixture.session.run(parent, code)));
        CellNode done = WindowFixture.await(() -> future.get().getNow(null));
        assertEquals(CellStatus.OK, done.status(), () -> String.valueOf(done.error()));
        return done;
    }

    private static List<String> texts(Node root, String selector) {
        return root.lookupAll(selector).stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void comparing_two_nodes_lists_variables_and_shows_a_changed_lists_elements(FxRobot robot) {
        CellNode a = run(robot, NotebookTree.ROOT_ID, "xs = [1, 2, 3]\nkeep = 'k'\nprint('from a')");
        CellNode b = run(robot, a.id(), "xs[0] = 9\nnew = 2\nprint('from b')");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openCompare(null, a.id(), b.id())));
        CompareView view = (CompareView) stage.get().getScene().getRoot();
        assertEquals("Compare  A: " + a.title() + "   ↔   B: " + b.title(),
                robot.lookup("#compare-title").queryAs(Label.class).getText());
        List<CompareModel.VariableRow> rows = WindowFixture.await(() ->
                view.variablesTable().getItems().size() == 3 ? List.copyOf(view.variablesTable()
                        .getItems()) : null);
        assertEquals(List.of(new CompareModel.VariableRow("new", CompareModel.Status.ADDED, null,
                        null),
                new CompareModel.VariableRow("xs", CompareModel.Status.CHANGED, "[1, 2, 3]",
                        "[9, 2, 3]"),
                new CompareModel.VariableRow("keep", CompareModel.Status.SAME_OBJECT, null, null)),
                rows);
        robot.clickOn(robot.from(view.variablesTable()).lookup(".table-cell")
                .match(n -> n instanceof javafx.scene.control.TableCell<?, ?> cell
                        && "xs".equals(cell.getText())).<Node>query());
        WindowFixture.await(() -> view.rowsList().getItems().size() == 1);
        assertTrue(robot.lookup("#compare-rows .list-cell").queryAll().stream()
                .anyMatch(n -> "[0]  1  →  9".equals(((javafx.scene.control.ListCell<?>) n)
                        .getText())), "the changed element is listed with both values");
        // Outputs of both paths, side by side.
        List<String> left = texts(robot.lookup("#compare-path-a").query(), ".label");
        List<String> right = texts(robot.lookup("#compare-path-b").query(), ".label");
        assertTrue(left.stream().anyMatch(t -> t.contains("from a")), left.toString());
        assertTrue(left.stream().noneMatch(t -> t.contains("from b")), left.toString());
        assertTrue(right.stream().anyMatch(t -> t.contains("from a")), right.toString());
        assertTrue(right.stream().anyMatch(t -> t.contains("from b")), right.toString());
    }

    @Test
    void a_failed_node_compares_as_the_state_a_child_of_it_would_run_from(FxRobot robot) {
        CellNode ok = run(robot, NotebookTree.ROOT_ID, "x = 1");
        AtomicReference<CompletableFuture<CellNode>> failing = new AtomicReference<>();
        robot.interact(() -> failing.set(fixture.session.run(ok.id(), "1 / 0")));
        CellNode failed = WindowFixture.await(() -> failing.get().getNow(null));
        robot.interact(() -> views.openCompare(null, ok.id(), failed.id()));
        WindowFixture.await(() -> robot.lookup("#compare-message").queryAs(Label.class).getText()
                .equals("0 added, 0 removed, 0 changed, 1 unchanged (1 the same object)"));
        assertEquals("Compare  A: x = 1   ↔   B: 1 / 0",
                robot.lookup("#compare-title").queryAs(Label.class).getText());
    }

    @Test
    void a_variable_with_many_differences_is_paged(FxRobot robot) {
        CellNode a = run(robot, NotebookTree.ROOT_ID, "ys = list(range(250))");
        CellNode b = run(robot, a.id(), "ys = [y + 1 for y in ys]");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openCompare(null, a.id(), b.id())));
        WindowFixture.await(() -> robot.lookup("#compare-page").queryAs(Label.class).getText()
                .equals("ys: differences 1–100 of 250"));
        robot.clickOn("#compare-next");
        WindowFixture.await(() -> robot.lookup("#compare-page").queryAs(Label.class).getText()
                .equals("ys: differences 101–200 of 250"));
        robot.clickOn("#compare-next");
        WindowFixture.await(() -> robot.lookup("#compare-page").queryAs(Label.class).getText()
                .equals("ys: differences 201–250 of 250"));
        assertTrue(robot.lookup("#compare-next").queryButton().isDisabled());
        robot.clickOn("#compare-previous");
        WindowFixture.await(() -> robot.lookup("#compare-page").queryAs(Label.class).getText()
                .equals("ys: differences 101–200 of 250"));
    }

    @Test
    void one_cell_runs_on_every_branch_and_each_column_shows_its_result(FxRobot robot) {
        CellNode small = run(robot, NotebookTree.ROOT_ID, "model = 'small'");
        CellNode large = run(robot, NotebookTree.ROOT_ID, "model = 'large!'");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openManyBranches(null, List.of(small.id(),
                large.id()))));
        ManyBranchesView view = (ManyBranchesView) stage.get().getScene().getRoot();
        robot.clickOn("#many-code").write("len(model)");
        robot.clickOn("#many-run");
        List<VBox> columns = WindowFixture.await(() -> view.columns().stream().allMatch(c ->
                texts(c, ".branch-status").get(0).contains("done")) ? view.columns() : null);
        assertEquals(2, columns.size());
        assertTrue(texts(columns.get(0), ".label").contains("5"), texts(columns.get(0), ".label")
                .toString());
        assertTrue(texts(columns.get(1), ".label").contains("6"), texts(columns.get(1), ".label")
                .toString());
        // Each run is a new child of its branch.
        assertEquals(1, fixture.tree().children(small.id()).size());
        assertEquals(1, fixture.tree().children(large.id()).size());
    }

    @Test
    void interrupt_all_stops_every_branch_and_errors_show_in_place(FxRobot robot) {
        CellNode one = run(robot, NotebookTree.ROOT_ID, "n = 1");
        CellNode two = run(robot, NotebookTree.ROOT_ID, "n = 2");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openManyBranches(null, List.of(one.id(), two.id()))));
        ManyBranchesView view = (ManyBranchesView) stage.get().getScene().getRoot();
        robot.interact(() -> view.code().setText("import java.lang.System\n"
                + "java.lang.System.setProperty('compare.many.' + str(n), 'running')\n"
                + "while True:\n    pass"));
        robot.clickOn("#many-run");
        WindowFixture.await(() -> view.columns().stream().allMatch(c ->
                texts(c, ".branch-status").get(0).equals("running…")));
        // Both loops are really running in the kernel, not just queued.
        WindowFixture.await(() -> System.getProperty("compare.many.1") != null
                && System.getProperty("compare.many.2") != null);
        robot.clickOn("#many-interrupt");
        System.gc(); // the grid must keep following its branches whatever the collector does
        WindowFixture.await(() -> view.columns().stream().allMatch(c ->
                texts(c, ".branch-status").get(0).startsWith("KeyboardInterrupt")));
        System.clearProperty("compare.many.1");
        System.clearProperty("compare.many.2");
    }
}
