package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.testing.KernelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remote kernel against {@code forkbook serve} running in another JVM. */
class ForkbookRemoteKernelTest extends RemoteKernelContract {

    @BeforeAll
    static void startServer() {
        server = KernelServer.forkbook();
    }

    @Override
    String longRunningCode() {
        return "import time\ntime.sleep(60)";
    }

    @Override
    String expectedKind() {
        return KernelDescription.FORKBOOK;
    }

    @Override
    KernelServer startAnother() {
        return KernelServer.forkbook();
    }

    @Test
    void the_server_diffs_element_by_element_one_page_at_a_time_and_knows_the_same_object() {
        connect();
        String a = state("initial", "keep = [0] * 10\nys = list(range(250))");
        String b = state(a, "ys = [y + 1 for y in ys]");
        StateDiff diff = kernel.diff(DiffRequest.of(a, b));
        assertEquals(java.util.List.of("keep"), diff.sameObject(), "untouched: the same object");
        StateDiff.Detail ys = diff.changed().get("ys").detail();
        assertEquals(StateDiff.DetailKind.ELEMENTS, ys.kind());
        assertEquals(250, ys.totalRows());
        assertEquals(100, ys.rows().size());
        StateDiff.Detail last = kernel.diff(new DiffRequest(a, b, "ys", 200, 100)).changed()
                .get("ys").detail();
        assertEquals(200, last.offset());
        assertEquals(50, last.rows().size());
        assertEquals(new StateDiff.Row("[200]", StateDiff.Change.CHANGED, "200", "201"),
                last.rows().get(0));
    }

    @Test
    void provenance_comes_from_the_server_which_cell_wrote_each_value_and_what_a_cell_read() {
        connect();
        String a = state("initial", "xs = [1]\nn = 0");
        String b = state(a, "xs.append(len(xs))\nm = 1");
        dev.forkbook.kernel.Provenance provenance = kernel.provenance(b).orElseThrow();
        assertEquals(java.util.Map.of("xs", b, "n", a, "m", b), provenance.writtenBy());
        assertEquals(java.util.List.of("xs"), provenance.reads());
        assertEquals(java.util.List.of("m", "xs"), provenance.writes());
        assertTrue(kernel.provenance("no-such-state").isEmpty());
    }

    @Test
    void provenance_from_the_server_flags_reads_of_the_whole_namespace_and_of_modules() {
        connect();
        String a = state("initial", "import math\nk = 4");
        dev.forkbook.kernel.Provenance module = kernel.provenance(state(a, "r = math.sqrt(k)"))
                .orElseThrow();
        assertEquals(java.util.List.of("math"), module.readsShared());
        assertTrue(!module.readWholeNamespace());
        assertTrue(kernel.provenance(state(a, "names = dir()")).orElseThrow().readWholeNamespace());
    }

    @Test
    void completion_comes_from_the_server() {
        RemoteKernel remote = connect();
        String name = "comp-" + System.nanoTime();
        remote.execute(new dev.forkbook.kernel.ExecuteRequest("alpha_one = 1\nalpha_two = 2", "c",
                "initial", name));
        assertTrue(remote.description().completes());
        assertEquals(java.util.List.of("alpha_one", "alpha_two"), remote.complete(name, "alpha_"));
    }

    @Test
    void states_other_clients_create_arrive_as_events_with_their_parent() throws Exception {
        RemoteKernel remote = connect();
        String parent = "ev-parent-" + System.nanoTime();
        String child = "ev-child-" + System.nanoTime();
        CompletableFuture<KernelEvent.StateCreated> seen = new CompletableFuture<>();
        remote.subscribe(event -> {
            if (event instanceof KernelEvent.StateCreated created
                    && created.state().name().equals(child)) {
                seen.complete(created);
            }
        });
        awaitEventStream(remote);
        otherClientExecutes("p = 1", "initial", parent);
        otherClientExecutes("q = p + 1", parent, child);
        KernelEvent.StateCreated created = seen.get(20, TimeUnit.SECONDS);
        assertEquals(parent, created.state().parent());
        assertEquals("q = p + 1", created.state().code());
    }

