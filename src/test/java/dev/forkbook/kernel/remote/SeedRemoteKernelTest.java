package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.testing.KernelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The remote kernel against the seed (snapshot-kernel 0.1.4 on CPython, {@code /usr/bin/python3}).
 * Skipped when {@code FORKBOOK_SEED_DIR} is unset; fails when it is set and the seed cannot start.
 */
class SeedRemoteKernelTest extends RemoteKernelContract {

    @BeforeAll
    static void startServer() {
        server = KernelServer.seed();
    }

    /** The seed breaks loops only (an async KeyboardInterrupt), never a sleep. */
    @Override
    String longRunningCode() {
        return "n = 0\nwhile True:\n    n += 1";
    }

    @Override
    String expectedKind() {
        return KernelDescription.SEED;
    }

    @Override
    KernelServer startAnother() {
        return KernelServer.seed();
    }

    @Test
    void the_seed_has_no_diff_route_so_states_are_compared_by_type_and_repr() {
        connect();
        String a = state("initial", "keep = [0] * 3\nxs = [1, 2]\nv = [1]");
        String b = state(a, "xs = [1, 3]\nv = {'a': 1}");
        StateDiff diff = kernel.diff(DiffRequest.of(a, b));
        assertEquals(List.of("keep"), diff.unchanged());
        assertEquals(List.of(), diff.sameObject(), "the seed's reprs cannot tell the same object");
        StateDiff.Detail xs = diff.changed().get("xs").detail();
        assertEquals(StateDiff.DetailKind.TEXT, xs.kind());
        assertEquals(List.of(new StateDiff.Row("line 1", StateDiff.Change.CHANGED, "[1, 2]",
                "[1, 3]")), xs.rows());
        StateDiff.VariableChange v = diff.changed().get("v");
        assertEquals("list", v.typeA());
        assertEquals("dict", v.typeB());
        assertEquals(List.of(new StateDiff.Row("", StateDiff.Change.CHANGED, "[1]", "{'a': 1}")),
                v.detail().rows());
        assertEquals(StateDiff.DetailKind.TYPE, v.detail().kind());
    }

    @Test
    void the_seed_cannot_complete_and_the_description_says_so() {
        RemoteKernel remote = connect();
        assertFalse(remote.description().completes());
        assertEquals(List.of(), remote.complete("initial", "pr"));
    }

    @Test
    void execution_counts_are_assigned_by_the_client_and_outputs_keep_the_seeds_grouping() {
        RemoteKernel remote = connect();
        ExecutionResult first = remote.execute(ExecuteRequest.of("1", "a", "initial"));
        ExecutionResult second = remote.execute(ExecuteRequest.of(
                "import sys\nprint('out')\nsys.stderr.write('err\\n')\ndisplay(5)\nprint('more')\n7",
                "b", "initial"));
        assertEquals(first.executionCount() + 1, second.executionCount());
        List<String> kinds = second.outputs().stream().map(output -> output instanceof Output.Stream s
                ? s.name() : output.outputType()).toList();
        // The seed groups by kind: all stdout, then stderr, then displays, then the result.
        assertEquals(List.of("stdout", "stderr", "display_data", "execute_result"), kinds);
        assertEquals("out\nmore\n", second.streamText("stdout"));
        Output.ExecuteResult result = (Output.ExecuteResult) second.outputs().get(3);
        assertEquals(second.executionCount(), result.executionCount());
    }

    @Test
    void states_other_clients_create_appear_under_initial_with_parent_unknown() throws Exception {
        RemoteKernel remote = connect();
        String foreign = "foreign-" + System.nanoTime();
        CompletableFuture<KernelEvent.StateCreated> seen = new CompletableFuture<>();
        remote.subscribe(event -> {
            if (event instanceof KernelEvent.StateCreated created
                    && created.state().name().equals(foreign)) {
                seen.complete(created);
            }
        });
        post("/execute", "{\"code\": \"z = 1\", \"exec_id\": \"x\", \"state_name\": \"initial\", "
                + "\"new_state_name\": \"" + foreign + "\"}");
        KernelEvent.StateCreated created = seen.get(20, TimeUnit.SECONDS);
        assertEquals("initial", created.state().parent());
        assertEquals(SeedRemoteKernel.PARENT_UNKNOWN, created.state().code());
        assertEquals(created.state(), remote.getState(foreign).orElseThrow().summary());
    }

    @Test
    void the_seeds_html_error_pages_become_plain_messages() {
        KernelHttp http = new KernelHttp(URI.create(server.url()), server.token(),
                KernelHttp.TokenStyle.QUERY, FAST);
        RemoteKernelException error = assertThrows(RemoteKernelException.class,
                () -> http.call("POST", "/execute", Map.of("code", "1")));
        assertEquals(400, error.status());
        assertTrue(error.getMessage().endsWith("failed with 400: exec_id and state_name are required."),
                error.getMessage());
    }

    @Test
    void a_pandas_dataframe_comes_back_as_an_html_table_and_a_figure_as_png() {
        RemoteKernel remote = connect();
        ExecutionResult table = remote.execute(ExecuteRequest.of(
                "import pandas as pd\npd.DataFrame({'city': ['Oslo', 'Lima'], 'temp': [4, 19]})",
                "pd", "initial"));
        assertTrue(table.succeeded(), String.valueOf(table.error()));
        Map<String, Object> data = ((Output.ExecuteResult) table.outputs().get(0)).data();
        assertTrue(String.valueOf(data.get("text/html")).contains("<td>Lima</td>"),
                String.valueOf(data.get("text/html")));

        ExecutionResult figure = remote.execute(ExecuteRequest.of(
                "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.show()",
                "fig", "initial"));
        assertTrue(figure.succeeded(), String.valueOf(figure.error()));
        Output.DisplayData png = (Output.DisplayData) figure.outputs().stream()
                .filter(output -> output instanceof Output.DisplayData).findFirst().orElseThrow();
        byte[] bytes = Base64.getDecoder().decode((String) png.data().get("image/png"));
        assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static void post(String path, String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + path + "?token=" + server.token()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
