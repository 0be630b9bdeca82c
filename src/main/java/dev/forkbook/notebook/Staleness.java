package dev.forkbook.notebook;

import dev.forkbook.kernel.Provenance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which pending cells an edit affects, measured from what their previous runs really read and wrote
 * (the kernel's {@link Provenance}), not from the source.
 *
 * <p>A pending cell is affected when it read a name whose writer the edit changed, or a name an
 * affected cell above it writes (so it is affected through its reads' writers). A cell that read the
 * whole namespace, or a value every state shares (a module, a class, a value kept by reference), is
 * always affected: no writer records changes to those. A cell whose previous run is not known is
 * affected too. An unaffected cell that writes a name an affected cell below reads is <em>needed</em>:
 * the new branch does not have its values until it runs, so Run affected runs it as well.
 */
public final class Staleness {

    private Staleness() {
    }

    /** Why a pending cell is or is not affected. */
    public enum Reason {
        /** It read names whose writer changed. */
        READS_CHANGED,
        /** It read the whole namespace ({@code globals()}, {@code dir()}, {@code vars()}). */
        READS_WHOLE_NAMESPACE,
        /** It read a module, a class or a value kept by reference. */
        READS_SHARED,
        /** What it read is not known (its previous state is gone, or so is the edited one). */
        UNKNOWN,
        /** It reads nothing the edit changed, but a cell below that is affected reads what it writes. */
        NEEDED,
        /** It reads nothing the edit changed. */
        NOT_AFFECTED
    }

    /**
     * The marking of one pending cell.
     *
     * @param names the changed names it read ({@link Reason#READS_CHANGED}), the shared values it
     *     read ({@link Reason#READS_SHARED}) or the names it writes that affected cells below read
     *     ({@link Reason#NEEDED}); sorted
     */
    public record Mark(Reason reason, List<String> names) {

        public Mark {
            names = List.copyOf(new TreeSet<>(names));
        }

        /** Whether the edit may change what this cell does. */
        public boolean affected() {
            return reason != Reason.NOT_AFFECTED && reason != Reason.NEEDED;
        }

        /** Whether "Run affected" runs it (affected, or needed by an affected cell below). */
        public boolean runsWithAffected() {
            return reason != Reason.NOT_AFFECTED;
        }

        /** The marking as the user reads it. */
        public String describe() {
            String list = String.join(", ", names);
            return switch (reason) {
                case READS_CHANGED -> "Affected: reads " + list + ", changed by the edit.";
                case READS_WHOLE_NAMESPACE -> "Affected: it read the whole namespace (globals(), "
                        + "dir() or vars()).";
                case READS_SHARED -> "Affected: reads " + list + " (a module, class or shared value: "
                        + "its changes are not tracked).";
                case UNKNOWN -> "Affected: what it read is not known (its earlier run is gone).";
                case NEEDED -> "Not affected, but writes " + list + " for an affected cell below "
                        + "(Run affected runs it too).";
                case NOT_AFFECTED -> "Not affected: reads nothing the edit changed.";
            };
        }
    }

    /**
     * The names whose writer differs between the state the pending cells ran after before the edit
     * ({@code before}) and the one they would run after now ({@code after}).
     */
    public static Set<String> changedNames(Provenance before, Provenance after) {
        Set<String> changed = new TreeSet<>();
        Set<String> names = new HashSet<>(before.writtenBy().keySet());
        names.addAll(after.writtenBy().keySet());
        for (String name : names) {
            if (!java.util.Objects.equals(before.writtenBy().get(name), after.writtenBy().get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    /**
     * Marks a chain of pending code cells, top first.
     *
     * @param changed the names whose writer the edit changed; empty when that is not known
     * @param previousRuns for each cell, the provenance of its previous run (empty when not known)
     */
    public static List<Mark> mark(Optional<Set<String>> changed,
            List<Optional<Provenance>> previousRuns) {
        List<Mark> marks = new ArrayList<>();
        Set<String> changing = changed.map(HashSet::new).orElse(null);
        for (Optional<Provenance> run : previousRuns) {
            Mark mark = markOne(changing, run);
            marks.add(mark);
            if (run.isEmpty()) {
                changing = null; // its writes are not known: nothing below can be cleared
            } else if (changing != null) {
                if (mark.affected()) {
                    changing.addAll(run.get().writes());
                } else {
                    // It will write these again with the values it wrote before.
                    run.get().writes().forEach(changing::remove);
                }
            }
        }
        return markNeeded(marks, previousRuns);
    }

    private static Mark markOne(Set<String> changing, Optional<Provenance> run) {
        if (run.isEmpty()) {
            return new Mark(Reason.UNKNOWN, List.of());
        }
        Provenance provenance = run.get();
        if (provenance.readWholeNamespace()) {
            return new Mark(Reason.READS_WHOLE_NAMESPACE, List.of());
        }
        if (!provenance.readsShared().isEmpty()) {
            return new Mark(Reason.READS_SHARED, provenance.readsShared());
        }
        if (changing == null) {
            return new Mark(Reason.UNKNOWN, List.of());
        }
        List<String> hits = provenance.reads().stream().filter(changing::contains).toList();
        return hits.isEmpty() ? new Mark(Reason.NOT_AFFECTED, List.of())
                : new Mark(Reason.READS_CHANGED, hits);
    }

    /** Bottom up: an unaffected cell whose writes a cell run below reads must run too. */
    private static List<Mark> markNeeded(List<Mark> marks, List<Optional<Provenance>> previousRuns) {
        List<Mark> result = new ArrayList<>(marks);
        Set<String> needed = new HashSet<>();
        boolean needsEverything = false;
        for (int i = marks.size() - 1; i >= 0; i--) {
            Mark mark = marks.get(i);
            Optional<Provenance> run = previousRuns.get(i);
            boolean runs = mark.affected();
            if (!runs && run.isPresent()) {
                List<String> supplies = needsEverything ? run.get().writes()
                        : run.get().writes().stream().filter(needed::contains).toList();
                if (!supplies.isEmpty()) {
                    result.set(i, new Mark(Reason.NEEDED, supplies));
                    runs = true;
                }
            }
            if (!runs) {
                continue;
            }
            if (run.isEmpty()) {
                needsEverything = true;
            } else {
                run.get().writes().forEach(needed::remove);
                needed.addAll(run.get().reads());
            }
        }
        return result;
    }
}
