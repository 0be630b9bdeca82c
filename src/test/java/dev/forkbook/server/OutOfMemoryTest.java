package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cell that exhausts the heap ends in a MemoryError for itself only: in a JVM of its own with a
 * 160 MB heap, the server keeps answering, other states keep their values, and an event subscriber
 * stays connected.
 */
class OutOfMemoryTest {

    private static Process server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx160m", "-XX:+UseSerialGC", "-Xss8m", "-cp",
                System.getProperty("java.class.path"), SmallHeapServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File(System.getProperty("java.io.tmpdir"), "forkbook-oom-test.log"))).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("PORT "), String.valueOf(line));
        api = new ApiClient("http://127.0.0.1:" + line.substring(5), "tok");
    }

    @AfterAll
    static void stop() throws Exception {
        server.getOutputStream().close();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static JsonNode execute(String code, String from, String to) {
        Map<String, Object> body = to == null
                ? Map.of("code", code, "exec_id", "oom", "state_name", from)
                : Map.of("code", code, "exec_id", "oom", "state_name", from, "new_state_name", to);
        ApiClient.Reply reply = api.post("/execute", body);
        assertEquals(200, reply.status(), reply.raw());
        return reply.json();
    }

    private static String value(JsonNode result) {
        assertTrue(result.get("error").isNull(), result.toString());
        return result.get("output").get(0).get("data").get("text/plain").asText();
    }

    @Test
    void a_cell_that_runs_out_of_heap_gets_a_memory_error_and_nothing_else_is_harmed()
            throws Exception {
        execute("keep = [1, 2, 3]", "initial", "kept");
        ApiClient.EventLines stream = api.openEvents();
        BlockingQueue<String> lines = stream.lines();

        for (String code : List.of("x = []\nwhile True:\n    x.append(' ' * 10**6)",
                "big = [[i] for i in range(900000)]")) {
            JsonNode failed = execute(code, "kept", null);
            assertEquals("MemoryError", failed.get("error").get("ename").asText(), failed.toString());
            assertTrue(failed.get("state_name").isNull());
            assertEquals(200, api.get("/states").status());
            assertEquals("[1, 2, 3]", value(execute("keep", "kept", null)));
            assertEquals("2", value(execute("1 + 1", "initial", null)));
        }
        execute("after = 1", "kept", "after-oom");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            seen = line != null && line.contains("after-oom");
        }
        assertTrue(seen, "the event subscriber still follows the kernel");
        stream.close();
    }
}
