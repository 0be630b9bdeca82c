package dev.forkbook.kernel;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which execution made each value of a state, and what the state's own cell read and wrote.
 *
 * @param writtenBy for every variable, the name of the state whose execution last wrote it (assigned,
 *     deleted-and-reassigned or mutated it; a write through a function defined in an earlier cell counts
 *     for the execution that called it)
 * @param reads the variables of the parent state the cell read, sorted; every variable when it read the
 *     namespace as a whole ({@code globals()}, {@code dir()}, {@code vars()})
 * @param writes the variables the cell assigned, deleted or mutated, sorted
 * @param readWholeNamespace true when the cell saw the namespace as a whole ({@code globals()},
 *     {@code dir()}, {@code vars()}), so it may depend on names it never read one by one
 * @param readsShared the variables among {@code reads} whose value is one object for every state (a
 *     module, a class, or a value kept by reference such as an open file): a change to them is no
 *     write of any state, so no writer tells when they changed; sorted
 */
public record Provenance(Map<String, String> writtenBy, List<String> reads, List<String> writes,
        boolean readWholeNamespace, List<String> readsShared) {

    public Provenance {
        writtenBy = Collections.unmodifiableMap(new TreeMap<>(writtenBy));
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        readsShared = List.copyOf(readsShared);
    }

    /** Provenance of a cell that read names one by one and no shared value. */
    public Provenance(Map<String, String> writtenBy, List<String> reads, List<String> writes) {
        this(writtenBy, reads, writes, false, List.of());
    }

    /**
     * True when writers cannot tell whether the cell's inputs changed: it read the whole namespace or
     * a value shared by every state.
     */
    public boolean readsUntracked() {
        return readWholeNamespace || !readsShared.isEmpty();
    }

    public static final Provenance NONE = new Provenance(Map.of(), List.of(), List.of());
}
