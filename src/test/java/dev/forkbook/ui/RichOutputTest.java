package dev.forkbook.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.server.RestServer;
import dev.forkbook.server.ServerConfig;
import dev.forkbook.ui.notebook.CellView;
import dev.forkbook.ui.output.RichWebView;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Worker;
import javafx.scene.image.ImageView;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Rich outputs render in the window, safely, and the window follows the kernel. */
@ExtendWith(ApplicationExtension.class)
class RichOutputTest {

    private WindowFixture fixture;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        fixture = new WindowFixture(stage);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The rich web views of the current cell, once they have loaded. */
    private List<RichWebView> loadedWebViews(FxRobot robot, int count) {
        return WindowFixture.await(() -> {
            fixture.window.notebook().materializeVisible();
            List<RichWebView> views = robot.lookup(".rich-output").queryAllAs(RichWebView.class)
                    .stream().toList();
            boolean loaded = views.size() >= count && views.stream().allMatch(v ->
                    v.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED);
            return loaded ? views : null;
        });
    }

    private static Object script(FxRobot robot, RichWebView view, String js) {
        return WindowFixture.await(() -> view.engine().executeScript(js));
    }

    @Test
    void html_and_svg_outputs_render_in_a_web_view(FxRobot robot) {
        fixture.runCode(robot, String.join("\n",
                "class T(object):",
                "    def _repr_html_(self):",
                "        return '<table id=\"t\"><tr><td>1</td><td>2</td></tr></table>'",
                "class S(object):",
                "    def _repr_svg_(self):",
                "        return '<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\">"
                        + "<rect width=\"40\" height=\"30\"/></svg>'",
                "display(T())",
                "S()"));
        fixture.awaitCurrentDone();
        List<RichWebView> views = loadedWebViews(robot, 1);
        assertEquals(1, views.size(), "consecutive rich outputs share one web view");
        assertEquals(2, ((Number) script(robot, views.get(0),
                "document.querySelectorAll('#t td').length")).intValue());
        assertEquals(40, ((Number) script(robot, views.get(0),
                "document.querySelector('svg').getBoundingClientRect().width")).intValue());
    }

    @Test
    void png_outputs_render_as_images_of_their_size(FxRobot robot) {
        fixture.runCode(robot, String.join("\n",
                "from java.awt.image import BufferedImage",
                "from java.io import ByteArrayOutputStream",
                "from javax.imageio import ImageIO",
                "img = BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB)",
                "buf = ByteArrayOutputStream()",
                "ImageIO.write(img, 'png', buf)",
                "png = ''.join(chr(b & 0xff) for b in buf.toByteArray())",
                "class P(object):",
                "    def _repr_png_(self):",
                "        return png",
                "P()"));
        dev.forkbook.notebook.CellNode node = fixture.awaitCurrentDone();
        ImageView image = WindowFixture.await(() -> robot.lookup(".image-output")
                .queryAllAs(ImageView.class).stream().findFirst().orElse(null));
        assertEquals(30, image.getImage().getWidth());
        assertEquals(20, image.getImage().getHeight());
        assertEquals(30, image.getBoundsInParent().getWidth(), 0.5, "small images are not enlarged");
        javafx.scene.control.Label out = robot.lookup(".out-prompt")
                .queryAs(javafx.scene.control.Label.class);
        assertEquals("Out[" + node.executionCount() + "]:", out.getText());
    }

    @Test
    void an_image_wider_than_the_column_is_scaled_down_to_fit_it(FxRobot robot) {
        fixture.runCode(robot, String.join("\n",
                "from java.awt.image import BufferedImage",
                "display(BufferedImage(3000, 300, BufferedImage.TYPE_INT_RGB))"));
        fixture.awaitCurrentDone();
        ImageView image = WindowFixture.await(() -> robot.lookup(".image-output")
                .queryAllAs(ImageView.class).stream().findFirst().orElse(null));
        javafx.scene.control.ListView<?> list = robot.lookup(".cells")
                .queryAs(javafx.scene.control.ListView.class);
        WindowFixture.await(() -> {
            javafx.geometry.Bounds shown = list.sceneToLocal(image.localToScene(
                    image.getBoundsInLocal()));
            return shown.getWidth() > 100 && shown.getMaxX() <= list.getWidth()
                    && Math.abs(shown.getHeight() / shown.getWidth() - 0.1) < 0.01;
        });
        assertEquals(3000, image.getImage().getWidth(), "scaled for display only");
    }

