package dev.forkbook.kernel.jython;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyStringMap;

/**
 * Rich representations for values that carry none of the IPython methods: Java images as PNG, XChart
 * charts as PNG and SVG, and a list of dicts as an HTML table.
 */
public final class JavaObjectMimes {

    private JavaObjectMimes() {
    }

    /** Extra MIME types for {@code value}, possibly none. */
    static Map<String, String> of(PyObject value) {
        Map<String, String> data = new LinkedHashMap<>();
        Object java = value.getType() instanceof org.python.core.PyJavaType
                ? value.__tojava__(Object.class) : null;
        try {
            if (java instanceof Chart<?, ?> chart) {
                data.put("image/png", Base64.getEncoder().encodeToString(png(chart)));
                data.put("image/svg+xml", svg(chart));
            } else if (java instanceof RenderedImage image) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(image, "png", out);
                data.put("image/png", Base64.getEncoder().encodeToString(out.toByteArray()));
            }
        } catch (IOException e) {
            throw Py.IOError(e);
        }
        if (value instanceof PyList list && isListOfDicts(list)) {
            data.put("text/html", dictTable(list));
        }
        return data;
    }

    /** A chart as PNG bytes (public for the pyplot module). */
    public static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** A chart as SVG text (public for the pyplot module). */
    public static String svg(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isListOfDicts(PyList list) {
        if (list.isEmpty()) {
            return false;
        }
        for (PyObject item : list.getArray()) {
            if (!(item instanceof PyDictionary) && !(item instanceof PyStringMap)) {
                return false;
            }
        }
        return true;
    }

    private static String dictTable(PyList list) {
        TreeSet<String> columns = new TreeSet<>();
        for (PyObject row : list.getArray()) {
            for (PyObject key : row.asIterable()) {
                columns.add(MimeFormatter.textOf(key.__str__()));
            }
        }
        List<String> headers = new ArrayList<>(columns);
        List<List<String>> rows = new ArrayList<>();
        for (PyObject row : list.getArray()) {
            List<String> cells = new ArrayList<>();
            for (String column : headers) {
                PyObject cell = row.__finditem__(column);
                cells.add(cell == null ? "" : MimeFormatter.textOf(cell.__str__()));
            }
            rows.add(cells);
        }
        return TableHtml.render(headers, rows, maxRows());
    }

    /** {@code forkbook.display.max_rows} when that module is loaded. */
    static int maxRows() {
        PyObject module = Py.getSystemState().modules.__finditem__("forkbook.display");
        PyObject setting = module == null ? null : module.__findattr__("max_rows");
        return setting == null ? TableHtml.DEFAULT_MAX_ROWS : setting.asInt();
    }
}
