/**
 * The command line (picocli) and the composition root: the only place that knows every
 * implementation and wires them together. Nothing depends on this package. Start at
 * {@link dev.forkbook.app.Launcher}.
 */
package dev.forkbook.app;