    @Test
    void outputs_stream_while_the_cell_runs() throws Exception {
        RemoteKernel remote = connect();
        awaitEventStream(remote);
        String execId = "streaming-" + System.nanoTime();
        CompletableFuture<KernelEvent.OutputProduced> first = new CompletableFuture<>();
        remote.subscribe(event -> {
            if (event instanceof KernelEvent.OutputProduced produced
                    && produced.execId().equals(execId)) {
                first.complete(produced);
            }
        });
        CompletableFuture<dev.forkbook.kernel.ExecutionResult> running = CompletableFuture.supplyAsync(
                () -> remote.execute(dev.forkbook.kernel.ExecuteRequest.of(
                        "import time\nprint('first')\ntime.sleep(60)", execId, "initial")));
        KernelEvent.OutputProduced produced = first.get(20, TimeUnit.SECONDS);
        assertEquals("first\n", ((dev.forkbook.kernel.Output.Stream) produced.output()).text());
        assertTrue(!running.isDone(), "the output arrived before the cell ended");
        assertTrue(remote.interrupt(execId));
        assertEquals("KeyboardInterrupt", running.get(20, TimeUnit.SECONDS).error().ename());
    }

    /** Waits until the kernel's event stream is open (a state created now arrives as an event). */
    private static void awaitEventStream(RemoteKernel remote) throws Exception {
        String probe = "stream-probe-" + System.nanoTime();
        CompletableFuture<Void> seen = new CompletableFuture<>();
        remote.subscribe(event -> {
            if (event instanceof KernelEvent.StateCreated created
                    && created.state().name().equals(probe)) {
                seen.complete(null);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!seen.isDone() && System.nanoTime() < deadline) {
            otherClientExecutes("p = 1", "initial", probe);
            try {
                seen.get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // Not connected yet; re-using the name replaces the state.
            }
        }
        assertTrue(seen.isDone(), "the event stream opened");
    }

    @Test
    void a_server_restarted_at_the_same_address_is_followed_again_and_lost_cells_rebuild_on_it()
            throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        KernelServer first = KernelServer.forkbook(port);
        try (RemoteKernel remote = RemoteKernel.connect(first.url(), first.token(), FAST)) {
            dev.forkbook.notebook.NotebookTree tree = new dev.forkbook.notebook.NotebookTree();
            dev.forkbook.notebook.NotebookSession session = session(remote, tree);
            // The session hears of the loss first (subscribed first), then these latches.
            session.followKernel();
            java.util.concurrent.CountDownLatch lost = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch back = new java.util.concurrent.CountDownLatch(1);
            remote.subscribe(event -> {
                if (event instanceof KernelEvent.ConnectionLost) {
                    lost.countDown();
                } else if (event instanceof KernelEvent.ConnectionRestored) {
                    back.countDown();
                }
            });
            dev.forkbook.notebook.CellNode base = session.run("initial", "base = 20").join();
            first.kill();
            assertTrue(lost.await(20, TimeUnit.SECONDS));
            KernelServer second = KernelServer.forkbook(port);
            try {
                assertTrue(back.await(30, TimeUnit.SECONDS), "the watcher reconnects by itself");
                assertTrue(remote.reachable());
                // The new server holds no states: the cell stays not live and rebuilds by replay
                // before its child runs.
                assertEquals(dev.forkbook.notebook.CellStatus.NOT_LIVE, tree.get(base.id()).status());
                dev.forkbook.notebook.CellNode child = session.run(base.id(), "base + 1").join();
                assertEquals("21", dev.forkbook.testing.OutputText.of(child.outputs()));
                assertEquals(dev.forkbook.notebook.CellStatus.OK, tree.get(base.id()).status());
            } finally {
                // Close the event stream first: the server waits for open streams when it stops.
                remote.close();
                second.close();
            }
        }
    }

    private static void otherClientExecutes(String code, String from, String to) throws Exception {
        String body = "{\"code\": \"" + code + "\", \"exec_id\": \"other-" + to + "\", "
                + "\"state_name\": \"" + from + "\", \"new_state_name\": \"" + to + "\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/execute?token=" + server.token()))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
