package dev.forkbook.ui.notebook;

/** What happens to the focus after running a cell, as in Jupyter. */
public enum RunMode {
    /** Shift+Enter: run, then go to the next cell. */
    NEXT,
    /** Ctrl+Enter: run, stay on the cell. */
    STAY,
    /** Alt+Enter: run, then insert a cell below. */
    INSERT_BELOW
}
