/**
 * The notebook screen: {@link dev.forkbook.ui.notebook.NotebookViewModel} (current node, commands)
 * and the views that show the path to the current node ({@link dev.forkbook.ui.notebook.NotebookView},
 * {@link dev.forkbook.ui.notebook.CellView}), with Jupyter's command and edit modes and keys, and the
 * Edit/View/Run/Kernel/Help menus ({@link dev.forkbook.ui.notebook.NotebookMenus}).
 */
package dev.forkbook.ui.notebook;
