package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.StateSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernel's states by name, in creation order, {@code initial} first. */
final class StateStore {

    /** A stored state: its lineage and its namespace. */
    record StoredState(StateSummary summary, Snapshot snapshot) {
    }

    private final Map<String, StoredState> states = new LinkedHashMap<>();

    StateStore() {
        clear();
    }

    synchronized StoredState get(String name) {
        return states.get(name);
    }

    /** Stores a state; an existing state of the same name is replaced (and keeps its position). */
    synchronized void put(StoredState state) {
        states.put(state.summary().name(), state);
    }

    synchronized boolean remove(String name) {
        return states.remove(name) != null;
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

    /** Drops every state and recreates an empty {@code initial}. */
    synchronized void clear() {
        states.clear();
        StateSummary initial = new StateSummary(Kernel.INITIAL_STATE, null, "", null, Instant.now(),
                0, 0);
        states.put(Kernel.INITIAL_STATE, new StoredState(initial, Snapshot.EMPTY));
    }
}
