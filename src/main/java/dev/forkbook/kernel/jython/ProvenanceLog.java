package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.organicdesign.fp.collections.PersistentHashMap;
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

    /**
     * What is kept per state. {@code writtenBy} is a persistent map derived from the parent's, so a
     * state costs what its execution touched, not one entry per variable (a fork of a state with
     * 100,000 variables would otherwise copy 100,000 entries).
     */
    private record Entry(PersistentHashMap<String, String> writtenBy, List<String> reads,
            List<String> writes, boolean readEverything, List<String> readsShared) {
    }

    private final Map<String, Entry> byState = new ConcurrentHashMap<>();

    /**
     * Records the provenance of {@code state}, run from {@code parentState}; {@code touched} are the
     * variables the execution bound, deleted or copied (the others are the parent's objects).
     */
    void record(String state, String parentState, Snapshot parent, Snapshot child,
            Set<String> touched, Set<String> reads, boolean readEverything) {
        Entry before = parentState == null ? null : byState.get(parentState);
        StateDiffer differ = new StateDiffer(null);
        Set<String> writes = new TreeSet<>();
        PersistentHashMap<String, String> writtenBy;
        Iterable<String> compared;
        if (before == null) {
            // No record to inherit (the first cell, or a parent whose record was dropped): every
            // unchanged variable is credited to the parent state.
            writtenBy = PersistentHashMap.empty();
            for (String name : parent.names()) {
                writtenBy = writtenBy.assoc(name, parentState);
            }
            compared = child.names();
        } else {
            writtenBy = before.writtenBy();
            compared = touched;
        }
        for (String name : compared) {
            PyObject value = child.frozenValue(name);
            PyObject old = parent.frozenValue(name);
            if (value == null) {
                if (old != null) {
                    writes.add(name);
                    writtenBy = writtenBy.without(name);
                }
            } else if (old == null || old != value && !differ.sameValue(old, value)) {
                writes.add(name);
                writtenBy = writtenBy.assoc(name, state);
            }
        }
        if (before == null) {
            for (String name : parent.names()) {
                if (!child.contains(name)) {
                    writes.add(name);
                    writtenBy = writtenBy.without(name);
                }
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
        byState.put(state, new Entry(writtenBy, List.copyOf(read), List.copyOf(writes),
                readEverything, List.copyOf(readsShared)));
    }

    /**
     * Modules and classes are never copied: every state holds the same object, so a change to one
     * (an attribute set on a module or a class) is recorded as nobody's write.
     */
    private static boolean isOnePerInterpreter(PyObject value) {
        return value instanceof PyModule || value instanceof PyType || value instanceof PyClass;
    }

    /** The provenance of {@code state} (its written-by map copied out), or null when unknown. */
    Provenance get(String state) {
        Entry entry = byState.get(state);
        return entry == null ? null : new Provenance(entry.writtenBy(), entry.reads(),
                entry.writes(), entry.readEverything(), entry.readsShared());
    }

    void remove(String state) {
        byState.remove(state);
    }

    void clear() {
        byState.clear();
    }
}
