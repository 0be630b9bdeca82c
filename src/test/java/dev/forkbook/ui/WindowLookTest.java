package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.ui.theme.ThemeChoice;
import dev.forkbook.ui.theme.ThemeSwitcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's look: nothing cut at 1024×700, and the theme switch. */
@ExtendWith(ApplicationExtension.class)
class WindowLookTest {

    private WindowFixture fixture;
    private Stage stage;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        new ThemeSwitcher(null, () -> false).applySaved();
        fixture.close();
    }

    /** Labels, buttons, headers and captions whose text is shown cut ("…"). */
    private static List<String> truncated(Parent root) {
        return root.lookupAll("*").stream()
                .filter(node -> node instanceof Labeled labeled && labeled.getText() != null
                        && !labeled.getText().isEmpty() && shown(node) && !insideCell(node))
                .map(node -> (Labeled) node)
                .filter(labeled -> labeled.lookupAll(".text").stream()
                        .filter(text -> text instanceof Text && text.getParent() == labeled)
                        .map(text -> ((Text) text).getText())
                        .anyMatch(text -> !text.equals(labeled.getText())))
                .map(labeled -> labeled.getClass().getSimpleName() + " '" + labeled.getText() + "'")
                .toList();
    }

    private static boolean shown(Node node) {
        for (Node up = node; up != null; up = up.getParent()) {
            if (!up.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Rows of lists and tables cut long content on purpose and show it whole in a tooltip. */
    private static boolean insideCell(Node node) {
        for (Node up = node; up != null; up = up.getParent()) {
            if (up instanceof Cell<?>) {
                return true;
            }
        }
        return false;
    }

    @Test
    void no_control_text_is_cut_at_1024_by_700(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        fixture.runCode(robot, "numbers = [1, 2, 3]\nname = 'forkbook'\ntotal = sum(numbers)");
        fixture.awaitCurrentDone();
        WindowFixture.await(() -> !fixture.window.variables().table().getItems().isEmpty());
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
        });
        assertEquals(1024, stage.getScene().getWindow().getWidth(), 1);
        assertEquals(List.of(), truncated(stage.getScene().getRoot()));
    }

    @Test
    void imported_names_are_hidden_until_show_imported_is_ticked(FxRobot robot) {
        fixture.runCode(robot, "import math\nfrom os.path import join\ndef area(r):\n"
                + "    return math.pi * r * r\nradius = 2");
        fixture.awaitCurrentDone();
        var table = fixture.window.variables().table();
        List<String> own = WindowFixture.await(() -> table.getItems().isEmpty() ? null
                : table.getItems().stream().map(row -> row.name()).toList());
        assertEquals(List.of("area", "radius"), own.stream().sorted().toList());
        robot.clickOn("#show-imported");
        assertEquals(List.of("area", "join", "math", "radius"), table.getItems().stream()
                .map(row -> row.name()).sorted().toList());
    }

    @Test
    void the_theme_menu_switches_to_dark_and_back_and_remembers_it(FxRobot robot)
            throws Exception {
        Path store = dir.resolve("theme.txt");
        ThemeSwitcher themes = new ThemeSwitcher(store, () -> false);
        Menu menu = themes.menu();
        Region bar = (Region) stage.getScene().getRoot().lookup(".status-bar");
        robot.interact(() -> themes.applySaved());
        double light = brightness(robot, bar);
        robot.interact(() -> item(menu, "theme-dark").fire());
        double dark = brightness(robot, bar);
        assertTrue(light > 0.8 && dark < 0.3, "light " + light + ", dark " + dark);
        assertEquals("dark", Files.readString(store).strip());
        assertEquals(ThemeChoice.DARK, new ThemeSwitcher(store, () -> false).choice(),
                "the choice is remembered");
        assertTrue(((RadioMenuItem) item(new ThemeSwitcher(store, () -> false).menu(),
                "theme-dark")).isSelected());
        robot.interact(() -> item(menu, "theme-light").fire());
        assertTrue(brightness(robot, bar) > 0.8);
        robot.interact(() -> item(menu, "theme-system").fire());
        assertTrue(brightness(robot, bar) > 0.8, "the desktop here prefers light");
        ThemeSwitcher followsDarkDesktop = new ThemeSwitcher(store, () -> true);
        robot.interact(followsDarkDesktop::applySaved);
        assertTrue(brightness(robot, bar) < 0.3, "following a dark desktop");
    }

    @Test
    void names_and_operators_typed_in_the_editor_are_light_on_the_dark_theme(FxRobot robot)
            throws Exception {
        ThemeSwitcher themes = new ThemeSwitcher(dir.resolve("theme.txt"), () -> false);
        robot.interact(() -> themes.choose(ThemeChoice.DARK));
        var bottom = fixture.window.notebook().bottomCell();
        robot.interact(() -> fixture.window.notebook().editBottom(dev.forkbook.notebook.CellKind.CODE));
        robot.interact(() -> bottom.editor().setText("total = price * count"));
        List<String> dim = WindowFixture.await(() -> {
            bottom.editor().area().applyCss();
            bottom.editor().area().layout();
            List<Text> texts = bottom.editor().area().lookupAll(".text").stream()
                    .filter(node -> node instanceof Text text && text.getText().contains("total"))
                    .map(node -> (Text) node).toList();
            return texts.isEmpty() ? null : texts.stream()
                    .filter(text -> !(text.getFill() instanceof Color color)
                            || color.getBrightness() < 0.6)
                    .map(text -> "'" + text.getText() + "' " + text.getFill()).toList();
        });
        assertEquals(List.of(), dim, "default editor text is drawn in the theme's foreground");
    }

    @Test
    void markdown_pages_are_transparent_with_light_text_on_the_dark_theme_and_follow_a_switch(
            FxRobot robot) throws Exception {
        robot.interact(() -> {
            fixture.tree().add(new dev.forkbook.notebook.CellNode("md",
                    dev.forkbook.notebook.NotebookTree.ROOT_ID, dev.forkbook.notebook.CellKind.MARKDOWN,
                    "# A title\n\nSome `code` here", dev.forkbook.notebook.CellStatus.STATIC,
                    List.of(), null, null, null, java.time.Instant.now(), 0, false));
            fixture.model.select("md");
        });
        dev.forkbook.ui.output.RichWebView page = WindowFixture.await(() -> (dev.forkbook.ui.output
                .RichWebView) stage.getScene().getRoot().lookup(".rich-output"));
        WindowFixture.await(() -> page.engine().getLoadWorker().getState()
                == javafx.concurrent.Worker.State.SUCCEEDED ? true : null);
        assertEquals("rgb(31, 35, 40)", bodyColor(robot, page), "dark text on the light theme");
        ThemeSwitcher themes = new ThemeSwitcher(dir.resolve("theme.txt"), () -> false);
        robot.interact(() -> themes.choose(ThemeChoice.DARK));
        WindowFixture.await(() -> page.isDarkPage() ? true : null);
        assertEquals("rgb(230, 237, 243)", WindowFixture.await(() -> {
            String color = bodyColor(robot, page);
            return color.equals("rgb(31, 35, 40)") ? null : color;
        }), "light text on the dark theme, on the page already shown");
        robot.interact(() -> themes.choose(ThemeChoice.LIGHT));
        WindowFixture.await(() -> page.isDarkPage() ? null : true);
        assertEquals("rgb(31, 35, 40)", WindowFixture.await(() -> {
            String color = bodyColor(robot, page);
            return color.equals("rgb(230, 237, 243)") ? null : color;
        }));
    }

    private static String bodyColor(FxRobot robot, dev.forkbook.ui.output.RichWebView page) {
        java.util.concurrent.atomic.AtomicReference<String> color =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> color.set(String.valueOf(page.engine().executeScript(
                "getComputedStyle(document.body).color"))));
        return color.get();
    }

    private static javafx.scene.control.MenuItem item(Menu menu, String id) {
        return menu.getItems().stream().filter(i -> id.equals(i.getId())).findFirst()
                .orElseThrow();
    }

    private static double brightness(FxRobot robot, Region region) {
        return WindowFixture.await(() -> {
            region.applyCss();
            var fills = region.getBackground() == null ? null : region.getBackground().getFills();
            return fills == null || fills.isEmpty() ? null
                    : ((Color) fills.get(0).getFill()).getBrightness();
        });
    }
}
