package dev.forkbook.notebook;

/** A whole notebook as a file holds it: the tree of cells and the node that was current. */
public record NotebookDocument(NotebookTree tree, String current) {

    public NotebookDocument {
        if (current == null || !tree.contains(current)) {
            current = NotebookTree.ROOT_ID;
        }
    }
}
