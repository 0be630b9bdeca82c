package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.StateSummary;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.python.core.PyObject;

/**
 * The kernel's states by name, in creation order, {@code initial} first, and the memory they hold.
 *
 * <p><b>Accounting.</b> Each snapshot records the values it froze itself and their estimated bytes
 * ({@link Snapshot#ownRoots()}). Those bytes count while some live snapshot holds the value: when a
 * state is evicted or deleted, each of its values still held by a live descendant (one that did not
 * rebind that name) is adopted by that descendant; the others are freed.
 *
 * <p><b>Eviction.</b> Over budget, the least recently used state loses its snapshot but keeps its
 * lineage, code and outputs. Never evicted: {@code initial}, pinned states, states executions are
 * running from (or being rebuilt through), and states whose ancestor chain was overwritten or
 * deleted (they could not be rebuilt by replay).
 */
final class StateStore {

    /** A value a snapshot froze, as accounted: which state made it and under which name. */
    record Root(String name, PyObject value, long bytes, StoredState creator) {
    }

    /** A stored state: lineage, outputs, and its snapshot while it is live. */
    static final class StoredState {
        private volatile StateSummary summary;
        private volatile Snapshot snapshot;
        private final List<Output> outputs;
        private final StoredState parent;
        private final List<StoredState> children = new ArrayList<>();
        private final List<Root> accounted = new ArrayList<>();
        private long accountedBytes;
        private volatile long lastUsed;
        private volatile boolean removed;
        private final AtomicInteger holds = new AtomicInteger();

        StoredState(StateSummary summary, Snapshot snapshot, List<Output> outputs,
                StoredState parent) {
            this.summary = summary;
            this.snapshot = snapshot;
            this.outputs = List.copyOf(outputs);
            this.parent = parent;
        }

        StateSummary summary() {
            return summary;
        }

        /** The namespace, or null while evicted (or after deletion). */
        Snapshot snapshot() {
            return snapshot;
        }

        List<Output> outputs() {
            return outputs;
        }

        StoredState parent() {
            return parent;
        }

        boolean isEvicted() {
            return snapshot == null && !removed;
        }

        String name() {
            return summary.name();
        }

        /** Keeps this state from eviction until {@link #release()} (an execution runs from it). */
        void hold() {
            holds.incrementAndGet();
        }

        void release() {
            holds.decrementAndGet();
        }
    }

    private final Map<String, StoredState> states = new LinkedHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private Set<String> pinned = Set.of();
    private long usedBytes;
    private StoredState initial;

    StateStore() {
        clear();
    }

    synchronized StoredState get(String name) {
        return states.get(name);
    }

    /** Marks a state used now (the eviction order is least recently used first). */
    void touch(StoredState state) {
        state.lastUsed = clock.incrementAndGet();
    }

    synchronized StoredState initial() {
        return initial;
    }

    /**
     * Stores a new state executed from {@code parent}; an existing state of the same name is replaced
     * (keeps its position) and, with it, every descendant's chain is broken (never evicted again).
     */
    synchronized StoredState add(StateSummary summary, Snapshot snapshot, List<Output> outputs,
            StoredState parent) {
        StoredState state = new StoredState(summary, snapshot, outputs, parent);
        StoredState previous = states.put(summary.name(), state);
        if (previous != null) {
            drop(previous);
        }
        if (parent != null) {
            parent.children.add(state);
        }
        addRoots(state, snapshot);
        touch(state);
        return state;
    }

    private void addRoots(StoredState state, Snapshot snapshot) {
        for (Snapshot.OwnRoot root : snapshot.ownRoots()) {
            state.accounted.add(new Root(root.name(), root.value(), root.bytes(), state));
            state.accountedBytes += root.bytes();
        }
        usedBytes += state.accountedBytes;
    }

    /** Puts a rebuilt snapshot back into an evicted state. */
    synchronized void restore(StoredState state, Snapshot snapshot) {
        if (state.removed || state.snapshot != null) {
            return;
        }
        state.snapshot = snapshot;
        state.summary = state.summary.withEvicted(false);
        state.accounted.clear();
        state.accountedBytes = 0;
        addRoots(state, snapshot);
        touch(state);
    }

