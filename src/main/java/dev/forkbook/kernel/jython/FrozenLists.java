package dev.forkbook.kernel.jython;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.python.core.PyList;
import org.python.core.PyObject;

/**
 * Reads the items of a list that nobody mutates (a snapshot's) without copying them:
 * {@link PyList#getArray()} copies the whole array, which for a 1M-element list costs more than the
 * comparison it serves. Falls back to that copy if Jython's field cannot be reached.
 */
final class FrozenLists {

    private static final VarHandle ITEMS = itemsHandle();

    private FrozenLists() {
    }

    @SuppressWarnings("unchecked")
    static List<PyObject> items(PyList list) {
        if (ITEMS != null) {
            return Collections.unmodifiableList((List<PyObject>) ITEMS.get(list));
        }
        return Arrays.asList(list.getArray());
    }

    private static VarHandle itemsHandle() {
        try {
            return MethodHandles.privateLookupIn(PyList.class, MethodHandles.lookup())
                    .findVarHandle(PyList.class, "list", List.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
