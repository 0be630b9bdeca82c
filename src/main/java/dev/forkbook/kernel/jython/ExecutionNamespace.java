package dev.forkbook.kernel.jython;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * The mutable namespace one execution works in, laid over the immutable snapshot it started from.
 *
 * <p>Nothing is copied up front. The first read of a parent variable copies it, together with every
 * variable of its {@linkplain Snapshot#group group}, through one {@link SnapshotCopier} for the whole
 * execution (so aliasing between variables survives). Writes and deletions only touch this layer.
 * {@link #freeze()} then builds the child snapshot: variables the execution never touched are the
 * parent's frozen objects, shared; only touched ones are copied again. A cell such as {@code y = 1}
 * therefore costs nothing however large the state is.
 *
 * <p>It is the {@link ConcurrentMap} behind {@link ContextualGlobals}; threads a cell starts may use it
 * concurrently, so every operation is thread-safe.
 */
final class ExecutionNamespace extends AbstractMap<PyObject, PyObject>
        implements ConcurrentMap<PyObject, PyObject> {

    private final Snapshot parent;
    private final PyObject deepcopyFunction;
    private final SnapshotCopier copier;
    private final ConcurrentHashMap<PyObject, PyObject> working = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Names whose position in definition order is new in this execution, with their first binding. */
    private final ConcurrentHashMap<String, Long> firstBindings = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong bindings = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean fullyMaterialized;
    /** Parent variables the execution read before writing them (provenance). */
    private final Set<String> reads = ConcurrentHashMap.newKeySet();
    /** Copied along with a read group member but not read yet themselves. */
    private final Set<String> copiedUnread = ConcurrentHashMap.newKeySet();
    private volatile boolean readEverything;

    ExecutionNamespace(Snapshot parent, PyObject deepcopyFunction) {
        this.parent = parent;
        this.deepcopyFunction = deepcopyFunction;
        this.copier = new SnapshotCopier(deepcopyFunction);
        this.fullyMaterialized = parent.size() == 0;
    }

    /** Adds an entry that lives only in this execution, such as {@code __name__} or an alias. */
    void putTransient(String name, PyObject value) {
        working.put(NameKeys.of(name), value);
    }

    @Override
    public PyObject get(Object key) {
        PyObject value = working.get(key);
        if (value != null || fullyMaterialized) {
            if (value != null && !copiedUnread.isEmpty()) {
                noteRead(nameOf(key));
            }
            return value;
        }
        String name = nameOf(key);
        if (name == null || !parent.contains(name)) {
            return null;
        }
        return materialize(name, (PyObject) key);
    }

    private synchronized PyObject materialize(String name, PyObject key) {
        PyObject value = working.get(key);
        if (value != null || deleted.contains(name)) {
            return value;
        }
        copyGroup(name);
        reads.add(name);
        return working.get(key);
    }

    private void noteRead(String name) {
        if (name != null && copiedUnread.remove(name)) {
            reads.add(name);
        }
    }

    private void copyGroup(String name) {
        for (String member : parent.group(name)) {
            if (!deleted.contains(member)) {
                PyString memberKey = NameKeys.of(member);
                if (!working.containsKey(memberKey)) {
                    working.put(memberKey, copier.copyRoot(member, parent.frozenValue(member)));
                    if (!member.equals(name)) {
                        copiedUnread.add(member);
                    }
                }
            }
        }
    }

    /**
     * The variables this execution bound, deleted or copied from its parent: the only ones whose
     * frozen value can differ from the parent's (all others are the parent's very objects).
     */
    synchronized Set<String> touched() {
        Set<String> touched = new HashSet<>(deleted);
        for (PyObject key : working.keySet()) {
            String name = nameOf(key);
            if (name != null && !isDunder(name)) {
                touched.add(name);
            }
        }
        return touched;
    }

    /** The parent's variables this execution read before writing them. */
    Set<String> reads() {
        return Set.copyOf(reads);
    }

    /** True when the execution saw the namespace as a whole ({@code globals()}, {@code dir()}...). */
    boolean readEverything() {
        return readEverything;
    }

    /** Copies every parent variable; needed before user code sees the namespace as a whole. */
    private synchronized void materializeAll() {
        if (fullyMaterialized) {
            return;
        }
        readEverything = true;
        for (String name : parent.names()) {
            if (!deleted.contains(name) && !working.containsKey(new PyString(name))) {
                copyGroup(name);
            }
        }
        fullyMaterialized = true;
    }

    @Override
    public PyObject put(PyObject key, PyObject value) {
        PyObject previous = working.put(key, value);
        String name = nameOf(key);
        if (!copiedUnread.isEmpty() && name != null) {
            copiedUnread.remove(name); // overwritten before being read: not a read
        }
        if (name != null && !firstBindings.containsKey(name)) {
            // A new name, or one deleted in this execution, goes to the end of definition order.
            boolean wasDeleted = !deleted.isEmpty() && deleted.remove(name);
            if (wasDeleted || !parent.contains(name)) {
                firstBindings.putIfAbsent(name, bindings.incrementAndGet());
            }
        }
        return previous;
    }

    @Override
    public synchronized PyObject remove(Object key) {
        PyObject previous = get(key);
        working.remove(key);
        String name = nameOf(key);
        if (name != null) {
            firstBindings.remove(name);
            if (parent.contains(name)) {
                deleted.add(name);
            }
        }
        return previous;
    }

    /** Drops everything this execution holds (after it ran out of memory), so it can be collected. */
    synchronized void discard() {
        working.clear();
        fullyMaterialized = true;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public synchronized PyObject putIfAbsent(PyObject key, PyObject value) {
        PyObject existing = get(key);
        return existing != null ? existing : put(key, value);
    }

    @Override
    public synchronized boolean remove(Object key, Object value) {
        PyObject existing = get(key);
        if (existing != null && existing.equals(value)) {
            remove(key);
            return true;
        }
        return false;
    }

    @Override
    public synchronized boolean replace(PyObject key, PyObject oldValue, PyObject newValue) {
        PyObject existing = get(key);
        if (existing != null && existing.equals(oldValue)) {
            put(key, newValue);
            return true;
        }
        return false;
    }

    @Override
    public synchronized PyObject replace(PyObject key, PyObject value) {
        return get(key) != null ? put(key, value) : null;
    }

    @Override
    public void clear() {
        materializeAll();
        synchronized (this) {
            for (PyObject key : working.keySet()) {
                remove(key);
            }
        }
    }

    @Override
    public Set<Map.Entry<PyObject, PyObject>> entrySet() {
        materializeAll();
        return working.entrySet();
    }

    @Override
    public Set<PyObject> keySet() {
        materializeAll();
        return working.keySet();
    }

    @Override
    public int size() {
        materializeAll();
        return working.size();
    }

    /**
     * The child snapshot: the parent's persistent maps with only the touched names changed, so
     * untouched variables (and the map entries holding them) are shared. Touched values are copied
     * once more through a fresh memo so that nothing the execution can still reach is part of a state.
     */
    synchronized Snapshot freeze() {
        Set<String> touched = touched();
        Snapshot.Builder child = parent.toBuilder();
        // Untouched members of a touched variable's group stay a group among themselves.
        IdentityHashMap<List<String>, Boolean> regrouped = new IdentityHashMap<>();
        for (String name : touched) {
            List<String> group = parent.group(name);
            if (group.size() > 1 && regrouped.put(group, Boolean.TRUE) == null) {
                List<String> remaining = group.stream().filter(member -> !touched.contains(member))
                        .collect(Collectors.toList());
                for (String member : remaining) {
                    child.group(member, List.copyOf(remaining));
                }
            }
        }
        for (String name : deleted) {
            child.remove(name);
        }
        List<String> bound = new ArrayList<>();
        for (PyObject key : working.keySet()) {
            String name = nameOf(key);
            if (name != null && !isDunder(name)) {
                bound.add(name);
            }
        }
        // Names keeping their place first, then new ones in the order of their first binding.
        bound.sort(Comparator.comparingLong(name -> firstBindings.getOrDefault(name, 0L)));
        SnapshotCopier snapshotCopier = new SnapshotCopier(deepcopyFunction);
        for (String name : bound) {
            PyObject value = working.get(new PyString(name));
            if (value == null) {
                continue;
            }
            PyObject frozen = snapshotCopier.copyRoot(name, value);
            child.put(name, frozen, firstBindings.containsKey(name));
            child.ownRoot(name, frozen, snapshotCopier.lastRootBytes());
        }
        for (String name : snapshotCopier.sharedRoots()) {
            child.shared(name);
        }
        snapshotCopier.groups().forEach(child::group);
        return child.build();
    }

    private static String nameOf(Object key) {
        if (key instanceof PyString string) {
            return string.getString();
        }
        return key instanceof String string ? string : null;
    }

    /** Names such as {@code __builtins__} belong to the interpreter, not to a state (as in the seed). */
    static boolean isDunder(String name) {
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__");
    }
}
