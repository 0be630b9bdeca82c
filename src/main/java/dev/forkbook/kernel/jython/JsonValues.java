package dev.forkbook.kernel.jython;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;

/** Converts Python values to plain Java JSON trees (maps, lists, strings, numbers, booleans, null). */
final class JsonValues {

    private static final int MAX_DEPTH = 500;

    private JsonValues() {
    }

    static Object toJava(PyObject value) {
        return toJava(value, 0);
    }

    private static Object toJava(PyObject value, int depth) {
        if (value == null || value == Py.None) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            return MimeFormatter.textOf(value.__repr__());
        }
        if (value instanceof PyBoolean bool) {
            return bool.getBooleanValue();
        } else if (value instanceof PyInteger integer) {
            return integer.getValue();
        } else if (value instanceof PyLong big) {
            return big.getValue();
        } else if (value instanceof PyFloat real) {
            return real.getValue();
        } else if (value instanceof PyString string) {
            return MimeFormatter.textOf(string);
        } else if (value instanceof PyDictionary || value instanceof PyStringMap) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (PyObject key : value.asIterable()) {
                map.put(MimeFormatter.textOf(key.__str__()), toJava(value.__getitem__(key), depth + 1));
            }
            return map;
        } else if (value instanceof PyList || value instanceof PyTuple) {
            List<Object> list = new ArrayList<>();
            for (PyObject item : value.asIterable()) {
                list.add(toJava(item, depth + 1));
            }
            return list;
        }
        return MimeFormatter.textOf(value.__str__());
    }

    /** An estimate of the serialized size, stopping early once it exceeds {@code limit}. */
    static long approximateLength(Object json, long limit) {
        long length = 0;
        List<Object> pending = new ArrayList<>();
        pending.add(json);
        while (!pending.isEmpty() && length <= limit) {
            Object item = pending.remove(pending.size() - 1);
            if (item instanceof Map<?, ?> map) {
                length += 2;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    length += String.valueOf(entry.getKey()).length() + 4;
                    pending.add(entry.getValue());
                }
            } else if (item instanceof List<?> list) {
                length += 2 + list.size();
                pending.addAll(list);
            } else {
                length += String.valueOf(item).length() + 2;
            }
        }
        return length;
    }
}
