package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.testing.HeldKernelStart;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server is up before the interpreter: it answers at once and executions wait for it. */
class RestBeforeKernelReadyTest {

    @Test
    void states_answer_before_the_interpreter_is_up_and_executions_wait_for_it() throws Exception {
        HeldKernelStart held = new HeldKernelStart();
        try (DeferredKernel kernel = held.kernel();
                RestServer server = new RestServer(kernel, ServerConfig.loopback(0, "t"))) {
            server.start();
            ApiClient api = new ApiClient(server.baseUrl(), "t");

            ApiClient.Reply states = api.get("/states");
            assertEquals(200, states.status(), states.raw());
            assertEquals("[\"initial\"]", states.json().get("states").toString());

            CompletableFuture<ApiClient.Reply> execution = CompletableFuture.supplyAsync(
                    () -> api.post("/execute", Map.of("code", "6 * 7", "exec_id", "early",
                            "state_name", "initial", "new_state_name", "answer")));
            assertEquals(200, api.get("/states/initial").status(),
                    "other routes answer while an execution waits for the interpreter");
            assertEquals(200, api.get("/tree").status());
            assertFalse(execution.isDone(), "no execution can finish before the interpreter is up");

            held.release();
            ApiClient.Reply result = execution.get(60, TimeUnit.SECONDS);
            assertEquals(200, result.status(), result.raw());
            assertEquals("42", result.json().get("output").get(0).get("data").get("text/plain")
                    .asText());
            assertEquals("[\"initial\",\"answer\"]", api.get("/states").json().get("states")
                    .toString());
        } finally {
            held.release();
        }
    }
}
