package dev.forkbook.ui.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.RecentFiles;
import dev.forkbook.notebook.RecoveryStore;
import dev.forkbook.ui.compare.CompareModel;
import dev.forkbook.ui.compare.CompareModel.Status;
import dev.forkbook.ui.compare.CompareView;
import dev.forkbook.ui.compare.ManyBranchesView;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.tree.ForkGraphView;
import dev.forkbook.ui.tree.LaneLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The ways into the compare view and the many-branches grid from the fork graph (Ctrl+click a second
 * node, the node's context menu), in the real notebook window on a real kernel, driven by clicks.
 */
@ExtendWith(ApplicationExtension.class)
class CompareEntryPointsTest {

    private static final PseudoClass MARKED = PseudoClass.getPseudoClass("marked");

    @TempDir
    static Path dir;

    private final JythonKernel kernel = new JythonKernel();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private NotebookShell shell;

    @Start
    void start(Stage stage) throws IOException {
        new dev.forkbook.ui.theme.ThemeSwitcher(null, () -> false).applySaved();
        RecoveryStore recovery = new RecoveryStore(Files.createTempDirectory(dir, "recovery"),
                FileOps.SYSTEM);
        shell = new NotebookShell(stage, new NotebookShell.Services(kernel, background,
                new FxThread(), link -> { }, null, recovery,
                new RecentFiles(dir.resolve("recent-" + System.nanoTime() + ".txt")),
                FileOps.SYSTEM), owner -> new ScriptedDialogs());
        shell.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage stage && stage.getOwner() != null)
                .forEach(Window::hide));
        org.testfx.api.FxToolkit.setupFixture(() -> shell.dispose());
        kernel.close();
        background.shutdownNow();
    }

    private static <T> T await(Supplier<T> probe) {
        return dev.forkbook.testing.FxWait.until(probe);
    }

    /** Runs a new cell below {@code parent}; answers the finished node. */
    private CellNode runBelow(FxRobot robot, String parent, String code) {
        CellNode[] node = new CellNode[1];
        robot.interact(() -> {
            shell.model().select(parent);
            shell.model().runNew(CellKind.CODE, code).thenAccept(done -> node[0] = done);
        });
        CellNode done = await(() -> node[0]);
        assertEquals(CellStatus.OK, done.status(), () -> String.valueOf(done.error()));
        return done;
    }

    private ForkGraphView graph() {
        return shell.window().tree();
    }

    @SuppressWarnings("unchecked")
    private ListCell<LaneLayout.Row> row(FxRobot robot, String id) {
        return await(() -> robot.lookup(".graph-row").queryAll().stream()
                .map(node -> (ListCell<LaneLayout.Row>) node)
                .filter(cell -> cell.getItem() != null && cell.isVisible()
                        && cell.getItem().id().equals(id)).findFirst().orElse(null));
    }

    private void click(FxRobot robot, String id) {
        robot.clickOn(row(robot, id).lookup(".node-title"));
        await(() -> shell.model().current().equals(id));
    }

    private void ctrlClick(FxRobot robot, String id) {
        robot.press(KeyCode.CONTROL);
        try {
            robot.clickOn(row(robot, id).lookup(".node-title"));
        } finally {
            robot.release(KeyCode.CONTROL);
        }
    }

    /** An item of the open context menu, by its text. */
    private static Node menuItem(FxRobot robot, String text) {
        return await(() -> robot.lookup(".context-menu .label").queryAll().stream()
                .filter(node -> text.equals(((Label) node).getText()) && node.isVisible())
                .findFirst().orElse(null));
    }

    /** The root of the window the shell opened with this title, once it shows. */
    private static <T> T openedWindow(String title, Class<T> root) {
        return await(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage stage && stage.isShowing()
                        && ("Forkbook — " + title).equals(stage.getTitle()))
                .map(w -> w.getScene().getRoot()).filter(root::isInstance).map(root::cast)
                .findFirst().orElse(null));
    }

    private static List<CompareModel.VariableRow> variables(CompareView view, int count) {
        return await(() -> view.variablesTable().getItems().size() == count
                ? List.copyOf(view.variablesTable().getItems()) : null);
    }

    private static List<String> labels(Node root) {
        return root.lookupAll(".label").stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList();
    }

    private static String statusOf(VBox column) {
        return ((Label) column.lookup(".branch-status")).getText();
    }

    @Test
    void ctrl_click_on_a_second_node_offers_compare_and_it_shows_both_states_and_outputs(
            FxRobot robot) {
        CellNode a = runBelow(robot, NotebookTree.ROOT_ID,
                "xs = [1, 2, 3]\nkeep = 'k'\ngone = 1\nprint('from a')");
        CellNode b = runBelow(robot, a.id(), "xs[0] = 9\nnew = 2\ndel gone\nprint('from b')");
        click(robot, a.id());
        ctrlClick(robot, b.id());
        assertEquals(a.id(), shell.model().current(), "Ctrl+click does not move the current node");
        assertEquals(List.of(b.id()), graph().markedNodes());
        assertTrue(row(robot, b.id()).getPseudoClassStates().contains(MARKED),
                "the second node is shown as selected");
        robot.clickOn(menuItem(robot, "Compare [1] xs = [1, 2, 3]  ↔  [2] xs[0] = 9"));

        CompareView view = openedWindow("Compare", CompareView.class);
        assertEquals("Compare  A: " + a.title() + "   ↔   B: " + b.title(),
                ((Label) view.lookup("#compare-title")).getText());
        assertEquals(List.of(new CompareModel.VariableRow("new", Status.ADDED, null, "2"),
                new CompareModel.VariableRow("gone", Status.REMOVED, "1", null),
                new CompareModel.VariableRow("xs", Status.CHANGED, "[1, 2, 3]", "[9, 2, 3]"),
                new CompareModel.VariableRow("keep", Status.SAME_OBJECT, null, null)),
                variables(view, 4));
        assertTrue(labels(view).contains("1 added, 1 removed, 1 changed, 1 unchanged (1 the same "
                + "object)"), labels(view).toString());
        // The changed list is selected first and its element is listed with both values.
        await(() -> view.rowsList().getItems().size() == 1);
        assertEquals("[0]  1  →  9", await(() -> robot.from(view.rowsList()).lookup(".list-cell")
                .queryAll().stream().map(n -> ((ListCell<?>) n).getText())
                .filter(text -> text != null && !text.isEmpty()).findFirst().orElse(null)));
        // The outputs of both paths, side by side.
        List<String> left = labels(view.lookup("#compare-path-a"));
        List<String> right = labels(view.lookup("#compare-path-b"));
        assertTrue(left.stream().anyMatch(t -> t.contains("from a")), left.toString());
        assertTrue(left.stream().noneMatch(t -> t.contains("from b")), left.toString());
        assertTrue(right.stream().anyMatch(t -> t.contains("from b")), right.toString());
        assertTrue(view.lookup("#compare-path-a").localToScreen(0, 0).getX()
                < view.lookup("#compare-path-b").localToScreen(0, 0).getX(), "A left of B");
    }

    @Test
    void compare_with_current_in_a_nodes_menu_compares_it_against_the_current_node(
            FxRobot robot) {
        CellNode base = runBelow(robot, NotebookTree.ROOT_ID, "d = {'lr': 0.1, 'epochs': 3}");
        CellNode left = runBelow(robot, base.id(), "d['lr'] = 0.5\nonly_left = 1");
        CellNode right = runBelow(robot, base.id(), "d['epochs'] = 9");
        click(robot, left.id());
        robot.clickOn(row(robot, right.id()).lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Compare with current"));

        CompareView view = openedWindow("Compare", CompareView.class);
        assertEquals("Compare  A: " + left.title() + "   ↔   B: " + right.title(),
                ((Label) view.lookup("#compare-title")).getText());
        List<CompareModel.VariableRow> rows = variables(view, 2);
        assertEquals(new CompareModel.VariableRow("only_left", Status.REMOVED, "1", null),
                rows.get(0));
        assertEquals("d", rows.get(1).name());
        assertEquals(Status.CHANGED, rows.get(1).status());
        assertTrue(rows.get(1).a().contains("'lr': 0.5") && rows.get(1).b().contains("'epochs': 9"),
                rows.get(1).toString());
        List<String> keyRows = await(() -> {
            List<String> texts = robot.from(view.rowsList()).lookup(".list-cell").queryAll()
                    .stream().map(n -> ((ListCell<?>) n).getText())
                    .filter(text -> text != null && !text.isEmpty()).sorted().toList();
            return texts.size() == 2 ? texts : null;
        });
        assertEquals(List.of("['epochs']  3  →  9", "['lr']  0.5  →  0.1"), keyRows);
        robot.interact(() -> view.getScene().getWindow().hide());
        robot.clickOn(row(robot, left.id()).lookup(".node-title"), MouseButton.SECONDARY);
        Node self = menuItem(robot, "Compare with current");
        assertTrue(self.isDisabled() || self.getParent().getPseudoClassStates()
                .contains(PseudoClass.getPseudoClass("disabled")),
                "the current node is not offered a compare with itself");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void run_on_selected_nodes_opens_the_grid_with_one_column_per_branch_and_errors_in_place(
            FxRobot robot) {
        CellNode small = runBelow(robot, NotebookTree.ROOT_ID, "model = 'small'");
        CellNode large = runBelow(robot, NotebookTree.ROOT_ID, "model = 'large!'");
        CellNode none = runBelow(robot, NotebookTree.ROOT_ID, "other = 1");
        click(robot, small.id());
        robot.clickOn(row(robot, small.id()).lookup(".node-title"), MouseButton.SECONDARY);
        assertTrue(menuItem(robot, "Run a cell on the selected node…") != null,
                "one selected node is named in the singular");
        robot.type(KeyCode.ESCAPE);
        ctrlClick(robot, large.id());
        robot.type(KeyCode.ESCAPE);
        ctrlClick(robot, none.id());
        assertEquals(List.of(small.id(), large.id(), none.id()), graph().selectedNodes());
        robot.clickOn(menuItem(robot, "Run a cell on the 3 selected nodes…"));

        ManyBranchesView view = openedWindow("Run on many branches", ManyBranchesView.class);
        assertEquals(3, view.columns().size());
        robot.clickOn(view.code()).write("len(model)");
        robot.clickOn(view.lookup("#many-run"));
        List<VBox> columns = await(() -> view.columns().stream()
                .noneMatch(c -> statusOf(c).equals("running…") || statusOf(c).equals("not run"))
                ? view.columns() : null);
        assertTrue(statusOf(columns.get(0)).matches("\\[\\d+\\] done in \\d+ ms"),
                statusOf(columns.get(0)));
        assertTrue(labels(columns.get(0)).contains("5"), labels(columns.get(0)).toString());
        assertTrue(labels(columns.get(1)).contains("6"), labels(columns.get(1)).toString());
        assertTrue(statusOf(columns.get(2)).matches("NameError after \\d+ ms"),
                statusOf(columns.get(2)));
        assertTrue(labels(columns.get(2)).stream().anyMatch(t -> t.contains("NameError")),
                "the error is shown in its column: " + labels(columns.get(2)));
        assertTrue(columns.get(2).getPseudoClassStates().contains(PseudoClass.getPseudoClass(
                "error")));
        assertTrue(columns.get(0).localToScreen(0, 0).getX()
                < columns.get(1).localToScreen(0, 0).getX(), "columns side by side");
        for (CellNode branch : List.of(small, large, none)) {
            assertEquals(1, shell.model().tree().children(branch.id()).size(),
                    "each run is a child of its branch");
        }
    }

    @Test
    void run_on_all_leaves_from_a_nodes_menu_gives_one_column_per_leaf(FxRobot robot) {
        CellNode base = runBelow(robot, NotebookTree.ROOT_ID, "n = 10");
        runBelow(robot, base.id(), "n = n + 1");
        runBelow(robot, base.id(), "n = n + 2");
        runBelow(robot, NotebookTree.ROOT_ID, "n = 100");
        robot.clickOn(row(robot, base.id()).lookup(".node-title"), MouseButton.SECONDARY);
        robot.clickOn(menuItem(robot, "Run a cell on all leaves…"));
        ManyBranchesView view = openedWindow("Run on many branches", ManyBranchesView.class);
        assertEquals(3, view.columns().size());
        robot.clickOn(view.code()).write("n * 2");
        robot.clickOn(view.lookup("#many-run"));
        List<VBox> columns = await(() -> view.columns().stream()
                .allMatch(c -> statusOf(c).contains("done")) ? view.columns() : null);
        List<String> values = columns.stream().map(c -> labels(c).stream()
                .filter(t -> t.matches("\\d+")).findFirst().orElse("?")).sorted().toList();
        assertEquals(List.of("200", "22", "24"), values);
        assertFalse(graph().selectedNodes().size() > 1, "nothing was marked");
    }
}
