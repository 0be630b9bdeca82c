package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A state says when its cell read what no writer tracks: the whole namespace, modules, classes. */
class RestProvenanceFlagsTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(ServerConfig.loopback(0, "flags-token"));
    }

    private static JsonNode run(String code, String from, String to) {
        ApiClient.Reply reply = api.post("/execute", Map.of("code", code, "exec_id", "f-" + to,
                "state_name", from, "new_state_name", to));
        assertEquals(200, reply.status(), reply.raw());
        assertTrue(reply.json().get("error").isNull(), reply.raw());
        return api.get("/states/" + to).json();
    }

    @Test
    void a_state_flags_reads_of_the_whole_namespace_and_of_shared_values() {
        run("import math\nn = 4", "initial", "flags-base");
        JsonNode whole = run("names = dir()", "flags-base", "flags-dir");
        assertTrue(whole.get("read_whole_namespace").asBoolean(), whole.toString());
        JsonNode module = run("r = math.sqrt(n)", "flags-base", "flags-math");
        assertFalse(module.get("read_whole_namespace").asBoolean());
        assertEquals("[\"math\"]", module.get("reads_shared").toString());
        JsonNode plain = run("m = n + 1", "flags-base", "flags-plain");
        assertEquals("[]", plain.get("reads_shared").toString());
    }
}
