package dev.forkbook.notebook;

/** What a cell holds: code the kernel runs, or markdown that runs nothing. */
public enum CellKind {
    CODE,
    MARKDOWN
}
