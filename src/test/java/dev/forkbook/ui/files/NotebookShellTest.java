package dev.forkbook.ui.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.RecentFiles;
import dev.forkbook.notebook.RecoveryStore;
import dev.forkbook.ui.fx.FxThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The File workflow in a real window, with scripted dialogs and real files. */
@ExtendWith(ApplicationExtension.class)
class NotebookShellTest {

    @TempDir
    static Path dir;

    private final JythonKernel kernel = new JythonKernel();
    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private RecoveryStore recovery;
    private FileOps files = FileOps.SYSTEM;
    private Stage stage;
    private NotebookShell shell;

    @Start
    void start(Stage primary) throws IOException {
        stage = primary;
        new dev.forkbook.ui.theme.ThemeSwitcher(null, () -> false).applySaved();
        recovery = new RecoveryStore(Files.createTempDirectory(dir, "recovery"), FileOps.SYSTEM);
        shell = newShell();
        shell.show();
    }

    private NotebookShell newShell() {
        return newShell(stage, null);
    }

    private NotebookShell newShell(Stage on, Path initial) {
        FileOps delegating = new FileOps() {
            @Override
            public Path createTemp(Path directory, String prefix) throws IOException {
                return files.createTemp(directory, prefix);
            }

            @Override
            public void writeAndSync(Path file, byte[] bytes) throws IOException {
                files.writeAndSync(file, bytes);
            }

            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                files.moveAtomically(source, target);
            }
        };
        return new NotebookShell(on, new NotebookShell.Services(kernel, background,
                new FxThread(), link -> { }, null, recovery,
                new RecentFiles(dir.resolve("recent-" + System.nanoTime() + ".txt")), delegating),
                owner -> dialogs, null, initial);
    }

    @AfterEach
    void close() throws Exception {
        // The toolkit outlives this class: a shell left running would autosave into a closed pool.
        org.testfx.api.FxToolkit.setupFixture(() -> shell.dispose());
        kernel.close();
        background.shutdownNow();
    }

    private static <T> T await(Supplier<T> probe) {
        return dev.forkbook.testing.FxWait.until(probe);
    }

    private CellNode run(FxRobot robot, String code) {
        CellNode[] node = new CellNode[1];
        robot.interact(() -> shell.model().runNew(dev.forkbook.notebook.CellKind.CODE, code)
                .thenAccept(done -> node[0] = done));
        return await(() -> node[0]);
    }

    @Test
    void save_as_names_the_window_and_edits_mark_it_unsaved(FxRobot robot) throws IOException {
        Path target = dir.resolve("analysis.forkbook");
        assertEquals("Forkbook — Untitled", stage.getTitle());
        run(robot, "x = 41");
        assertEquals("Forkbook — Untitled *", stage.getTitle());
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        await(() -> !shell.isDirty());
        assertEquals("Forkbook — analysis.forkbook", stage.getTitle());
        assertTrue(Files.readString(target).contains("x = 41"));
        run(robot, "x + 1");
        assertEquals("Forkbook — analysis.forkbook *", stage.getTitle());
        robot.interact(() -> shell.save());
        assertTrue(Files.readString(target).contains("x + 1"));
    }

    @Test
    void a_reopened_notebook_shows_saved_outputs_and_rebuilds_on_demand(FxRobot robot)
            throws IOException {
        Path target = dir.resolve("reopen.forkbook");
        run(robot, "base = 3");
        CellNode last = run(robot, "print(base * 2)");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        robot.interact(() -> shell.open(target));
        CellNode reopened = shell.model().tree().get(last.id());
        assertEquals(CellStatus.NOT_LIVE, reopened.status());
        assertEquals(last.outputs(), reopened.outputs());
        robot.interact(() -> shell.model().select(last.id()));
        javafx.scene.layout.HBox banner = robot.lookup("#not-live-banner").queryAs(
                javafx.scene.layout.HBox.class);
        assertTrue(banner.isVisible(), "a banner says the states are not live");
        assertTrue(robot.from(banner).lookup(".label").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText())
                .anyMatch(text -> text.contains("replay 2 cells")));
        robot.clickOn("#rebuild");
        CellNode rebuilt = await(() -> {
            CellNode node = shell.model().tree().get(last.id());
            return node.status() == CellStatus.OK ? node : null;
        });
        assertFalse(rebuilt.outputsChanged());
        await(() -> !banner.isVisible());
    }

    /** Types a line into the input cell of the window and runs it with Shift+Enter. */
    private CellNode typeAndRun(FxRobot robot, String code) {
        dev.forkbook.ui.notebook.CellView bottom = shell.window().notebook().bottomCell();
        robot.interact(() -> shell.window().notebook().editBottom(dev.forkbook.notebook.CellKind.CODE));
        robot.interact(() -> { });
        robot.clickOn(bottom.editor().area());
        String before = shell.model().current();
        robot.write(code);
        robot.press(javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.ENTER)
                .release(javafx.scene.input.KeyCode.ENTER, javafx.scene.input.KeyCode.SHIFT);
        return await(() -> {
            CellNode node = shell.model().tree().get(shell.model().current());
            return !node.id().equals(before) && node.status() != CellStatus.RUNNING ? node : null;
        });
    }

    @Test
    void execution_counts_stay_unique_across_save_and_reopen(FxRobot robot) throws IOException {
        Path target = dir.resolve("counts.forkbook");
        typeAndRun(robot, "a = 1");
        CellNode second = typeAndRun(robot, "a + 1");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        robot.interact(() -> shell.open(target));
        robot.interact(() -> shell.model().select(second.id()));
        CellNode after = typeAndRun(robot, "a + 2");
        assertEquals("3", dev.forkbook.testing.OutputText.of(after.outputs()));
        assertTrue(after.executionCount() > second.executionCount(),
                "counting continues after the saved counts");
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (CellNode node : shell.model().tree().depthFirst()) {
            if (node.executionCount() != null) {
                assertTrue(seen.add(node.executionCount()), "[" + node.executionCount()
                        + "] appears twice");
            }
        }
        assertEquals(3, seen.size(), "the two rebuilt cells got new counts; nothing shows a count "
                + "twice");
    }

    @Test
    void kernel_restart_from_the_menu_stops_a_running_cell_and_the_path_rebuilds_on_demand(
            FxRobot robot) {
        CellNode base = typeAndRun(robot, "base = 20");
        robot.interact(() -> shell.model().runNew(dev.forkbook.notebook.CellKind.CODE,
                "while True:\n    pass"));
        await(() -> shell.model().runningProperty().get() == 1 ? true : null);
        robot.clickOn("Kernel").clickOn("Restart");
        await(() -> shell.model().runningProperty().get() == 0
                && shell.model().tree().get(base.id()).status() == CellStatus.NOT_LIVE ? true : null);
        robot.interact(() -> shell.model().select(base.id()));
        CellNode after = typeAndRun(robot, "base + 1");
        assertEquals("21", dev.forkbook.testing.OutputText.of(after.outputs()));
        assertTrue(shell.window().notebook().bottomCell().editor().area().isFocused(),
                "the keyboard is back in the input cell");
    }

    @Test
    void help_lists_the_keyboard_shortcuts(FxRobot robot) {
        robot.clickOn("Help").clickOn("Keyboard Shortcuts");
        javafx.scene.Node grid = await(() -> robot.lookup("#shortcuts-grid").tryQuery()
                .orElse(null));
        assertTrue(((javafx.scene.layout.GridPane) grid).getChildren().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Label l
                        && l.getText().equals("Ctrl+Shift+Enter")));
        robot.clickOn("Close");
    }

    @Test
    void unsaved_changes_are_not_dropped_without_asking(FxRobot robot) {
        run(robot, "keep = 1");
        dialogs.saveChoice = Dialogs.SaveChoice.CANCEL;
        robot.interact(() -> shell.newNotebook());
        assertTrue(dialogs.asked.contains("save-changes:Untitled"));
        assertEquals(2, shell.model().tree().size(), "the notebook is still there");
        dialogs.saveChoice = Dialogs.SaveChoice.DISCARD;
        robot.interact(() -> shell.newNotebook());
        assertEquals(1, shell.model().tree().size());
    }

    @Test
    void a_failed_save_reports_the_error_and_keeps_file_and_notebook(FxRobot robot)
            throws IOException {
        Path target = dir.resolve("full.forkbook");
        run(robot, "a = 1");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        byte[] before = Files.readAllBytes(target);
        run(robot, "b = 2");
        files = new FileOps() {
            @Override
            public void writeAndSync(Path file, byte[] bytes) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        robot.interact(() -> shell.save());
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.contains("No space left on device")),
                dialogs.asked.toString());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertTrue(shell.isDirty());
        assertEquals(3, shell.model().tree().size());
    }

    @Test
    void a_file_changed_on_disk_is_overwritten_only_after_asking(FxRobot robot) throws IOException {
        Path target = dir.resolve("shared.forkbook");
        run(robot, "mine = 1");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        Files.writeString(target, Files.readString(target).replace("mine = 1", "theirs = 1"));
        run(robot, "mine = 2");
        dialogs.overwrite = false;
        robot.interact(() -> shell.save());
        assertTrue(dialogs.asked.contains("overwrite:shared.forkbook"));
        assertTrue(Files.readString(target).contains("theirs = 1"));
        dialogs.overwrite = true;
        robot.interact(() -> shell.save());
        assertTrue(Files.readString(target).contains("mine = 2"));
    }

    @Test
    void a_corrupt_file_opens_with_an_error_and_stays_untouched(FxRobot robot) throws IOException {
        Path corrupt = dir.resolve("corrupt.forkbook");
        byte[] bytes = "{\"format\": \"forkbook\", \"vers".getBytes();
        Files.write(corrupt, bytes);
        robot.interact(() -> shell.open(corrupt));
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("error:Cannot open")),
                dialogs.asked.toString());
        assertArrayEquals(bytes, Files.readAllBytes(corrupt));
    }

    @Test
    void a_window_started_on_a_file_opens_it_with_its_current_cell(FxRobot robot)
            throws IOException {
        Path target = dir.resolve("started.forkbook");
        run(robot, "a = 1");
        CellNode last = run(robot, "print(a + 1)");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        NotebookShell[] started = new NotebookShell[1];
        Stage[] other = new Stage[1];
        robot.interact(() -> {
            other[0] = new Stage();
            started[0] = newShell(other[0], target);
        });
        try {
            assertEquals(target, started[0].path());
            assertEquals(last.id(), started[0].model().current());
            assertEquals(last.outputs(), started[0].model().tree().get(last.id()).outputs());
            assertEquals("Forkbook — started.forkbook", other[0].getTitle());
            assertFalse(started[0].isDirty());
        } finally {
            robot.interact(() -> started[0].dispose());
        }
    }

    @Test
    void a_window_started_on_an_unreadable_file_reports_it_and_starts_empty(FxRobot robot)
            throws IOException {
        Path corrupt = dir.resolve("unreadable.forkbook");
        Files.write(corrupt, "{\"format\": \"forkbook\", \"vers".getBytes());
        NotebookShell[] started = new NotebookShell[1];
        Stage[] other = new Stage[1];
        robot.interact(() -> {
            other[0] = new Stage();
            started[0] = newShell(other[0], corrupt);
        });
        try {
            assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("error:Cannot open")),
                    dialogs.asked.toString());
            assertEquals(null, started[0].path());
            assertEquals("Forkbook — Untitled", other[0].getTitle());
            assertEquals(NotebookTree.ROOT_ID, started[0].model().current());
        } finally {
            robot.interact(() -> started[0].dispose());
        }
    }

    @Test
    void autosave_writes_a_recovery_copy_that_a_later_open_offers(FxRobot robot)
            throws IOException {
        Path target = dir.resolve("crashy.forkbook");
        run(robot, "saved = 1");
        dialogs.saveAnswer = target;
        robot.interact(() -> shell.save());
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().minusSeconds(120)));
        run(robot, "unsaved = 2");
        robot.interact(() -> shell.autosaveNow());
        await(() -> Files.exists(recovery.recoveryFor(target)));

        // The app "crashes": a new window opens the notebook and is offered the recovery copy.
        dialogs.saveChoice = Dialogs.SaveChoice.DISCARD;
        dialogs.recover = true;
        robot.interact(() -> {
            shell.dispose();
            shell = newShell();
            shell.open(target);
        });
        assertTrue(dialogs.asked.contains("recover:crashy.forkbook"), dialogs.asked.toString());
        NotebookDocument recovered = shell.document();
        assertTrue(recovered.tree().depthFirst().stream()
                .anyMatch(node -> node.source().equals("unsaved = 2")));
        assertTrue(shell.isDirty());
        assertFalse(new String(Files.readAllBytes(target)).contains("unsaved = 2"));
        assertEquals(ForkbookFormat.read(Files.readAllBytes(target)).tree().size(), 2);
    }
}
