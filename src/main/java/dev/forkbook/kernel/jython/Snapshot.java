package dev.forkbook.kernel.jython;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.organicdesign.fp.collections.PersistentHashMap;
import org.organicdesign.fp.collections.PersistentTreeMap;
import org.python.core.PyObject;

/**
 * The immutable user namespace of one state, in definition order.
 *
 * <p>Its objects are never handed to user code: executions work on copies ({@link ExecutionNamespace}),
 * so a value here can be shared by any number of descendant snapshots that did not touch it.
 * {@link #group(String)} lists the variables whose objects share structure with a variable; they are
 * always copied together so that aliasing survives.
 *
 * <p>Every map is persistent (Paguro's HAMT and red-black tree): a child built by {@link Builder}
 * shares every entry it did not change with its parent, so a fork costs what the cell touched, not
 * the size of the namespace. Definition order is an order index: a name keeps the position of its
 * first binding on the path; rebinding keeps it; {@code del} then rebinding moves it to the end.
 */
final class Snapshot {

    /** A variable's frozen value and its position in definition order. */
    record Slot(PyObject value, long position) {
    }

    /** A value this snapshot froze itself, under the name it was frozen for, and its estimated size. */
    record OwnRoot(String name, PyObject value, long bytes) {
    }

    static final Snapshot EMPTY = new Snapshot(PersistentHashMap.empty(),
            PersistentTreeMap.empty(), PersistentHashMap.empty(), PersistentHashMap.empty(), 0,
            List.of(), 0);

    private final PersistentHashMap<String, Slot> values;
    private final PersistentTreeMap<Long, String> order;
    private final PersistentHashMap<String, List<String>> groups;
    private final PersistentHashMap<String, Boolean> shared;
    private final long nextPosition;
    private final List<OwnRoot> ownRoots;
    private final long ownBytes;

    private Snapshot(PersistentHashMap<String, Slot> values, PersistentTreeMap<Long, String> order,
            PersistentHashMap<String, List<String>> groups, PersistentHashMap<String, Boolean> shared,
            long nextPosition, List<OwnRoot> ownRoots, long ownBytes) {
        this.values = values;
        this.order = order;
        this.groups = groups;
        this.shared = shared;
        this.nextPosition = nextPosition;
        this.ownRoots = ownRoots;
        this.ownBytes = ownBytes;
    }

    /** Variable names in definition order. */
    List<String> names() {
        List<String> names = new ArrayList<>(values.size());
        for (Map.Entry<Long, String> entry : order) {
            names.add(entry.getValue());
        }
        return names;
    }

    boolean contains(String name) {
        return values.containsKey(name);
    }

    /** The frozen value; callers must copy it before user code can reach it. */
    PyObject frozenValue(String name) {
        Slot slot = values.get(name);
        return slot == null ? null : slot.value();
    }

    /** The variables that must be copied together with {@code name} (including itself). */
    List<String> group(String name) {
        List<String> members = groups.get(name);
        return members != null ? members : List.of(name);
    }

    boolean isShared(String name) {
        return shared.containsKey(name);
    }

    int size() {
        return values.size();
    }

    /** The values this snapshot froze itself (not inherited from its parent). */
    List<OwnRoot> ownRoots() {
        return ownRoots;
    }

    /** Estimated bytes of the objects this snapshot froze itself. */
    long ownBytes() {
        return ownBytes;
    }

    /** Starts a child that shares this snapshot's entries until they are changed. */
    Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a child snapshot by changing a parent's persistent maps in place of copying them. */
    static final class Builder {

        private PersistentHashMap<String, Slot> values;
        private PersistentTreeMap<Long, String> order;
        private PersistentHashMap<String, List<String>> groups;
        private PersistentHashMap<String, Boolean> shared;
        private long nextPosition;
        private final List<OwnRoot> ownRoots = new ArrayList<>();
        private long ownBytes;

        private Builder(Snapshot parent) {
            values = parent.values;
            order = parent.order;
            groups = parent.groups;
            shared = parent.shared;
            nextPosition = parent.nextPosition;
        }

        /** Drops a variable and its position. */
        Builder remove(String name) {
            Slot slot = values.get(name);
            if (slot != null) {
                values = values.without(name);
                order = order.without(slot.position());
            }
            groups = groups.without(name);
            shared = shared.without(name);
            return this;
        }

        /**
         * Binds {@code name}: at the end of the order when {@code moveToEnd} or when it is new,
         * otherwise where it already was.
         */
        Builder put(String name, PyObject value, boolean moveToEnd) {
            Slot previous = values.get(name);
            long position;
            if (previous != null && !moveToEnd) {
                position = previous.position();
            } else {
                if (previous != null) {
                    order = order.without(previous.position());
                }
                position = nextPosition++;
                order = order.assoc(position, name);
            }
            values = values.assoc(name, new Slot(value, position));
            shared = shared.without(name);
            groups = groups.without(name);
            return this;
        }

        Builder group(String name, List<String> members) {
            groups = members.size() > 1 ? groups.assoc(name, members) : groups.without(name);
            return this;
        }

        Builder shared(String name) {
            shared = shared.assoc(name, Boolean.TRUE);
            return this;
        }

        /** Records a value frozen by this snapshot and its estimated size. */
        Builder ownRoot(String name, PyObject value, long bytes) {
            ownRoots.add(new OwnRoot(name, value, bytes));
            ownBytes += bytes;
            return this;
        }

        Snapshot build() {
            return new Snapshot(values, order, groups, shared, nextPosition,
                    List.copyOf(ownRoots), ownBytes);
        }
    }
}
