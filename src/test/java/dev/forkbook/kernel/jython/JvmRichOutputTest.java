package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.Output;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IPython.display, Java images and charts, the pyplot subset and tables, through the kernel. */
class JvmRichOutputTest extends KernelTestBase {

    @TempDir
    Path dir;

    private static List<Map<String, Object>> displays(ExecutionResult result) {
        assertTrue(result.succeeded(), () -> String.valueOf(result.error()));
        return result.outputs().stream().filter(o -> o instanceof Output.DisplayData)
                .map(o -> ((Output.DisplayData) o).data()).toList();
    }

    private static Map<String, Object> only(ExecutionResult result) {
        List<Map<String, Object>> shown = displays(result);
        assertEquals(1, shown.size(), shown.toString());
        return shown.get(0);
    }

    private static BufferedImage png(Object base64) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) base64)));
    }

    private static void assertXml(Object svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                ((String) svg).getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getLocalName() == null
                ? document.getDocumentElement().getNodeName()
                : document.getDocumentElement().getLocalName());
    }

    @Test
    void ipython_display_classes_produce_their_mime_types() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "from IPython.display import display, HTML, Markdown, Latex, SVG, JSON, Pretty",
                "display(HTML('<b>h</b>'), Markdown('*m*'), Latex('$x$'), SVG('<svg/>'),",
                "        JSON({'a': 1}), JSON('[1, 2]'), Pretty('plain text'))"));
        List<Map<String, Object>> shown = displays(result);
        assertEquals("<b>h</b>", shown.get(0).get("text/html"));
        assertEquals("*m*", shown.get(1).get("text/markdown"));
        assertEquals("$x$", shown.get(2).get("text/latex"));
        assertEquals("<svg/>", shown.get(3).get("image/svg+xml"));
        assertEquals(Map.of("a", 1), shown.get(4).get("application/json"));
        assertEquals(List.of(1, 2), shown.get(5).get("application/json"));
        assertEquals("plain text", shown.get(6).get("text/plain"));
        assertEquals("<IPython.core.display.HTML object>", shown.get(0).get("text/plain"));
    }

    @Test
    void image_shows_png_and_jpeg_from_bytes_or_a_file() throws Exception {
        BufferedImage picture = new BufferedImage(12, 7, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("pic.png");
        Path jpeg = dir.resolve("pic.jpg");
        ImageIO.write(picture, "png", png.toFile());
        ImageIO.write(picture, "jpeg", jpeg.toFile());
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "from IPython.display import Image, display",
                "display(Image(filename=r'" + png + "'))",
                "display(Image(r'" + jpeg + "', width=30))",
                "display(Image(data=open(r'" + png + "', 'rb').read()))"));
        List<Map<String, Object>> shown = displays(result);
        assertEquals(12, png(shown.get(0).get("image/png")).getWidth());
        assertEquals(7, png(shown.get(1).get("image/jpeg")).getHeight());
        assertEquals(12, png(shown.get(2).get("image/png")).getWidth());
    }

    @Test
    void update_display_replaces_an_output_of_the_same_cell() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "from IPython.display import display, update_display",
                "h = display('first', display_id='progress')",
                "print('between')",
                "update_display('second', display_id='progress')",
                "h.update('third')"));
        List<Output> outputs = result.outputs();
        assertEquals(2, outputs.size());
        Output.DisplayData shown = (Output.DisplayData) outputs.get(0);
        assertEquals("'third'", shown.data().get("text/plain"));
        assertEquals("progress", shown.displayId());
    }

    @Test
    void update_display_of_an_earlier_cell_is_announced_to_front_ends() {
        List<KernelEvent> events = new CopyOnWriteArrayList<>();
        try (Kernel.Subscription subscription = kernel.subscribe(events::add)) {
            String first = KernelFixture.step(kernel, Kernel.INITIAL_STATE,
                    "from IPython.display import display, update_display\n"
                            + "display('old', display_id='status')");
            ExecutionResult later = run(kernel, first, "update_display('new', display_id='status')");
            assertTrue(later.outputs().isEmpty());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(e -> e instanceof KernelEvent.DisplayUpdated)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        KernelEvent.DisplayUpdated update = events.stream()
                .filter(e -> e instanceof KernelEvent.DisplayUpdated)
                .map(e -> (KernelEvent.DisplayUpdated) e).findFirst().orElseThrow();
        assertEquals("status", update.displayId());
        assertEquals("'new'", update.output().data().get("text/plain"));
    }

    @Test
    void clear_output_drops_earlier_output_now_or_at_the_next_output() {
        ExecutionResult now = run(kernel, Kernel.INITIAL_STATE,
                "from IPython.display import clear_output\nprint('a')\nclear_output()\nprint('b')");
        assertEquals("b\n", now.streamText("stdout"));
        ExecutionResult waiting = run(kernel, Kernel.INITIAL_STATE,
                "from IPython.display import clear_output\nprint('a')\nclear_output(wait=True)");
        assertEquals("a\n", waiting.streamText("stdout"));
    }

    @Test
    void java_images_render_as_png_without_ceremony() throws IOException {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "from java.awt.image import BufferedImage\n"
                        + "BufferedImage(33, 21, BufferedImage.TYPE_INT_ARGB)");
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        BufferedImage image = png(value.data().get("image/png"));
        assertEquals(33, image.getWidth());
        assertEquals(21, image.getHeight());
    }

    @Test
    void an_xchart_chart_renders_as_png_and_svg() throws Exception {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "from org.knowm.xchart import XYChartBuilder",
                "chart = XYChartBuilder().width(300).height(200).title('t').build()",
                "chart.addSeries('s', [1.0, 2.0, 3.0], [2.0, 4.0, 1.0])",
                "display(chart)"));
        Map<String, Object> shown = only(result);
        assertEquals(300, png(shown.get("image/png")).getWidth());
        assertXml(shown.get("image/svg+xml"));
    }

    @Test
    void pyplot_show_emits_the_figure_once_as_png_and_svg() throws Exception {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "import matplotlib.pyplot as plt",
                "plt.figure(figsize=(4, 3))",
                "plt.plot([1, 2, 3], [1, 4, 9], 'r--', label='squares')",
                "plt.scatter([1, 2], [2, 3], label='points')",
                "plt.title('Growth'); plt.xlabel('x'); plt.ylabel('y'); plt.legend()",
                "plt.xlim(0, 4); plt.ylim(0, 10); plt.grid(True)",
                "plt.show()"));
        Map<String, Object> figure = only(result);
        BufferedImage image = png(figure.get("image/png"));
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        assertXml(figure.get("image/svg+xml"));
    }

    @Test
    void figures_left_open_are_emitted_at_the_end_of_the_cell() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "from matplotlib import pyplot as plt",
                "fig, ax = plt.subplots()",
                "ax.bar(['a', 'b'], [3, 5])",
                "ax.set_title('bars')",
                "plt.figure()",
                "plt.hist([1, 2, 2, 3, 3, 3], bins=3)"));
        assertEquals(2, displays(result).size());
        ExecutionResult nothingLeft = run(kernel, Kernel.INITIAL_STATE,
                "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\nplt.close('all')");
        assertEquals(1, displays(nothingLeft).size(), "shown once, not again at the end");
    }

    @Test
    void a_failing_cell_still_shows_the_figure_it_drew_and_leaves_none_open() {
        ExecutionResult failed = run(kernel, Kernel.INITIAL_STATE,
                "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n1 / 0");
        assertEquals("ZeroDivisionError", failed.error().ename());
        assertEquals(1, failed.outputs().stream().filter(o -> o instanceof Output.DisplayData).count());
        assertEquals("0", KernelFixture.eval(kernel, Kernel.INITIAL_STATE,
                "import matplotlib.pyplot as plt\nlen(plt._figures)"), "no figures left behind");
    }

    @Test
    void an_unsupported_pyplot_call_names_itself() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "import matplotlib.pyplot as plt\nplt.pie([1, 2])");
        assertEquals("NotImplementedError", result.error().ename());
        assertTrue(result.error().evalue().contains("matplotlib.pyplot.pie"),
                result.error().evalue());
        ExecutionResult keyword = run(kernel, Kernel.INITIAL_STATE,
                "import matplotlib.pyplot as plt\nplt.plot([1, 2], drawstyle='steps')");
        assertTrue(keyword.error().evalue().contains("drawstyle"), keyword.error().evalue());
    }

    @Test
    void savefig_writes_png_and_svg_files() throws Exception {
        Path png = dir.resolve("fig.png");
        Path svg = dir.resolve("fig.svg");
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "import matplotlib.pyplot as plt",
                "plt.plot([3, 1, 2])",
                "plt.savefig(r'" + png + "')",
                "plt.savefig(r'" + svg + "')",
                "plt.close()"));
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        assertEquals(640, ImageIO.read(png.toFile()).getWidth());
        assertXml(Files.readString(svg));
        assertTrue(displays(result).isEmpty(), "closed figures are not shown");
    }

    @Test
    void a_list_of_dicts_renders_as_a_capped_table() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "import forkbook.display",
                "forkbook.display.max_rows = 3",
                "[{'name': 'n%d' % i, 'value': i} for i in range(5)]"));
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        String html = (String) value.data().get("text/html");
        assertTrue(html.contains("<th>name</th><th>value</th>"), html);
        assertEquals(3, html.split("<tr>").length - 2, html);
        assertTrue(html.contains("… 2 more rows"), html);
        assertTrue(((String) value.data().get("text/plain")).startsWith("[{"));
    }

    @Test
    void table_shows_rows_with_headers_escaped() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "from forkbook.display import Table\nTable([[1, '<b>'], [2, 'y']], headers=['n', 's'])");
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        String html = (String) value.data().get("text/html");
        assertTrue(html.contains("<th>n</th><th>s</th>"), html);
        assertTrue(html.contains("<td>&lt;b&gt;</td>"), html);
        assertFalse(html.contains("more rows"));
    }
}
