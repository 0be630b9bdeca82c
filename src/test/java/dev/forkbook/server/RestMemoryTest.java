package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.jython.JythonKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Evicted states over REST: their fields, the tree, the events, and pins. */
class RestMemoryTest {

    private static JythonKernel kernel;
    private static RestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        kernel = new JythonKernel(KernelOptions.defaults().withMemoryBudget(2_500_000));
        server = new RestServer(kernel, ServerConfig.loopback(0, "tok"));
        server.start();
        api = new ApiClient(server.baseUrl(), "tok");
    }

    @AfterAll
    static void stop() {
        server.close();
        kernel.close();
    }

    private static void execute(String code, String from, String to) {
        ApiClient.Reply reply = api.post("/execute", Map.of("code", code, "exec_id", "m",
                "state_name", from, "new_state_name", to));
        assertTrue(reply.json().get("error").isNull(), reply.raw());
    }

    @Test
    void evicted_states_answer_with_their_lineage_and_are_reported_in_tree_and_events()
            throws Exception {
        ApiClient.EventLines stream = api.openEvents();
        BlockingQueue<String> lines = stream.lines();
        assertEquals(200, api.put("/pins", "{\"states\": [\"p0\"]}").status());
        execute("data = list(range(250000))", "initial", "p0");
        execute("data[0] = -1", "p0", "p1");
        execute("data[1] = -1", "p1", "p2");
        JsonNode evicted = api.get("/states/p1").json();
        assertTrue(evicted.get("evicted").asBoolean(), evicted.toString());
        assertTrue(evicted.get("variables").isNull());
        assertEquals("p0", evicted.get("parent").asText());
        assertEquals("data[0] = -1", evicted.get("code").asText());
        JsonNode pinned = api.get("/states/p0").json();
        assertFalse(pinned.get("evicted").asBoolean());
        assertEquals("list", pinned.get("variables").get("data").get("type").asText());
        List<String> evictedInTree = new ArrayList<>();
        for (JsonNode node : api.get("/tree").json().get("states")) {
            if (node.get("evicted").asBoolean()) {
                evictedInTree.add(node.get("name").asText());
            }
        }
        assertEquals(List.of("p1"), evictedInTree);

        ApiClient.Reply rebuilt = api.post("/execute", Map.of("code", "data[0] + data[1]",
                "exec_id", "m", "state_name", "p1"));
        assertEquals("0", rebuilt.json().get("output").get(0).get("data").get("text/plain")
                .asText(), rebuilt.raw());
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !String.join("\n", seen).contains("outputs_changed")) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
            }
        }
        String all = String.join("\n", seen);
        assertTrue(all.contains("event: state_evicted\ndata: {\"type\":\"state_evicted\",\"name\":\"p1\"}"), all);
        assertTrue(all.contains("event: state_rebuilt\ndata: {\"type\":\"state_rebuilt\",\"name\":\"p1\","
                + "\"outputs_changed\":false}"), all);
        stream.close();
    }

    @Test
    void pins_must_be_a_list_of_state_names() {
        ApiClient.Reply reply = api.put("/pins", "{\"states\": \"p0\"}");
        assertEquals(400, reply.status());
        assertTrue(reply.json().get("error").asText().contains("states"));
    }
}
