package dev.forkbook.ui.tree;

import dev.forkbook.kernel.Provenance;
import java.util.List;

/**
 * The end of a graph node's tooltip: what the cell's run read and wrote. Plain text with no JavaFX
 * type, so it is tested without a toolkit (a test that touched {@link ForkGraphView} without one
 * would break that class for every later test in the same JVM).
 */
final class ReadsAndWrites {

    private static final int SHOWN = 12;

    private ReadsAndWrites() {
    }

    static String text(Provenance provenance) {
        String reads = provenance.readWholeNamespace() ? "the whole namespace (globals(), dir() or "
                + "vars())" : names(provenance.reads());
        return "\nreads: " + reads + "\nwrites: " + names(provenance.writes());
    }

    private static String names(List<String> names) {
        if (names.isEmpty()) {
            return "nothing";
        }
        int shown = Math.min(names.size(), SHOWN);
        String list = String.join(", ", names.subList(0, shown));
        return shown < names.size() ? list + " … (+" + (names.size() - shown) + ")" : list;
    }
}
