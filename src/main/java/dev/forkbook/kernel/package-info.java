/**
 * The kernel API in Jupyter's vocabulary: executions, states, outputs and events.
 *
 * <p>Plain Java only: nothing here may mention Jython, JavaFX or HTTP types, so the desktop UI, the
 * REST server and tests can all drive any implementation. Start with {@link dev.forkbook.kernel.Kernel};
 * the outputs follow nbformat v4 ({@link dev.forkbook.kernel.Output}).
 */
package dev.forkbook.kernel;
