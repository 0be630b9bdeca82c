/**
 * The JavaFX desktop notebook, split by feature: {@code tree} (the fork tree), {@code notebook} (the
 * path view and its model), {@code cell} (editor, highlighter), {@code output} (renderers, WebView),
 * {@code vars} (variables panel) and {@code fx} (the one seam that calls {@code Platform.runLater}).
 * Start with {@link dev.forkbook.ui.MainWindow}. The only package that imports JavaFX (besides the
 * app's wiring); it reaches the kernel only through {@code dev.forkbook.notebook}.
 */
package dev.forkbook.ui;
