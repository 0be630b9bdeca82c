package dev.forkbook.notebook;

/**
 * Changes a cell where it is (a markdown cell's text): markdown holds no kernel state, so an edit
 * forks nothing. Undo puts the old text back.
 */
public final class EditCellCommand implements UndoableCommand {

    private final NotebookTree tree;
    private final CellNode before;
    private final CellNode after;

    public EditCellCommand(NotebookTree tree, CellNode before, CellNode after) {
        this.tree = tree;
        this.before = before;
        this.after = after;
    }

    @Override
    public void execute() {
        tree.update(after);
    }

    @Override
    public void undo() {
        tree.update(before);
    }

    @Override
    public String description() {
        return "edit markdown";
    }
}
