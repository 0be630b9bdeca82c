package dev.forkbook.notebook;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes a notebook without a display, like {@code jupyter nbconvert --execute}: every code cell of
 * the tree in order (parents first, siblings in time order), or only the path to one node. Progress
 * goes to a stream; it stops at the first error.
 */
public final class NotebookRunner {

    private final NotebookSession session;
    private final PrintStream progress;

    /** @param session a session with same-thread executors, so each cell finishes before the next */
    public NotebookRunner(NotebookSession session, PrintStream progress) {
        this.session = session;
        this.progress = progress;
    }

    /** Runs the cells; returns the first cell that failed, or null when all ran. */
    public CellNode run(String onlyPathTo) {
        NotebookTree tree = session.tree();
        List<CellNode> cells = new ArrayList<>();
        for (CellNode node : onlyPathTo == null ? tree.depthFirst() : tree.pathTo(onlyPathTo)) {
            if (!node.isRoot() && node.kind() == CellKind.CODE) {
                cells.add(node);
            }
        }
        int step = 0;
        for (CellNode cell : cells) {
            step++;
            progress.printf("[%d/%d] %s  %s%n", step, cells.size(), cell.id(), cell.title());
            CellNode done = session.rerunInPlace(cell.id()).join();
            if (done.status() != CellStatus.OK) {
                progress.printf("Error in cell %s: %s: %s%n", done.id(),
                        done.error() == null ? "NotLive" : done.error().ename(),
                        done.error() == null ? "its parent has no state" : done.error().evalue());
                if (done.error() != null) {
                    done.error().traceback().forEach(progress::println);
                }
                return done;
            }
        }
        progress.printf("Ran %d cells.%n", cells.size());
        return null;
    }
}
