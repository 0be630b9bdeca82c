package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parallel executions over HTTP: separate output capture, interrupt of each kind, the event stream. */
class RestConcurrencyTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(ServerConfig.loopback(0, "tok"));
    }

    @Test
    void concurrent_executions_capture_their_own_output() throws Exception {
        List<CompletableFuture<ApiClient.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String code = "import time\nfor k in range(20):\n    print('cell%d' % " + i + ")\n"
                    + "    time.sleep(0.005)\ndisplay('shown%d' % " + i + ")";
            replies.add(CompletableFuture.supplyAsync(() -> api.post("/execute", Map.of("code", code,
                    "exec_id", "cc" + code.hashCode(), "state_name", "initial"))));
        }
        for (int i = 0; i < 4; i++) {
            JsonNode output = replies.get(i).get(60, TimeUnit.SECONDS).json().get("output");
            assertEquals(("cell" + i + "\n").repeat(20), output.get(0).get("text").asText());
            assertEquals("'shown" + i + "'", output.get(1).get("data").get("text/plain").asText());
            assertEquals(2, output.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"while True:\n    pass", "import time\ntime.sleep(1000)",
        "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass",
        "import java.lang.Thread\njava.lang.Thread.sleep(100000)"})
    void interrupt_over_rest_stops_each_kind_of_busy_cell(String body) throws Exception {
        String execId = "ri" + Integer.toHexString(body.hashCode());
        String marker = "forkbook.rest." + execId;
        String code = "import java.lang.System\njava.lang.System.setProperty('" + marker
                + "', '1')\n" + body;
        CompletableFuture<ApiClient.Reply> running = CompletableFuture.supplyAsync(() ->
                api.post("/execute", Map.of("code", code, "exec_id", execId,
                        "state_name", "initial", "new_state_name", "never")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.getProperty(marker) == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        ApiClient.Reply interrupted = api.post("/interrupt", Map.of("exec_id", execId));
        assertTrue(interrupted.json().get("interrupted").asBoolean());
        JsonNode result = running.get(10, TimeUnit.SECONDS).json();
        assertEquals("KeyboardInterrupt", result.get("error").get("ename").asText());
        assertTrue(result.get("state_name").isNull());
        assertEquals(404, api.get("/states/never").status());
    }

    @Test
    void the_event_stream_reports_executions_and_new_states() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(api.request("/events")
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        String connected = lines.poll(10, TimeUnit.SECONDS);
        assertTrue(connected != null && connected.startsWith(":"), String.valueOf(connected));
        api.post("/execute", Map.of("code", "ev = 1", "exec_id", "ev", "state_name", "initial",
                "new_state_name", "evented"));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !String.join("\n", seen).contains("evented")) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
            }
        }
        String all = String.join("\n", seen);
        assertTrue(all.contains("event: execution_started"), all);
        assertTrue(all.contains("event: state_created"), all);
        int created = seen.indexOf("event: state_created");
        JsonNode data = ApiClient.JSON.readTree(seen.get(created + 1).substring("data: ".length()));
        assertEquals("evented", data.get("state").get("name").asText());
        assertEquals("initial", data.get("state").get("parent").asText());
        assertEquals("ev = 1", data.get("state").get("code").asText());
        stream.body().close();
    }
}
