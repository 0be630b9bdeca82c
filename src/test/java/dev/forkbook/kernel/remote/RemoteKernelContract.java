package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookRunner;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.testing.KernelServer;
import dev.forkbook.testing.OutputText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a remote kernel must do against any snapshot-kernel server started as a separate process:
 * the subclasses start a Forkbook server or the seed.
 */
abstract class RemoteKernelContract {

    /** Polls the seed every 100 ms so tests notice changes quickly. */
    static final RemoteOptions FAST = RemoteOptions.defaults().withPollInterval(Duration.ofMillis(100))
            .withReconnectDelay(Duration.ofMillis(200));

    static KernelServer server;
    RemoteKernel kernel;

    @TempDir
    Path dir;

    /** Code that runs until interrupted, and that the server can interrupt. */
    abstract String longRunningCode();

    abstract String expectedKind();

    abstract KernelServer startAnother();

    RemoteKernel connect() {
        kernel = RemoteKernel.connect(server.url(), server.token(), FAST);
        return kernel;
    }

    @AfterEach
    void closeKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    static NotebookSession session(RemoteKernel kernel, NotebookTree tree) {
        return new NotebookSession(kernel, tree, Runnable::run, Runnable::run);
    }

    @Test
    void connecting_detects_what_kind_of_server_answers() {
        RemoteKernel remote = connect();
        assertEquals(expectedKind(), remote.description().kind());
        assertTrue(remote.description().label().contains(server.url()),
                remote.description().label());
        assertTrue(remote.listStates().contains("initial"));
    }

    @Test
    void a_session_of_cells_with_a_fork_keeps_the_branches_apart() {
        NotebookSession session = session(connect(), new NotebookTree());
        CellNode base = session.run(NotebookTree.ROOT_ID, "x = [1]").join();
        CellNode two = session.run(base.id(), "x.append(2)\nx").join();
        CellNode three = session.run(base.id(), "x.append(3)\nx").join();

        assertEquals(CellStatus.OK, two.status());
        assertEquals("[1, 2]", OutputText.of(two.outputs()));
        assertEquals("[1, 3]", OutputText.of(three.outputs()));
        assertTrue(three.executionCount() > two.executionCount(),
                two.executionCount() + " then " + three.executionCount());

        StateSummary threeState = kernel.tree().stream()
                .filter(state -> state.name().equals(three.id())).findFirst().orElseThrow();
        assertEquals(base.id(), threeState.parent());
        StateInfo baseState = kernel.getState(base.id()).orElseThrow();
        assertEquals("[1]", baseState.variables().get("x").repr());
        assertEquals("list", baseState.variables().get("x").type());
    }

    @Test
    void an_error_comes_back_as_an_error_and_stores_no_state() {
        NotebookSession session = session(connect(), new NotebookTree());
        CellNode failed = session.run(NotebookTree.ROOT_ID, "y = 1\n1 / 0").join();
        assertEquals(CellStatus.ERROR, failed.status());
        assertEquals("ZeroDivisionError", failed.error().ename());
        assertFalse(failed.error().traceback().isEmpty());
        assertFalse(kernel.listStates().contains(failed.id()));
        assertTrue(kernel.getState(failed.id()).isEmpty());
    }

