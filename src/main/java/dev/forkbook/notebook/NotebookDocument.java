package dev.forkbook.notebook;

/**
 * A whole notebook as a file holds it: the tree of cells, the node that was current, and the kernel
 * it last ran on (null when the file does not say: the embedded one).
 */
public record NotebookDocument(NotebookTree tree, String current, KernelChoice kernel) {

    public NotebookDocument {
        if (current == null || !tree.contains(current)) {
            current = NotebookTree.ROOT_ID;
        }
    }

    public NotebookDocument(NotebookTree tree, String current) {
        this(tree, current, null);
    }
}
