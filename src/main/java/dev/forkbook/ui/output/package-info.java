/**
 * Output rendering. Pure functions build HTML and pick MIME types ({@link
 * dev.forkbook.ui.output.OutputHtml}, {@link dev.forkbook.ui.output.MarkdownHtml}, {@link
 * dev.forkbook.ui.output.MimeChoice}); {@link dev.forkbook.ui.output.OutputView} turns outputs into
 * nodes, creating WebViews lazily ({@link dev.forkbook.ui.output.RichWebView}). Output from user code
 * is untrusted: its pages carry a Content-Security-Policy that blocks every network or file load and
 * every script, navigation is refused, popups are never created. A long text opens in {@link
 * dev.forkbook.ui.output.FullTextView}: {@link dev.forkbook.ui.output.TextLines} indexes it off the
 * FX thread and {@link dev.forkbook.ui.output.LinesView} draws only the lines on screen.
 */
package dev.forkbook.ui.output;
