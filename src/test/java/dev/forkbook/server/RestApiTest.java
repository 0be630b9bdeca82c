package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's routes and bodies, over real HTTP on loopback. */
class RestApiTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(ServerConfig.loopback(0, "secret-token"));
    }

    private static JsonNode execute(String code, String from, String to) {
        ApiClient.Reply reply = api.post("/execute", Map.of("code", code, "exec_id", "e-" + to,
                "state_name", from, "new_state_name", to));
        assertEquals(200, reply.status(), reply.raw());
        return reply.json();
    }

    @Test
    void execute_returns_nbformat_outputs_the_new_state_name_and_no_error() {
        JsonNode result = execute("print('hi')\n6 * 7", "initial", "api-a");
        assertEquals("api-a", result.get("state_name").asText());
        assertTrue(result.get("error").isNull());
        JsonNode output = result.get("output");
        assertEquals("stream", output.get(0).get("output_type").asText());
        assertEquals("stdout", output.get(0).get("name").asText());
        assertEquals("hi\n", output.get(0).get("text").asText());
        assertEquals("execute_result", output.get(1).get("output_type").asText());
        assertEquals("42", output.get(1).get("data").get("text/plain").asText());
        assertTrue(output.get(1).get("execution_count").isInt());
    }

    @Test
    void complete_offers_the_names_of_a_state_that_start_with_the_prefix() {
        execute("total_rows = 3\ntotal_cols = 4\nother = 1", "initial", "api-complete");
        JsonNode answer = api.post("/complete", Map.of("state_name", "api-complete",
                "prefix", "total_")).json();
        assertEquals("[\"total_cols\",\"total_rows\"]", answer.get("completions").toString());
    }

    @Test
    void complete_on_an_unknown_state_is_404_and_without_state_name_400() {
        assertEquals(404, api.post("/complete", Map.of("state_name", "no-such", "prefix", "x"))
                .status());
        assertEquals(400, api.post("/complete", Map.of("prefix", "x")).status());
    }

    @Test
    void execute_without_new_state_name_generates_one() {
        ApiClient.Reply reply = api.post("/execute",
                "{\"code\": \"z = 1\", \"exec_id\": \"gen\", \"state_name\": \"initial\"}");
        String name = reply.json().get("state_name").asText();
        assertEquals(32, name.length());
        assertTrue(api.get("/states").json().get("states").toString().contains(name));
    }

    @Test
    void errors_come_back_in_the_error_field_and_store_no_state() {
        JsonNode result = api.post("/execute", Map.of("code", "1/0", "exec_id", "err",
                "state_name", "initial", "new_state_name", "api-err")).json();
        assertTrue(result.get("state_name").isNull());
        assertEquals("ZeroDivisionError", result.get("error").get("ename").asText());
        assertTrue(result.get("error").get("traceback").isArray());
        assertEquals(404, api.get("/states/api-err").status());
    }

    @Test
    void unknown_source_state_is_a_state_not_found_error_not_an_http_error() {
        JsonNode result = api.post("/execute", Map.of("code", "1", "exec_id", "x",
                "state_name", "missing")).json();
        assertEquals("StateNotFound", result.get("error").get("ename").asText());
    }

    @Test
    void get_state_describes_variables_lineage_and_shared_values() {
        execute("nums = [1, 2]\nimport threading\nlock = threading.Lock()", "initial", "api-vars");
        JsonNode state = api.get("/states/api-vars").json();
        assertEquals("api-vars", state.get("name").asText());
        assertEquals("initial", state.get("parent").asText());
        assertEquals("e-api-vars", state.get("exec_id").asText());
        assertTrue(state.get("code").asText().startsWith("nums = [1, 2]"));
        assertTrue(state.get("duration_ms").isNumber());
        assertTrue(state.get("execution_count").asInt() > 0);
        assertTrue(state.get("timestamp").asText().endsWith("+00:00"));
        JsonNode nums = state.get("variables").get("nums");
        assertEquals("list", nums.get("type").asText());
        assertEquals("[1, 2]", nums.get("repr").asText());
        assertFalse(nums.get("shared").asBoolean());
        assertTrue(state.get("variables").get("lock").get("shared").asBoolean());
    }

    @Test
    void tree_lists_every_state_with_parent_and_code() {
        execute("t = 1", "initial", "api-t1");
        execute("t = 2", "api-t1", "api-t2");
        JsonNode states = api.get("/tree").json().get("states");
        assertEquals("initial", states.get(0).get("name").asText());
        JsonNode t2 = null;
        for (JsonNode node : states) {
            if (node.get("name").asText().equals("api-t2")) {
                t2 = node;
            }
        }
        assertEquals("api-t1", t2.get("parent").asText());
        assertEquals("t = 2", t2.get("code").asText());
    }

    @Test
    void delete_removes_a_state_and_a_second_delete_is_404() {
        execute("d = 1", "initial", "api-del");
        ApiClient.Reply deleted = api.delete("/states/api-del");
        assertEquals(200, deleted.status());
        assertEquals("api-del", deleted.json().get("deleted").asText());
        assertEquals(404, api.delete("/states/api-del").status());
        assertEquals(404, api.get("/states/api-del").status());
    }

    @Test
    void multistate_execute_reads_aliases_and_stores_nothing() {
        execute("v = 'left'", "initial", "api-left");
        execute("v = 'right'", "initial", "api-right");
        JsonNode result = api.post("/multistate_execute", Map.of("code", "print(l.v, r.v, v)",
                "exec_id", "ms", "state_mapping", Map.of("l", "api-left", "r", "api-right"),
                "default_state", "api-left")).json();
        assertEquals("left right left\n", result.get("output").get(0).get("text").asText());
        assertTrue(result.get("state_name").isNull());
        JsonNode missing = api.post("/multistate_execute", Map.of("code", "1", "exec_id", "ms2",
                "state_mapping", Map.of("l", "nope"))).json();
        assertEquals("StateNotFound", missing.get("error").get("ename").asText());
    }

    @Test
    void interrupt_of_an_idle_id_answers_false() {
        ApiClient.Reply reply = api.post("/interrupt", Map.of("exec_id", "idle"));
        assertEquals(200, reply.status());
        assertFalse(reply.json().get("interrupted").asBoolean());
    }

    @Test
    void rich_jvm_outputs_come_back_as_mime_bundles() {
        JsonNode result = execute("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\n"
                + "[{'k': 1}, {'k': 2}]", "initial", "api-rich");
        JsonNode output = result.get("output");
        JsonNode figure = output.get(1);
        assertEquals("display_data", figure.get("output_type").asText());
        assertTrue(figure.get("data").get("image/png").asText().length() > 100);
        assertTrue(figure.get("data").get("image/svg+xml").asText().contains("<svg"));
        assertTrue(output.get(0).get("data").get("text/html").asText().contains("<th>k</th>"));
    }

    @Test
    void responses_are_json() {
        ApiClient.Reply reply = api.get("/states");
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.json().get("states").isArray());
    }
}