    synchronized boolean remove(String name) {
        StoredState state = states.remove(name);
        if (state == null) {
            return false;
        }
        drop(state);
        return true;
    }

    private void drop(StoredState state) {
        state.removed = true;
        release(state);
        if (state.parent != null) {
            state.parent.children.remove(state);
        }
    }

    /** Drops a state's snapshot; its values that live descendants still hold are adopted by them. */
    private void release(StoredState state) {
        state.snapshot = null;
        usedBytes -= state.accountedBytes;
        List<Root> roots = new ArrayList<>(state.accounted);
        state.accounted.clear();
        state.accountedBytes = 0;
        for (Root root : roots) {
            StoredState holder = root.name() == null ? null : liveHolder(root);
            if (holder != null) {
                holder.accounted.add(root);
                holder.accountedBytes += root.bytes();
                usedBytes += root.bytes();
            }
        }
    }

    /** A live state in the creator's subtree whose snapshot still holds {@code root}. */
    private StoredState liveHolder(Root root) {
        Deque<StoredState> pending = new ArrayDeque<>(root.creator().children);
        while (!pending.isEmpty()) {
            StoredState candidate = pending.pop();
            Snapshot snapshot = candidate.snapshot;
            if (snapshot != null) {
                if (snapshot.frozenValue(root.name()) == root.value()) {
                    return candidate;
                }
                // It rebound the name: nothing below it can hold the value.
                continue;
            }
            pending.addAll(candidate.children);
        }
        return null;
    }

    synchronized void pin(Set<String> names) {
        pinned = Set.copyOf(names);
    }

    synchronized long usedBytes() {
        return usedBytes;
    }

    /**
     * Evicts least recently used states until at most {@code targetBytes} are accounted; returns the
     * names evicted, in order.
     */
    synchronized List<String> evictDownTo(long targetBytes) {
        List<String> evicted = new ArrayList<>();
        while (usedBytes > targetBytes) {
            StoredState victim = null;
            for (StoredState state : states.values()) {
                if (evictable(state) && (victim == null || state.lastUsed < victim.lastUsed)) {
                    victim = state;
                }
            }
            if (victim == null) {
                break;
            }
            release(victim);
            victim.summary = victim.summary.withEvicted(true);
            evicted.add(victim.name());
        }
        return evicted;
    }

    private boolean evictable(StoredState state) {
        if (state == initial || state.snapshot == null || state.holds.get() > 0
                || state.accountedBytes == 0 || pinned.contains(state.name())) {
            return false;
        }
        for (StoredState ancestor = state.parent; ancestor != null; ancestor = ancestor.parent) {
            if (ancestor.removed) {
                return false;
            }
            if (ancestor == initial) {
                return true;
            }
        }
        return false;
    }

    synchronized List<String> names() {
        return new ArrayList<>(states.keySet());
    }

    synchronized List<StateSummary> summaries() {
        List<StateSummary> summaries = new ArrayList<>(states.size());
        for (StoredState state : states.values()) {
            summaries.add(state.summary());
        }
        return summaries;
    }

    /** The code of every live state (for releasing compiled cells nobody can replay or run). */
    synchronized Set<String> liveCode() {
        Set<String> code = new HashSet<>();
        for (StoredState state : states.values()) {
            code.add(state.summary().code());
        }
        return code;
    }

    /** Drops every state and recreates an empty {@code initial}. */
    synchronized void clear() {
        for (StoredState state : states.values()) {
            state.removed = true;
            state.snapshot = null;
        }
        states.clear();
        usedBytes = 0;
        StateSummary summary = new StateSummary(Kernel.INITIAL_STATE, null, "", null,
                Instant.now(), 0, 0);
        initial = new StoredState(summary, Snapshot.EMPTY, List.of(), null);
        states.put(Kernel.INITIAL_STATE, initial);
    }
}
