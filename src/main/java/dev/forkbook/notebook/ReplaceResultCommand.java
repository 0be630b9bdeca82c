package dev.forkbook.notebook;

/**
 * A cell re-run in place (an unchanged leaf, or a failed cell that was fixed), kept for undo: undo
 * brings back the previous source, outputs and count. The kernel state the re-run replaced is gone,
 * so a cell that had one comes back not live (rebuilt on demand).
 */
final class ReplaceResultCommand implements UndoableCommand {

    private final NotebookTree tree;
    private final CellNode before;
    private final CellNode after;

    ReplaceResultCommand(NotebookTree tree, CellNode before, CellNode after) {
        this.tree = tree;
        this.before = before;
        this.after = after;
    }

    @Override
    public void execute() {
        show(after);
    }

    @Override
    public void undo() {
        show(before);
    }

    private void show(CellNode version) {
        if (!tree.contains(version.id())) {
            return;
        }
        CellNode now = tree.get(version.id());
        CellStatus status = version.status() == CellStatus.OK ? CellStatus.NOT_LIVE
                : version.status();
        if (status == CellStatus.NOT_LIVE) {
            // The outputs shown are an earlier run's; the kernel only holds the latest run's state.
            tree.notLiveBecause(version.id(), "Undo/Redo brought back the outputs of another run "
                    + "of the cell, whose state is gone");
        }
        tree.update(now.withSource(version.source()).withResult(status, version.outputs(),
                version.error(), version.executionCount(), version.durationMs()));
    }

    @Override
    public String description() {
        return "re-run";
    }
}
