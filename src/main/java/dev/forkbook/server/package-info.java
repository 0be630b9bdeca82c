/**
 * The REST API (Javalin): a drop-in for the seed's snapshot-kernel server plus lineage and events.
 *
 * <p>Thin controllers map HTTP to {@link dev.forkbook.kernel.Kernel} calls; records are the DTOs;
 * {@link dev.forkbook.server.AccessGuard} rejects requests before they reach a controller. Read
 * {@link dev.forkbook.server.RestServer} first. Depends on {@code kernel} only, never on {@code ui}
 * or the Jython implementation.
 */
package dev.forkbook.server;
