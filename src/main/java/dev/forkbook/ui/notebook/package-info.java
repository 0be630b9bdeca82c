/**
 * The notebook screen: {@link dev.forkbook.ui.notebook.NotebookViewModel} (current node, commands)
 * and the views that show the path to the current node ({@link dev.forkbook.ui.notebook.NotebookView},
 * {@link dev.forkbook.ui.notebook.CellView}).
 */
package dev.forkbook.ui.notebook;
