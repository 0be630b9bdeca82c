package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Comparing branches over REST: /diff, /execute_many and provenance in /states/{name}. */
class RestCompareTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(ServerConfig.loopback(0, "compare-token"));
    }

    private static void execute(String code, String from, String to) {
        ApiClient.Reply reply = api.post("/execute", Map.of("code", code, "exec_id", "c-" + to,
                "state_name", from, "new_state_name", to));
        assertEquals(200, reply.status(), reply.raw());
        assertTrue(reply.json().get("error").isNull(), reply.raw());
    }

    @Test
    void diff_returns_added_removed_changed_with_detail_and_unchanged() {
        execute("keep = [1, 2]\nxs = [1, 2, 3]\ngone = 0", "initial", "cmp-a");
        execute("xs[0] = 9\ndel gone\nnew = 'n'", "cmp-a", "cmp-b");
        ApiClient.Reply reply = api.get("/diff?a=cmp-a&b=cmp-b");
        assertEquals(200, reply.status(), reply.raw());
        JsonNode diff = reply.json();
        assertEquals("[\"new\"]", diff.get("added").toString());
        assertEquals("[\"gone\"]", diff.get("removed").toString());
        assertEquals("[\"keep\"]", diff.get("unchanged").toString());
        assertEquals("[\"keep\"]", diff.get("same_object").toString());
        JsonNode xs = diff.get("changed").get("xs");
        assertEquals("[1, 2, 3]", xs.get("a").asText());
        assertEquals("[9, 2, 3]", xs.get("b").asText());
        assertEquals("elements", xs.get("detail").get("kind").asText());
        assertEquals(1, xs.get("detail").get("total_rows").asInt());
        JsonNode row = xs.get("detail").get("rows").get(0);
        assertEquals("[0]", row.get("path").asText());
        assertEquals("changed", row.get("change").asText());
        assertEquals("1", row.get("a").asText());
        assertEquals("9", row.get("b").asText());
    }

    @Test
    void diff_pages_the_rows_of_one_variable() {
        execute("ys = list(range(300))", "initial", "page-a");
        execute("ys = [y * 2 for y in ys]", "page-a", "page-b");
        JsonNode detail = api.get("/diff?a=page-a&b=page-b&variable=ys&offset=200&limit=5").json()
                .get("changed").get("ys").get("detail");
        assertEquals(299, detail.get("total_rows").asInt());
        assertEquals(200, detail.get("offset").asInt());
        assertEquals(5, detail.get("rows").size());
        assertEquals("[201]", detail.get("rows").get(0).get("path").asText());
    }

    @Test
    void diff_with_an_unknown_state_is_404_and_bad_parameters_are_400() {
        ApiClient.Reply missing = api.get("/diff?a=initial&b=ghost");
        assertEquals(404, missing.status());
        assertEquals("State not found: ghost", missing.json().get("error").asText());
        assertEquals(400, api.get("/diff?a=initial").status());
        assertEquals(400, api.get("/diff?a=initial&b=initial&limit=-1").status());
        assertEquals(400, api.get("/diff?a=initial&b=initial&offset=x").status());
    }

    @Test
    void execute_many_answers_one_result_per_state_in_request_order() {
        execute("m = 2", "initial", "many-a");
        execute("m = 3", "initial", "many-b");
        ApiClient.Reply reply = api.post("/execute_many", Map.of("code", "print(m * m)",
                "exec_id", "many", "state_names", List.of("many-b", "many-a")));
        assertEquals(200, reply.status(), reply.raw());
        JsonNode results = reply.json().get("results");
        assertEquals(2, results.size());
        assertEquals("many-b", results.get(0).get("state_name").asText());
        assertEquals("9\n", results.get(0).get("output").get(0).get("text").asText());
        assertEquals("many-a", results.get(1).get("state_name").asText());
        assertEquals("4\n", results.get(1).get("output").get(0).get("text").asText());
        String child = results.get(1).get("new_state_name").asText();
        assertEquals("many-a", api.get("/states/" + child).json().get("parent").asText());
        assertTrue(results.get(0).get("error").isNull());
        assertTrue(results.get(0).get("execution_count").asInt() > 0);
    }

    @Test
    void execute_many_needs_a_non_empty_list_of_state_names() {
        assertEquals(400, api.post("/execute_many", Map.of("code", "1", "exec_id", "e")).status());
        assertEquals(400, api.post("/execute_many", Map.of("code", "1", "exec_id", "e",
                "state_names", List.of())).status());
        assertEquals(400, api.post("/execute_many", Map.of("code", "1", "exec_id", "e",
                "state_names", List.of(1, 2))).status());
    }

    @Test
    void a_state_tells_who_wrote_each_variable_and_what_its_cell_read_and_wrote() {
        execute("base = 1\nacc = []", "initial", "prov-a");
        execute("acc.append(base)", "prov-a", "prov-b");
        JsonNode state = api.get("/states/prov-b").json();
        assertEquals("prov-a", state.get("variables").get("base").get("written_by").asText());
        assertEquals("prov-b", state.get("variables").get("acc").get("written_by").asText());
        assertEquals("[\"acc\",\"base\"]", state.get("reads").toString());
        assertEquals("[\"acc\"]", state.get("writes").toString());
    }
}
