/**
 * The notebook document: a tree of code and markdown cells with their outputs, rooted at the kernel's
 * {@code initial} state, and the session that runs its cells on a kernel.
 *
 * <p>Read {@link dev.forkbook.notebook.NotebookTree} (the document) and
 * {@link dev.forkbook.notebook.NotebookSession} (running, forking, replaying, following the kernel)
 * first; {@code NotebookSession#runCell} holds the rules for where a run lands (re-run in place, fork,
 * pending cells), the ones a Jupyter user expects; {@link dev.forkbook.notebook.Staleness} says which
 * pending cells an edit affects, from the kernel's provenance. Depends on the kernel API only; no
 * JavaFX, no Jython, no HTTP.
 */
package dev.forkbook.notebook;
