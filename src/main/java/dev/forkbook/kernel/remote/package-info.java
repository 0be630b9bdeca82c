/**
 * The kernel API over HTTP: a {@link dev.forkbook.kernel.Kernel} that talks to a snapshot kernel
 * elsewhere, either another Forkbook ({@code forkbook serve}: lineage from {@code /tree}, live
 * events from {@code /events}) or the seed, snapshot-kernel on CPython (lineage kept here, states
 * polled from {@code /states}, no completion).
 *
 * <p>Read {@link dev.forkbook.kernel.remote.RemoteKernel#connect} first: it detects which server it
 * reached. Uses java.net.http and Jackson; depends on the kernel API and the notebook's nbformat
 * mapping only, never on Jython, Javalin, JavaFX or the UI.
 */
package dev.forkbook.kernel.remote;
