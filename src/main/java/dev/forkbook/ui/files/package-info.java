/**
 * The notebook as a file in the window: {@link dev.forkbook.ui.files.NotebookShell} (menus, New,
 * Open, Save, Save As, export, recent files, the unsaved marker, autosave to a recovery copy) and the
 * {@link dev.forkbook.ui.files.Dialogs} it asks the user through, which tests replace.
 */
package dev.forkbook.ui.files;