    @Test
    void a_running_cell_is_interrupted() throws Exception {
        RemoteKernel remote = connect();
        String execId = "long-" + System.nanoTime();
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(
                () -> remote.execute(ExecuteRequest.of(longRunningCode(), execId, "initial")));
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!interrupted && System.nanoTime() < deadline) {
            interrupted = remote.interrupt(execId);
        }
        assertTrue(interrupted, "the server reported the execution as running");
        ExecutionResult result = running.get(20, TimeUnit.SECONDS);
        assertEquals("KeyboardInterrupt", result.error().ename());
    }

    @Test
    void deleting_a_state_removes_it_and_an_unknown_one_is_reported() {
        RemoteKernel remote = connect();
        String name = "del-" + System.nanoTime();
        assertTrue(remote.execute(new ExecuteRequest("v = 1", "d", "initial", name)).succeeded());
        assertTrue(remote.deleteState(name));
        assertFalse(remote.listStates().contains(name));
        assertFalse(remote.deleteState(name));
    }

    @Test
    void a_saved_notebook_reopens_and_rebuilds_on_the_server() throws Exception {
        NotebookTree tree = new NotebookTree();
        NotebookSession first = session(connect(), tree);
        CellNode load = first.run(NotebookTree.ROOT_ID, "data = [3, 1, 2]").join();
        CellNode sorted = first.run(load.id(), "print(sorted(data))").join();
        Path file = dir.resolve("remote.forkbook");
        Files.write(file, ForkbookFormat.write(new NotebookDocument(tree, sorted.id())));
        kernel.reset();

        NotebookDocument reopened = ForkbookFormat.read(Files.readAllBytes(file));
        assertEquals(CellStatus.NOT_LIVE, reopened.tree().get(sorted.id()).status());
        NotebookSession second = session(kernel, reopened.tree());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        CellNode failed = new NotebookRunner(second, new PrintStream(progress, true)).run(null);

        assertEquals(null, failed, progress.toString());
        CellNode rebuilt = reopened.tree().get(sorted.id());
        assertEquals(CellStatus.OK, rebuilt.status());
        assertEquals("[1, 2, 3]\n", OutputText.of(rebuilt.outputs()));
        assertFalse(rebuilt.outputsChanged());
        assertTrue(kernel.listStates().contains(sorted.id()));
    }

    @Test
    void a_notebook_reopened_on_a_server_that_still_holds_its_states_is_live_without_rebuilding()
            throws Exception {
        NotebookTree tree = new NotebookTree();
        CellNode cell = session(connect(), tree).run(NotebookTree.ROOT_ID, "kept = 7").join();
        NotebookDocument reopened = ForkbookFormat.read(ForkbookFormat.write(
                new NotebookDocument(tree, cell.id())));
        assertEquals(CellStatus.NOT_LIVE, reopened.tree().get(cell.id()).status());

        try (RemoteKernel again = RemoteKernel.connect(server.url(), server.token(), FAST)) {
            session(again, reopened.tree()).reviveStates();
        }
        assertEquals(CellStatus.OK, reopened.tree().get(cell.id()).status());
    }

    @Test
    void a_wrong_token_is_refused_with_a_clear_error() {
        RemoteKernelException refused = assertThrows(RemoteKernelException.class,
                () -> RemoteKernel.connect(server.url(), "not-the-token", FAST));
        assertEquals(RemoteKernelException.Reason.WRONG_TOKEN, refused.reason());
        assertTrue(refused.getMessage().contains("refused the token"), refused.getMessage());
    }

    @Test
    void a_server_killed_mid_run_ends_the_cell_with_a_connection_error_and_keeps_earlier_work()
            throws Exception {
        ExecutorService owner = Executors.newSingleThreadExecutor();
        ExecutorService background = Executors.newCachedThreadPool();
        try (KernelServer doomed = startAnother();
                RemoteKernel remote = RemoteKernel.connect(doomed.url(), doomed.token(), FAST)) {
            NotebookTree tree = new NotebookTree();
            NotebookSession session = new NotebookSession(remote, tree, owner, background);
            CountDownLatch lost = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(1);
            remote.subscribe(event -> {
                if (event instanceof KernelEvent.ConnectionLost) {
                    lost.countDown();
                } else if (event instanceof KernelEvent.ExecutionStarted) {
                    started.countDown();
                }
            });
            owner.submit(session::followKernel).get();
            CellNode done = onOwner(owner, () -> session.run(NotebookTree.ROOT_ID, "a = 41\na + 1"))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(CellStatus.OK, done.status());

            CompletableFuture<CellNode> running = onOwner(owner,
                    () -> session.run(done.id(), longRunningCode()));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            doomed.kill();

            CellNode cut = running.get(30, TimeUnit.SECONDS);
            assertEquals(CellStatus.ERROR, cut.status());
            assertEquals(ExecutionError.CONNECTION_LOST, cut.error().ename());
            assertTrue(cut.error().evalue().contains(doomed.url()), cut.error().evalue());
            assertTrue(lost.await(30, TimeUnit.SECONDS));
            CellNode kept = until(owner, () -> {
                CellNode node = tree.get(done.id());
                return node.status() == CellStatus.NOT_LIVE ? node : null;
            });
            assertEquals("42", OutputText.of(kept.outputs()));
            RemoteKernelException gone = assertThrows(RemoteKernelException.class,
                    remote::listStates);
            assertEquals(RemoteKernelException.Reason.SERVER_GONE, gone.reason());
            assertTrue(gone.getMessage().startsWith("Cannot reach the kernel at " + doomed.url()),
                    gone.getMessage());
        } finally {
            owner.shutdownNow();
            background.shutdownNow();
        }
    }

    static <T> CompletableFuture<T> onOwner(ExecutorService owner,
            Supplier<CompletableFuture<T>> action) throws Exception {
        return owner.submit(action::get).get();
    }

    /** Polls a probe on the owner thread until it gives a value. */
    static <T> T until(ExecutorService owner, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            T value = owner.submit(probe::get).get();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not reached in 30 s");
    }
}
