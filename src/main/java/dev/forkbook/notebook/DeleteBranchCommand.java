package dev.forkbook.notebook;

import java.util.List;

/**
 * Removes a cell and everything below it from the document. The kernel states stay, so undo brings
 * the branch back live.
 */
public final class DeleteBranchCommand implements UndoableCommand {

    private final NotebookTree tree;
    private final String id;
    private List<CellNode> removed;
    private int position;

    public DeleteBranchCommand(NotebookTree tree, String id) {
        this.tree = tree;
        this.id = id;
    }

    @Override
    public void execute() {
        position = tree.siblingIndex(id);
        removed = tree.removeSubtree(id);
    }

    @Override
    public void undo() {
        tree.restore(removed, position);
    }

    @Override
    public String description() {
        return "delete branch";
    }
}
