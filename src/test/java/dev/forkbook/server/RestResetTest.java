package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.jython.JythonKernel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestResetTest {

    @Test
    void reset_drops_every_state_but_a_fresh_initial() {
        try (JythonKernel kernel = new JythonKernel();
                RestServer server = new RestServer(kernel, ServerConfig.loopback(0, "t"))) {
            server.start();
            ApiClient api = new ApiClient(server.baseUrl(), "t");
            api.post("/execute", Map.of("code", "a = 1", "exec_id", "1", "state_name", "initial",
                    "new_state_name", "one"));
            ApiClient.Reply reply = api.post("/reset", "");
            assertEquals(200, reply.status());
            assertEquals("ok", reply.json().get("status").asText());
            assertEquals("[\"initial\"]", api.get("/states").json().get("states").toString());
        }
    }
}
