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
    void comparing_two_nodes_lists_variables_with_their_values_and_shows_a_changed_lists_elements(
            FxRobot robot) {
        CellNode a = run(robot, NotebookTree.ROOT_ID,
                "xs = [1, 2, 3]\nkeep = 'k'\ngone = 2999\nprint('from a')");
        CellNode b = run(robot, a.id(), "xs[0] = 9\nnew = 2\ndel gone\nprint('from b')");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openCompare(null, a.id(), b.id())));
        CompareView view = (CompareView) stage.get().getScene().getRoot();
        assertEquals("Compare  A: " + a.title() + "   ↔   B: " + b.title(),
                robot.lookup("#compare-title").queryAs(Label.class).getText());
        List<CompareModel.VariableRow> rows = WindowFixture.await(() ->
                view.variablesTable().getItems().size() == 4 ? List.copyOf(view.variablesTable()
                        .getItems()) : null);
        assertEquals(List.of(new CompareModel.VariableRow("new", CompareModel.Status.ADDED, null,
                        "2"),
                new CompareModel.VariableRow("gone", CompareModel.Status.REMOVED, "2999", null),
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
    void removed_and_changed_rows_read_well_in_the_dark_theme(FxRobot robot,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        robot.interact(() -> new dev.forkbook.ui.theme.ThemeSwitcher(dir.resolve("theme.txt"),
                () -> false).choose(dev.forkbook.ui.theme.ThemeChoice.DARK));
        CellNode a = run(robot, NotebookTree.ROOT_ID, "xs = [1, 2]\ngone = 1");
        CellNode b = run(robot, a.id(), "xs[0] = 9\ndel gone");
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> stage.set(views.openCompare(null, a.id(), b.id())));
        CompareView view = (CompareView) stage.get().getScene().getRoot();
        WindowFixture.await(() -> view.rowsList().getItems().size() == 1 ? true : null);
        robot.interact(() -> { });
        List<String> unreadable = WindowFixture.await(() -> {
            view.applyCss();
            view.layout();
            List<javafx.scene.control.IndexedCell<?>> marked = view.lookupAll(".indexed-cell")
                    .stream().filter(n -> n.getPseudoClassStates().stream().anyMatch(p -> List.of(
                            "removed", "changed").contains(p.getPseudoClassName())))
                    .<javafx.scene.control.IndexedCell<?>>map(n -> (javafx.scene.control.IndexedCell<?>) n).toList();
            if (marked.size() < 3) { // the removed row, the changed row, the changed element
                return null;
            }
            List<String> bad = new java.util.ArrayList<>();
            for (javafx.scene.control.IndexedCell<?> cell : marked) {
                var fills = cell.getBackground() == null ? List.<javafx.scene.layout.BackgroundFill>of()
                        : cell.getBackground().getFills();
                if (fills.isEmpty()) {
                    return null;
                }
                // The marks are translucent: what shows is the mark over the list's own colour.
                javafx.scene.paint.Color back = over((javafx.scene.paint.Color) fills.get(
                        fills.size() - 1).getFill(), listColour(cell));
                if (back == null) {
                    return null;
                }
                List<javafx.scene.control.Labeled> texts = cell instanceof javafx.scene.control.ListCell<?>
                        ? List.of(cell) : cell.lookupAll(".table-cell").stream()
                                .map(n -> (javafx.scene.control.Labeled) n)
                                .filter(l -> l.getText() != null && !l.getText().isEmpty()).toList();
                for (javafx.scene.control.Labeled text : texts) {
                    double ratio = contrast(back, (javafx.scene.paint.Color) text.getTextFill());
                    if (ratio < 4.5) {
                        bad.add(text.getText() + " " + text.getTextFill() + " on " + back + ": "
                                + ratio);
                    }
                }
            }
            return bad;
        });
        assertEquals(List.of(), unreadable, "text contrast of marked rows in the dark theme");
    }

    /** The opaque colour under a cell: of the nearest region painting one, or of the scene. */
    private static javafx.scene.paint.Color listColour(Node cell) {
        for (Node node = cell; node != null; node = node.getParent()) {
            if (node instanceof javafx.scene.layout.Region control
                    && !(node instanceof javafx.scene.control.IndexedCell<?>)
                    && control.getBackground() != null) {
                for (var fill : control.getBackground().getFills()) {
                    if (fill.getFill() instanceof javafx.scene.paint.Color c && c.getOpacity() == 1) {
                        return c;
                    }
                }
            }
        }
        return cell.getScene().getFill() instanceof javafx.scene.paint.Color c ? c : null;
    }

    private static javafx.scene.paint.Color over(javafx.scene.paint.Color top,
            javafx.scene.paint.Color under) {
        if (under == null) {
            return null;
        }
        double a = top.getOpacity();
        return new javafx.scene.paint.Color(top.getRed() * a + under.getRed() * (1 - a),
                top.getGreen() * a + under.getGreen() * (1 - a),
                top.getBlue() * a + under.getBlue() * (1 - a), 1);
    }

    /** The WCAG contrast ratio of two colours. */
    private static double contrast(javafx.scene.paint.Color one, javafx.scene.paint.Color two) {
        double l1 = luminance(one);
        double l2 = luminance(two);
        return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    }

    private static double luminance(javafx.scene.paint.Color c) {
        java.util.function.DoubleUnaryOperator lin = v -> v <= 0.03928 ? v / 12.92
                : Math.pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * lin.applyAsDouble(c.getRed()) + 0.7152 * lin.applyAsDouble(c.getGreen())
                + 0.0722 * lin.applyAsDouble(c.getBlue());
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
