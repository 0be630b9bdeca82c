/**
 * Cell editing: {@link dev.forkbook.ui.cell.PythonHighlighter} (a pure function from text to style
 * spans, tested without the toolkit) and {@link dev.forkbook.ui.cell.CodeEditor} (RichTextFX).
 */
package dev.forkbook.ui.cell;
