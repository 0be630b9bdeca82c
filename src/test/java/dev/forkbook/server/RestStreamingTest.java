package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /events} carries a running cell's outputs as they happen. */
class RestStreamingTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(ServerConfig.loopback(0, "stream-token"));
    }

    /** The data of the next event named {@code name}, or null after the timeout. */
    private static JsonNode nextEvent(BlockingQueue<String> lines, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean named = false;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (line.equals("event: " + name)) {
                named = true;
            } else if (named && line.startsWith("data: ")) {
                return ApiClient.JSON.readTree(line.substring("data: ".length()));
            }
        }
        return null;
    }

    @Test
    void output_events_carry_the_exec_id_and_the_nbformat_output_while_the_cell_runs()
            throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(api.request("/events")
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertNotNull(lines.poll(10, TimeUnit.SECONDS), "the stream did not open");
        String gate = "forkbook.test.rest-stream";
        CompletableFuture<ApiClient.Reply> running = CompletableFuture.supplyAsync(() ->
                api.post("/execute", Map.of("code", "import time\nfrom java.lang import System\n"
                        + "print('tick')\nwhile System.getProperty('" + gate + "') is None:\n"
                        + "    time.sleep(0.005)\n'done'", "exec_id", "live-1",
                        "state_name", "initial", "new_state_name", "streamed")));
        JsonNode output = nextEvent(lines, "output");
        assertNotNull(output, "no output event while the cell ran");
        assertFalse(running.isDone());
        assertEquals("live-1", output.get("exec_id").asText());
        assertEquals("stream", output.get("output").get("output_type").asText());
        assertEquals("stdout", output.get("output").get("name").asText());
        assertEquals("tick\n", output.get("output").get("text").asText());
        System.setProperty(gate, "go");
        ApiClient.Reply reply = running.get(20, TimeUnit.SECONDS);
        assertEquals(200, reply.status());
        // The answer to POST /execute is unchanged: every output at the end.
        assertEquals("tick\n", reply.json().get("output").get(0).get("text").asText());
        assertEquals("'done'", reply.json().get("output").get(1).get("data").get("text/plain")
                .asText());
        JsonNode result = nextEvent(lines, "output");
        assertEquals("execute_result", result.get("output").get("output_type").asText());
        assertTrue(nextEvent(lines, "execution_finished") != null);
        stream.body().close();
    }
}
