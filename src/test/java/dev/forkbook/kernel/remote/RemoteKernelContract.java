package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.UnknownStateException;
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

    /** Runs {@code code} from {@code from} into a new state and answers its name. */
    String state(String from, String code) {
        String name = "s-" + System.nanoTime();
        ExecutionResult result = kernel.execute(new ExecuteRequest(code, "setup", from, name));
        assertTrue(result.succeeded(), () -> code + " failed: " + result.error());
        return name;
    }

    @Test
    void two_states_are_compared_added_removed_changed_and_unchanged() {
        connect();
        String a = state("initial", "keep = 1\ngone = 2\nxs = [1, 2]");
        String b = state(a, "del gone\nxs = [1, 3]\nnew = 'n'");
        StateDiff diff = kernel.diff(DiffRequest.of(a, b));
        assertEquals(a, diff.a());
        assertEquals(b, diff.b());
        assertEquals(List.of("new"), diff.added());
        assertEquals(List.of("gone"), diff.removed());
        assertEquals(List.of("xs"), List.copyOf(diff.changed().keySet()));
        assertEquals(List.of("keep"), diff.unchanged());
        StateDiff.VariableChange xs = diff.changed().get("xs");
        assertEquals("[1, 2]", xs.reprA());
        assertEquals("[1, 3]", xs.reprB());
        assertEquals("list", xs.typeB());
        assertEquals(1, xs.detail().totalRows());
    }

    @Test
    void comparing_with_an_unknown_state_names_it() {
        connect();
        UnknownStateException unknown = assertThrows(UnknownStateException.class,
                () -> kernel.diff(DiffRequest.of("initial", "no-such-state")));
        assertEquals("no-such-state", unknown.stateName());
    }

    /**
     * A cell that marks its branch as started in {@code dir}, then waits up to 10 s for the other
     * branch to have started too: {@code True} only when both ran at the same time.
     */
    private String barrierCell(Path barrier) {
        return String.join("\n",
                "import os, time",
                "open(os.path.join(" + pythonString(barrier) + ", tag), 'w').close()",
                "deadline = time.time() + 10",
                "while len(os.listdir(" + pythonString(barrier) + ")) < 2 and time.time() < deadline:",
                "    time.sleep(0.01)",
                "print(len(os.listdir(" + pythonString(barrier) + ")) >= 2, tag)");
    }

    /** Connects and makes two states from {@code initial}, with {@code tag = 'a'} and {@code 'b'}. */
    private List<String> taggedStates() {
        connect();
        return List.of(state("initial", "tag = 'a'"), state("initial", "tag = 'b'"));
    }

    private static String pythonString(Path path) {
        String text = path.toAbsolutePath().toString();
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void one_cell_runs_on_many_states_at_once_and_answers_in_request_order() throws Exception {
        Path barrier = Files.createDirectory(dir.resolve("barrier"));
        List<String> tagged = taggedStates();
        String a = tagged.get(0);
        String b = tagged.get(1);
        List<BranchResult> results = kernel.executeMany(barrierCell(barrier),
                "many-" + System.nanoTime(), List.of(b, a));
        assertEquals(List.of(b, a), results.stream().map(BranchResult::stateName).toList());
        assertEquals("True b\n", results.get(0).result().streamText("stdout"),
                "both branches were running at the same time");
        assertEquals("True a\n", results.get(1).result().streamText("stdout"));
        for (BranchResult branch : results) {
            String child = branch.result().stateName();
            assertTrue(child != null && !child.equals(branch.stateName()), child);
            assertEquals(branch.stateName(), kernel.tree().stream()
                    .filter(state -> state.name().equals(child)).findFirst().orElseThrow()
                    .parent(), "each run is a new child of its state");
        }
    }

    @Test
    void a_branch_that_fails_reports_its_error_in_place() {
        connect();
        String good = state("initial", "x = 1");
        String bad = state("initial", "y = 1");
        List<BranchResult> results = kernel.executeMany("x + 1", "many-err-" + System.nanoTime(),
                List.of(good, bad));
        assertTrue(results.get(0).result().succeeded(), () -> "" + results.get(0).result().error());
        assertEquals("2", OutputText.of(results.get(0).result().outputs()));
        assertEquals("NameError", results.get(1).result().error().ename());
        assertEquals(null, results.get(1).result().stateName());
    }

    @Test
    void interrupting_the_exec_id_of_execute_many_stops_every_branch() throws Exception {
        Path started = Files.createDirectory(dir.resolve("started"));
        List<String> tagged = taggedStates();
        String cell = String.join("\n",
                "import os",
                "open(os.path.join(" + pythonString(started) + ", tag), 'w').close()",
                "n = 0",
                "while True:",
                "    n += 1");
        String execId = "many-stop-" + System.nanoTime();
        CompletableFuture<List<BranchResult>> running = CompletableFuture.supplyAsync(
                () -> kernel.executeMany(cell, execId, tagged));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Files.list(started).count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, Files.list(started).count(), "both branches started");
        assertTrue(kernel.interrupt(execId));
        List<BranchResult> results = running.get(20, TimeUnit.SECONDS);
        for (BranchResult branch : results) {
            assertEquals("KeyboardInterrupt", branch.result().error().ename(),
                    () -> branch.stateName() + ": " + branch.result().error());
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
