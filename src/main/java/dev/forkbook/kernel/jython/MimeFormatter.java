package dev.forkbook.kernel.jython;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/**
 * Turns a Python object into a MIME bundle through the IPython display protocol:
 * {@code _repr_mimebundle_} first, then the individual {@code _repr_*_} methods; text/plain is always
 * the Python 3 style {@code repr} ({@link Py3Repr}). A method that raises or returns None is skipped. Binary representations are base64.
 * A rich representation longer than the cap is dropped; text/plain is cut to it and marked.
 */
final class MimeFormatter {

    static final String TRUNCATION_MARK = "\n... [truncated]";

    private record ReprMethod(String method, String mimeType) {
    }

    private static final List<ReprMethod> REPR_METHODS = List.of(
            new ReprMethod("_repr_html_", "text/html"),
            new ReprMethod("_repr_markdown_", "text/markdown"),
            new ReprMethod("_repr_latex_", "text/latex"),
            new ReprMethod("_repr_json_", "application/json"),
            new ReprMethod("_repr_svg_", "image/svg+xml"),
            new ReprMethod("_repr_png_", "image/png"),
            new ReprMethod("_repr_jpeg_", "image/jpeg"),
            new ReprMethod("_repr_pdf_", "application/pdf"));

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\s]*");

    /** A formatted object: MIME type to value, and the metadata the object supplied. */
    record Bundle(Map<String, Object> data, Map<String, Object> metadata) {
    }

    private final int maxReprSize;

    MimeFormatter(int maxReprSize) {
        this.maxReprSize = maxReprSize;
    }

    Bundle format(PyObject value) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        data.put("text/plain", capText(safeRepr(value)));
        if (!fromMimeBundle(value, data, metadata)) {
            for (ReprMethod repr : REPR_METHODS) {
                PyObject result = callRepr(value, repr.method());
                if (result != null) {
                    putRich(data, repr.mimeType(), result);
                }
            }
            JavaObjectMimes.of(value).forEach((mime, text) -> {
                if (!data.containsKey(mime) && text.length() <= maxReprSize) {
                    data.put(mime, text);
                }
            });
        }
        return new Bundle(data, metadata);
    }

    /** {@code repr(value)} capped like text/plain, for variable listings. */
    String cappedRepr(PyObject value) {
        return capText(safeRepr(value));
    }

    private boolean fromMimeBundle(PyObject value, Map<String, Object> data,
            Map<String, Object> metadata) {
        PyObject result = callRepr(value, "_repr_mimebundle_");
        PyObject bundleData = result;
        PyObject bundleMetadata = null;
        if (result instanceof PyTuple tuple && tuple.size() == 2) {
            bundleData = tuple.pyget(0);
            bundleMetadata = tuple.pyget(1);
        }
        if (!(bundleData instanceof PyDictionary)) {
            return false;
        }
        for (PyObject key : bundleData.asIterable()) {
            String mimeType = key.toString();
            PyObject item = bundleData.__getitem__(key);
            if (mimeType.equals("text/plain")) {
                data.put(mimeType, capText(textOf(item)));
            } else {
                putRich(data, mimeType, item);
            }
        }
        if (bundleMetadata instanceof PyDictionary) {
            for (PyObject key : bundleMetadata.asIterable()) {
                metadata.put(key.toString(), JsonValues.toJava(bundleMetadata.__getitem__(key)));
            }
        }
        return true;
    }

    private void putRich(Map<String, Object> data, String mimeType, PyObject value) {
        if (isJson(mimeType)) {
            Object json = JsonValues.toJava(value);
            if (JsonValues.approximateLength(json, maxReprSize) <= maxReprSize) {
                data.put(mimeType, json);
            }
            return;
        }
        String text = isBinary(mimeType) ? binaryText(value) : textOf(value);
        if (text.length() <= maxReprSize) {
            data.put(mimeType, text);
        }
    }

    private static PyObject callRepr(PyObject value, String method) {
        try {
            PyObject bound = value.__findattr__(method);
            if (bound == null || !bound.isCallable()) {
                return null;
            }
            PyObject result = bound.__call__();
            return result == Py.None ? null : result;
        } catch (PyException e) {
            if (e.match(Py.KeyboardInterrupt)) {
                throw e;
            }
            return null;
        }
    }

    private static String safeRepr(PyObject value) {
        try {
            return Py3Repr.of(value);
        } catch (PyException e) {
            if (e.match(Py.KeyboardInterrupt)) {
                throw e;
            }
            return "<repr failed>";
        }
    }

    private String capText(String text) {
        return text.length() <= maxReprSize ? text : text.substring(0, maxReprSize) + TRUNCATION_MARK;
    }

    private static boolean isJson(String mimeType) {
        return mimeType.equals("application/json") || mimeType.endsWith("+json");
    }

    private static boolean isBinary(String mimeType) {
        return mimeType.startsWith("image/") && !mimeType.equals("image/svg+xml")
                || mimeType.equals("application/pdf");
    }

    /**
     * Binary payloads: a byte string is base64-encoded; a unicode string or a byte string that already
     * is base64 text is taken as it is (Python 2 has no separate bytes type to tell them apart).
     */
    private static String binaryText(PyObject value) {
        if (value instanceof PyUnicode || !(value instanceof PyString)) {
            return textOf(value);
        }
        String raw = ((PyString) value).getString();
        if (BASE64.matcher(raw).matches()) {
            return raw;
        }
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Text of a Python string: unicode as is, byte strings decoded as UTF-8 where they are valid. */
    static String textOf(PyObject value) {
        if (value instanceof PyUnicode unicode) {
            return unicode.getString();
        }
        if (value instanceof PyString bytes) {
            return PyStrings.decode(bytes.getString());
        }
        return textOf(value.__str__());
    }
}
