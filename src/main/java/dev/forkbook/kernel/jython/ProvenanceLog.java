package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.python.core.PyClass;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyType;

/**
 * Per state, which execution wrote each variable and what the state's cell read and wrote.
 *
 * <p>Writes are measured, not guessed from assignments: a variable is written when the child's value
 * is not equal to the parent's (assigned a different value, mutated through a read, or deleted), so a
 * mutation by a function defined in an earlier cell counts for the execution that called it. Untouched
 * variables are the parent's very objects, so only the variables the execution touched are compared,
 * in Java, never running user code. Reads of values that every state shares (modules, classes, values
 * kept by reference) are listed apart: their changes have no writer.
 */
final class ProvenanceLog {

    private final Map<String, Provenance> byState = new ConcurrentHashMap<>();

    /** Records the provenance of {@code state}, run from {@code parentState}. */
    void record(String state, String parentState, Snapshot parent, Snapshot child, Set<String> reads,
            boolean readEverything) {
        Provenance before = parentState == null ? Provenance.NONE
                : byState.getOrDefault(parentState, Provenance.NONE);
        StateDiffer differ = new StateDiffer(null);
        Set<String> writes = new TreeSet<>();
        Map<String, String> writtenBy = new HashMap<>();
        for (String name : child.names()) {
            PyObject value = child.frozenValue(name);
            PyObject old = parent.frozenValue(name);
            boolean written = old == null || old != value && !differ.sameValue(old, value);
            if (written) {
                writes.add(name);
                writtenBy.put(name, state);
            } else {
                writtenBy.put(name, before.writtenBy().getOrDefault(name, parentState));
            }
        }
        for (String name : parent.names()) {
            if (!child.contains(name)) {
                writes.add(name);
            }
        }
        List<String> read = new ArrayList<>(new TreeSet<>(readEverything ? parent.names() : reads));
        List<String> readsShared = new ArrayList<>();
        for (String name : read) {
            PyObject value = parent.frozenValue(name);
            if (value != null && (parent.isShared(name) || isOnePerInterpreter(value))) {
                readsShared.add(name);
            }
        }
        byState.put(state, new Provenance(writtenBy, read, new ArrayList<>(writes), readEverything,
                readsShared));
    }

    /**
     * Modules and classes are never copied: every state holds the same object, so a change to one
     * (an attribute set on a module or a class) is recorded as nobody's write.
     */
    private static boolean isOnePerInterpreter(PyObject value) {
        return value instanceof PyModule || value instanceof PyType || value instanceof PyClass;
    }

    Provenance get(String state) {
        return byState.get(state);
    }

    void remove(String state) {
        byState.remove(state);
    }

    void clear() {
        byState.clear();
    }
}
