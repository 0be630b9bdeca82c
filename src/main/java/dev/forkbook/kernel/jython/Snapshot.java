package dev.forkbook.kernel.jython;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.python.core.PyObject;

/**
 * The immutable user namespace of one state.
 *
 * <p>Its objects are never handed to user code: executions work on copies ({@link ExecutionNamespace}),
 * so a value here can be shared by any number of descendant snapshots that did not touch it.
 * {@link #group(String)} lists the variables whose objects share structure with a variable; they are
 * always copied together so that aliasing survives.
 */
final class Snapshot {

    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Set.of());

    private final Map<String, PyObject> values;
    private final Map<String, List<String>> groups;
    private final Set<String> shared;

    Snapshot(Map<String, PyObject> values, Map<String, List<String>> groups, Set<String> shared) {
        this.values = Collections.unmodifiableMap(values);
        this.groups = Collections.unmodifiableMap(groups);
        this.shared = Collections.unmodifiableSet(shared);
    }

    Set<String> names() {
        return values.keySet();
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The frozen value; callers must copy it before user code can reach it. */
    PyObject frozenValue(String name) {
        return values.get(name);
    }

    /** The variables that must be copied together with {@code name} (including itself). */
    List<String> group(String name) {
        List<String> members = groups.get(name);
        return members != null ? members : List.of(name);
    }

    boolean isShared(String name) {
        return shared.contains(name);
    }

    int size() {
        return values.size();
    }
}
