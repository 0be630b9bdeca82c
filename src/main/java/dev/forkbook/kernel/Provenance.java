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
 */
public record Provenance(Map<String, String> writtenBy, List<String> reads, List<String> writes) {

    public Provenance {
        writtenBy = Collections.unmodifiableMap(new TreeMap<>(writtenBy));
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    public static final Provenance NONE = new Provenance(Map.of(), List.of(), List.of());
}
