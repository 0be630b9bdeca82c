package dev.forkbook.notebook;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes a notebook without a display, like {@code jupyter nbconvert --execute}: every code cell of
 * the tree in order (parents first, siblings in time order), or only the path to one node. Progress
 * goes to a stream; it stops at the first error unless errors are allowed.
 */
public final class NotebookRunner {

    private final NotebookSession session;
    private final PrintStream progress;

    /** @param session a session with same-thread executors, so each cell finishes before the next */
    public NotebookRunner(NotebookSession session, PrintStream progress) {
        this.session = session;
        this.progress = progress;
    }

    /** What a run did: the cells that failed, and those it did not run (their outputs cleared). */
    public record Report(List<CellNode> failed, List<CellNode> notRun) {
    }

    /** Runs the cells; returns the first cell that failed, or null when all ran. */
    public CellNode run(String onlyPathTo) {
        Report report = run(onlyPathTo, false);
        return report.failed().isEmpty() ? null : report.failed().get(0);
    }

    /**
     * Runs the cells. Without {@code allowErrors} it stops at the first failure and clears the
     * outputs and counts of the cells it did not reach, listing them, so stale results never pass
     * for fresh ones. With it, it goes on as {@code nbconvert --allow-errors} does: cells under a
     * failed one run from the last state that succeeded.
     */
    public Report run(String onlyPathTo, boolean allowErrors) {
        NotebookTree tree = session.tree();
        List<CellNode> cells = new ArrayList<>();
        for (CellNode node : onlyPathTo == null ? tree.depthFirst() : tree.pathTo(onlyPathTo)) {
            if (!node.isRoot() && node.kind() == CellKind.CODE) {
                cells.add(node);
            }
        }
        List<CellNode> failed = new ArrayList<>();
        int step = 0;
        for (CellNode cell : cells) {
            step++;
            progress.printf("[%d/%d] %s  %s%n", step, cells.size(), cell.id(), cell.title());
            CellNode done = session.rerunInPlace(cell.id(), allowErrors).join();
            if (done.status() != CellStatus.OK) {
                progress.printf("Error in cell %s: %s: %s%n", done.id(),
                        done.error() == null ? "NotLive" : done.error().ename(),
                        done.error() == null ? "its parent has no state" : done.error().evalue());
                if (done.error() != null) {
                    done.error().traceback().forEach(progress::println);
                }
                failed.add(done);
                if (!allowErrors) {
                    List<CellNode> notRun = clear(cells.subList(step, cells.size()));
                    return new Report(failed, notRun);
                }
            }
        }
        progress.printf("Ran %d cells%s.%n", cells.size(),
                failed.isEmpty() ? "" : ", " + failed.size() + " with errors");
        return new Report(failed, List.of());
    }

    private List<CellNode> clear(List<CellNode> cells) {
        List<CellNode> cleared = new ArrayList<>();
        if (!cells.isEmpty()) {
            progress.printf("Not run (outputs cleared): %d cells%n", cells.size());
        }
        for (CellNode cell : cells) {
            CellNode current = session.tree().get(cell.id());
            CellNode blank = current.withResult(CellStatus.NOT_LIVE, List.of(), null, null, 0);
            session.tree().update(blank);
            cleared.add(blank);
            progress.printf("  %s  %s%n", cell.id(), cell.title());
        }
        return cleared;
    }
}
