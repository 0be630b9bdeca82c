package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelStatus;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.server.RestServer;
import dev.forkbook.server.ServerConfig;
import dev.forkbook.testing.OutputText;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/**
 * {@code forkbook --connect URL}: the remote kernel goes through the same not-ready-yet seam as the
 * embedded kernel's lazy start, so nothing waits for the network before the window is up.
 */
class ConnectInBackgroundTest {

    private static KernelConnections connections() {
        return new KernelConnections(() -> {
            throw new AssertionError("no embedded kernel is made for --connect");
        }, Preferences.userRoot().node("dev/forkbook/test-connect-in-background"));
    }

    private static ExecuteRequest onePlusOne(String id) {
        return new ExecuteRequest("1 + 1", id, Kernel.INITIAL_STATE, null, null);
    }

    @Test
    void a_server_that_does_not_answer_yet_holds_nothing_up_and_cells_wait_for_it() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
                KernelConnections connections = connections()) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            DeferredKernel kernel = connections.connectInBackground(url, "t");
            // Returned at once although the server has not said a word.
            assertEquals(KernelStatus.STARTING, kernel.status());
            assertEquals(url, kernel.description().url());
            assertTrue(kernel.description().remote());
            assertEquals(java.util.List.of(Kernel.INITIAL_STATE), kernel.listStates());
            CompletableFuture<ExecutionResult> waiting = CompletableFuture.supplyAsync(
                    () -> kernel.execute(onePlusOne("queued")));
            Socket accepted = silent.accept(); // the connection attempt is under way
            assertFalse(waiting.isDone());

            accepted.close(); // the "server" hangs up and goes: the connection fails
            silent.close();
            ExecutionResult result = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(ExecutionError.KERNEL_FAILED, result.error().ename());
            assertEquals(KernelStatus.FAILED, kernel.status());
            assertTrue(kernel.failure() != null && !kernel.failure().isBlank());
        }
    }

    @Test
    void a_reachable_server_becomes_the_kernel_and_runs_the_cells_queued_meanwhile()
            throws Exception {
        try (JythonKernel jython = new JythonKernel();
                RestServer server = new RestServer(jython, ServerConfig.loopback(0, "secret"));
                KernelConnections connections = connections()) {
            server.start();
            DeferredKernel kernel = connections.connectInBackground(server.baseUrl(), "secret");
            ExecutionResult result = kernel.execute(onePlusOne("first"));
            assertEquals("2", OutputText.of(result.outputs()));
            kernel.whenStarted().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(KernelStatus.READY, kernel.status());
            assertEquals(KernelDescription.FORKBOOK, kernel.description().kind());
            assertEquals(new dev.forkbook.notebook.KernelChoice(KernelDescription.FORKBOOK,
                    server.baseUrl()), connections.choiceFor(kernel));
        }
    }
}