    @Test
    void the_mouse_wheel_over_a_rendered_output_scrolls_the_notebook(FxRobot robot) {
        for (int i = 0; i < 3; i++) {
            fixture.runCode(robot, "from IPython.display import HTML\n"
                    + "display(HTML('<div style=\"height:900px\">block " + i + "</div>'))");
            fixture.awaitCurrentDone();
        }
        javafx.scene.control.skin.VirtualFlow<?> flow = robot.lookup(".cells .virtual-flow")
                .queryAs(javafx.scene.control.skin.VirtualFlow.class);
        awaitSettled(robot, flow);
        // The notebook's scrolling (its virtual flow) gets the wheel events made over an output.
        java.util.List<javafx.scene.input.ScrollEvent> reached =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> flow.addEventHandler(javafx.scene.input.ScrollEvent.SCROLL,
                reached::add));
        WebView web = visibleWebView(robot, flow);
        WindowFixture.wheelDown(robot, web);
        assertEquals(1, reached.size(), "a wheel notch over a rendered output reaches the notebook");
        assertTrue(reached.get(0).getDeltaY() < 0, "and still scrolls down");
        javafx.geometry.Bounds box = web.localToScreen(web.getLayoutBounds());
        javafx.geometry.Point2D over = new javafx.geometry.Point2D(box.getCenterX(),
                Math.max(box.getMinY(), flow.localToScreen(flow.getLayoutBounds()).getMinY()) + 20);
        robot.moveTo(over).scroll(2, javafx.geometry.VerticalDirection.DOWN);
        WindowFixture.await(() -> reached.size() >= 2 ? true : null);
    }

    /** A tall rendered output on screen in the notebook. */
    private static WebView visibleWebView(FxRobot robot,
            javafx.scene.control.skin.VirtualFlow<?> flow) {
        return WindowFixture.await(() -> {
            javafx.geometry.Bounds shown = flow.localToScene(flow.getLayoutBounds());
            javafx.geometry.Point2D centre = new javafx.geometry.Point2D(shown.getCenterX(),
                    shown.getCenterY());
            return robot.lookup(".rich-output .web-view").queryAllAs(WebView.class).stream()
                    .filter(v -> v.getScene() == flow.getScene() && v.isVisible()
                            && v.localToScene(v.getLayoutBounds()).contains(centre))
                    .findFirst().orElse(null);
        });
    }

    /** Waits until the notebook has stopped moving (outputs laid out, the active cell revealed). */
    private static void awaitSettled(FxRobot robot, javafx.scene.control.skin.VirtualFlow<?> flow) {
        double last = -1;
        for (int same = 0, round = 0; same < 3 && round < 100; round++) {
            robot.sleep(100);
            double[] now = new double[1];
            robot.interact(() -> now[0] = flow.getPosition());
            same = now[0] == last ? same + 1 : 0;
            last = now[0];
        }
    }

    @Test
    void a_wide_svg_chart_and_a_wide_table_are_scaled_down_to_the_column_without_a_scrollbar(
            FxRobot robot) {
        fixture.runCode(robot, String.join("\n",
                "from IPython.display import SVG, HTML",
                "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2400\" "
                        + "height=\"300\"><rect id=\"r\" width=\"2400\" height=\"300\" "
                        + "fill=\"teal\"/></svg>'))",
                "display(HTML('<table id=\"wide\"><tr>' + ''.join('<td>column_%d_wide_text</td>' % i "
                        + "for i in range(60)) + '</tr></table>'))"));
        fixture.awaitCurrentDone();
        RichWebView view = loadedWebViews(robot, 1).get(0);
        javafx.scene.control.ListView<?> list = robot.lookup(".cells").queryAs(
                javafx.scene.control.ListView.class);
        String widest = "(function(){var w=document.documentElement.clientWidth,m=0;"
                + "document.querySelectorAll('svg,table').forEach(function(e){"
                + "m=Math.max(m,e.getBoundingClientRect().right-w);});return m;})()";
        WindowFixture.await(() -> ((Number) view.engine().executeScript(widest)).doubleValue() <= 1
                ? true : null);
        assertTrue(((Number) script(robot, view, "document.querySelector('#wide')"
                + ".getBoundingClientRect().width")).doubleValue() > 100, "scaled, not hidden");
        javafx.geometry.Bounds box = list.sceneToLocal(view.localToScene(view.getBoundsInLocal()));
        assertTrue(box.getMaxX() <= list.getWidth(), "the page is inside the column: " + box);
        Number svgHeight = (Number) script(robot, view,
                "document.querySelector('svg').getBoundingClientRect().height");
        Number svgWidth = (Number) script(robot, view,
                "document.querySelector('svg').getBoundingClientRect().width");
        assertEquals(8.0, svgWidth.doubleValue() / svgHeight.doubleValue(), 0.2,
                "the chart keeps its aspect, so nothing is cut off");
        Number overflow = (Number) script(robot, view, "(function(){var m=0;"
                + "document.querySelectorAll('.part').forEach(function(p){"
                + "m=Math.max(m,p.scrollWidth-p.clientWidth);});return m;})()");
        assertTrue(overflow.doubleValue() <= 1, "no output scrolls sideways: " + overflow);
        double width = stage.getWidth();
        try {
            robot.interact(() -> stage.setWidth(width * 0.7));
            WindowFixture.await(() -> ((Number) view.engine().executeScript(widest)).doubleValue()
                    <= 1 && ((Number) view.engine().executeScript("document.querySelector('svg')"
                    + ".getBoundingClientRect().width")).doubleValue() < svgWidth.doubleValue() - 50
                    ? true : null);
        } finally {
            robot.interact(() -> stage.setWidth(width));
        }
    }

    @Test
    void markdown_cells_render_with_katex_maths(FxRobot robot) {
        robot.interact(() -> fixture.window.notebook().addCell(CellKind.MARKDOWN));
        robot.interact(() -> { });
        CellView bottom = fixture.window.notebook().bottomCell();
        robot.interact(() -> bottom.editor().setText("# Results\n\nThe area is $\\pi r^2$."));
        robot.clickOn(bottom.editor().area());
        fixture.shiftEnter(robot, fixture.model.current());
        CellNode markdown = fixture.awaitCurrentDone();
        assertEquals(CellKind.MARKDOWN, markdown.kind());
        RichWebView view = loadedWebViews(robot, 1).get(0);
        assertEquals("Results", script(robot, view, "document.querySelector('h1').textContent"));
        Number katex = (Number) WindowFixture.await(() -> {
            Object found = view.engine().executeScript(
                    "document.querySelectorAll('.katex').length");
            return found instanceof Number n && n.intValue() > 0 ? n : null;
        });
        assertEquals(1, katex.intValue());
    }

    @Test
    void latex_outputs_are_typeset(FxRobot robot) {
        fixture.runCode(robot, "class L(object):\n    def _repr_latex_(self):\n"
                + "        return r'$$\\frac{a}{b}$$'\nL()");
        fixture.awaitCurrentDone();
        RichWebView view = loadedWebViews(robot, 1).get(0);
        Object fractions = WindowFixture.await(() -> {
            Object found = view.engine().executeScript("document.querySelectorAll('.mfrac').length");
            return found instanceof Number n && n.intValue() > 0 ? n : null;
        });
        assertEquals(1, ((Number) fractions).intValue());
    }

    @Test
    void a_long_output_shows_its_last_lines_and_show_all_opens_a_virtualized_searchable_view(
            FxRobot robot) {
        fixture.runCode(robot, "for i in range(5000):\n    print('line', i)");
        fixture.awaitCurrentDone();
        javafx.scene.control.Hyperlink showAll = WindowFixture.await(() -> robot.lookup(".show-all")
                .queryAllAs(javafx.scene.control.Hyperlink.class).stream().findFirst().orElse(null));
        assertEquals("Show all 5,000 lines", showAll.getText());
        javafx.scene.control.Label text = robot.lookup(".stream-stdout")
                .queryAs(javafx.scene.control.Label.class);
        String[] shown = text.getText().split("\n");
        assertEquals(60, shown.length);
        assertEquals("line 4940", shown[0]);
        assertEquals("line 4999", shown[59], "the tail is shown, where results and errors are");
        robot.interact(showAll::fire);
        dev.forkbook.ui.output.FullTextView full = WindowFixture.await(() -> robot
                .lookup(".full-output").queryAllAs(dev.forkbook.ui.output.FullTextView.class)
                .stream().findFirst().orElse(null));
        WindowFixture.await(() -> full.ready().getNow(null));
        assertEquals(5000, full.lines().lines().size());
        assertEquals("line 4999", full.lines().lines().get(4999));
        List<String> drawn = WindowFixture.await(() -> {
            List<String> now = new java.util.ArrayList<>();
            robot.interact(() -> now.addAll(full.lines().drawnLines()));
            return now.isEmpty() ? null : now;
        });
        assertEquals("line 0", drawn.get(0));
        assertTrue(drawn.size() < 200, "only the visible lines are drawn: " + drawn.size());
        robot.interact(() -> full.searchField().setText("line 4321"));
        int[] index = new int[1];
        robot.interact(() -> index[0] = full.findNext());
        assertEquals(4321, index[0]);
        assertEquals(4321, full.lines().selectedIndex());
        assertTrue(full.lines().firstVisible() <= 4321
                && 4321 < full.lines().firstVisible() + full.lines().visibleRows(),
                "the found line is scrolled into view");
        int top = full.lines().firstVisible();
        WindowFixture.wheelDown(robot, full.lines());
        assertEquals(top + 3, full.lines().firstVisible(), "a wheel notch down shows later lines");
        robot.moveTo(full.lines()).scroll(3, javafx.geometry.VerticalDirection.UP);
        WindowFixture.await(() -> full.lines().firstVisible() != top + 3 ? true : null);
        robot.interact(() -> ((javafx.stage.Stage) full.getScene().getWindow()).close());
    }

    @Test
    void a_short_html_output_is_as_tall_as_its_content(FxRobot robot) {
        fixture.runCode(robot, "from IPython.display import HTML\n"
                + "display(HTML('<div style=\"height:20px\">short</div>'))");
        fixture.awaitCurrentDone();
        dev.forkbook.ui.output.RichWebView web = WindowFixture.await(() -> robot
                .lookup(".rich-output").queryAllAs(dev.forkbook.ui.output.RichWebView.class)
                .stream().filter(w -> w.getHeight() > 24).findFirst().orElse(null));
        assertTrue(web.getHeight() < 40, "height " + web.getHeight());
    }

    @Test
    void update_display_from_a_later_cell_replaces_the_output_in_the_window(FxRobot robot) {
        fixture.runCode(robot, "from IPython.display import display\n"
                + "h = display('step 1 of 2', display_id='progress')");
        fixture.awaitCurrentDone();
        fixture.runCode(robot, "h.update('finished')");
        fixture.awaitCurrentDone();
        WindowFixture.await(() -> robot.lookup(".text-output").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Label) n).getText().equals("'finished'")));
        assertTrue(robot.lookup(".text-output").queryAll().stream()
                .noneMatch(n -> ((javafx.scene.control.Label) n).getText().equals("'step 1 of 2'")));
    }

    @Test
    void output_html_cannot_reach_the_network(FxRobot robot) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger requests = countConnections(listener);
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
            String html = "<img src=\"" + url + "img.png\">"
                    + "<link rel=\"stylesheet\" href=\"" + url + "style.css\">"
                    + "<div style=\"background:url(" + url + "bg.png);width:5px;height:5px\"></div>"
                    + "<style>@import url(" + url + "import.css);</style>"
                    + "<iframe src=\"" + url + "frame\"></iframe>"
                    + "<script src=\"" + url + "script.js\"></script>"
                    + "<script>new Image().src='" + url + "inline';</script>"
                    + "<img src=x onerror=\"fetch('" + url + "onerror')\">"
                    + "<object data=\"" + url + "object\"></object>"
                    + "<form id=f action=\"" + url + "form\"></form>"
                    + "<meta http-equiv=\"refresh\" content=\"0;url=" + url + "refresh\">"
                    + "<svg><image href=\"" + url + "svgimage\"/></svg>";
            fixture.runCode(robot, "class Evil(object):\n    def _repr_html_(self):\n"
                    + "        return " + pythonString(html) + "\nEvil()");
            fixture.awaitCurrentDone();
            loadedWebViews(robot, 1);
            Thread.sleep(1500);
            assertEquals(0, requests.get(), "requests reached the loopback listener");

            // The listener does see what an unprotected web view loads, so zero above means blocked.
            robot.interact(() -> new WebView().getEngine().loadContent("<img src=\"" + url
                    + "control.png\">"));
            WindowFixture.await(() -> requests.get() > 0);
        }
    }

    @Test
    void a_state_created_over_rest_appears_in_the_tree(FxRobot robot) throws Exception {
        try (RestServer server = new RestServer(fixture.kernel, ServerConfig.loopback(0, "t"))) {
            server.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/execute?token=t")).POST(
                    HttpRequest.BodyPublishers.ofString("{\"code\": \"print('from rest')\", "
                            + "\"exec_id\": \"r1\", \"state_name\": \"initial\", "
                            + "\"new_state_name\": \"remote\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            WindowFixture.await(() -> fixture.window.tree().rowOf("remote") > 0 ? true : null);
            CellNode remote = WindowFixture.await(() -> fixture.tree().get("remote").outputs()
                    .isEmpty() ? null : fixture.tree().get("remote"));
            assertEquals("print('from rest')", remote.source());
            robot.interact(() -> fixture.model.select("remote"));
            WindowFixture.await(() -> robot.lookup(".text-output").queryAll().stream()
                    .anyMatch(n -> ((javafx.scene.control.Label) n).getText().equals("from rest")));
        }
    }

    private static AtomicInteger countConnections(ServerSocket listener) {
        AtomicInteger count = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                    count.incrementAndGet();
                    socket.getOutputStream().write("HTTP/1.0 404 Not Found\r\n\r\n".getBytes());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return count;
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
