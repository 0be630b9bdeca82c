package dev.forkbook.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the variables of state {@code b} differ from those of state {@code a}.
 *
 * @param added names only {@code b} has, sorted
 * @param removed names only {@code a} has, sorted
 * @param changed names whose values differ, sorted, with what changed
 * @param unchanged names with equal values, sorted (including the {@code sameObject} ones)
 * @param sameObject unchanged names whose value is the very same snapshot object in both states
 *     (structural sharing): known equal without comparing anything
 * @param comparisons how many pairs of distinct objects were compared; identical objects cost none
 */
public record StateDiff(String a, String b, List<String> added, List<String> removed,
        Map<String, VariableChange> changed, List<String> unchanged, List<String> sameObject,
        long comparisons) {

    public StateDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        unchanged = List.copyOf(unchanged);
        sameObject = List.copyOf(sameObject);
    }

    /**
     * One changed variable: both values' types and capped reprs, and the detail.
     *
     * @param reprA the value in {@code a}, a capped repr computed without running user code on the
     *     stored value
     */
    public record VariableChange(String typeA, String reprA, String typeB, String reprB,
            Detail detail) {
    }

    /** How a changed value is broken down. */
    public enum DetailKind {
        /** list or tuple: which indices differ. */
        ELEMENTS,
        /** dict: which keys were added, removed or changed. */
        KEYS,
        /** set or frozenset: which members were added or removed. */
        MEMBERS,
        /** instance: which attributes were added, removed or changed. */
        ATTRIBUTES,
        /** different types: one row with both values. */
        TYPE,
        /** anything else: a line diff of the two reprs. */
        TEXT
    }

    /** What happened at one path. */
    public enum Change {
        ADDED, REMOVED, CHANGED
    }

    /**
     * One difference. {@code path} locates it from the variable, as Python would write it
     * ({@code [3]}, {@code ['key']}, {@code .attr}, nested as {@code [3].attr['k']}); for
     * {@link DetailKind#TEXT} it is the line number ({@code line 4}). {@code a}/{@code b} are capped
     * reprs, null on the side where the path does not exist.
     */
    public record Row(String path, Change change, String a, String b) {
    }

    /**
     * The rows of a changed value, one page of them.
     *
     * @param totalRows how many rows there are in all
     * @param offset index of the first row in {@code rows}
     */
    public record Detail(DetailKind kind, int totalRows, int offset, List<Row> rows) {

        public Detail {
            rows = List.copyOf(rows);
        }
    }
}
