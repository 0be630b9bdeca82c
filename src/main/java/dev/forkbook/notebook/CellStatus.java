package dev.forkbook.notebook;

/** Where a cell stands with the kernel. */
public enum CellStatus {
    /** Markdown, or the root: nothing to run. */
    STATIC,
    /** Waiting for or running in the kernel. */
    RUNNING,
    /** Ran and stored a kernel state. */
    OK,
    /** Ran and failed: no state. */
    ERROR,
    /** Has outputs but no kernel state behind it (opened from a file, or the kernel was reset). */
    NOT_LIVE,
    /**
     * Not run on this branch yet: a cell of the branch that was shown when an edit forked, kept below
     * the edit (with that branch's outputs) until it is run here. Saved in the file.
     */
    PENDING
}
