package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad request gets a clear JSON error with the right status and changes nothing. */
class RestBadInputTest extends ServerTestBase {

    @BeforeAll
    static void start() {
        startServer(new ServerConfig(ServerConfig.DEFAULT_HOST, 0, "tok", 64 * 1024));
    }

    @AfterEach
    void nothing_changed() {
        assertEquals("[\"initial\"]", api.get("/states").json().get("states").toString());
    }

    private static void assertJsonError(ApiClient.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.raw());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        assertTrue(reply.json() != null && reply.json().get("error").isTextual(), reply.raw());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET,/states", "GET,/states/initial", "DELETE,/states/initial", "POST,/execute",
        "POST,/reset", "POST,/interrupt", "POST,/multistate_execute", "GET,/tree", "GET,/nowhere"})
    void every_route_needs_the_token(String method, String path) {
        String body = "{\"code\": \"x = 1\", \"exec_id\": \"a\", \"state_name\": \"initial\"}";
        assertJsonError(api.send(api.bare(path).method(method,
                HttpRequest.BodyPublishers.ofString(body))), 401);
        assertJsonError(api.send(api.bare(path + "?token=wrong").method(method,
                HttpRequest.BodyPublishers.ofString(body))), 401);
        assertJsonError(api.send(api.bare(path).header("Authorization", "Bearer nope")
                .method(method, HttpRequest.BodyPublishers.ofString(body))), 401);
    }

    @Test
    void the_token_is_accepted_as_a_bearer_header() {
        ApiClient.Reply reply = api.send(api.bare("/states").header("Authorization", "Bearer tok"));
        assertEquals(200, reply.status());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{bad json", "", "[1, 2]", "\"text\"", "{\"exec_id\": \"a\"}",
        "{\"state_name\": \"initial\"}", "{\"code\": 5, \"exec_id\": \"a\", \"state_name\": \"initial\"}",
        "{\"code\": \"1\", \"exec_id\": [1], \"state_name\": \"initial\"}",
        "{\"code\": \"1\", \"exec_id\": \"a\", \"state_name\": 3}",
        "{\"code\": \"1\", \"exec_id\": \"a\", \"state_name\": \"initial\", \"new_state_name\": {}}"})
    void malformed_execute_bodies_are_400(String body) {
        assertJsonError(api.post("/execute", body), 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\": \"1\", \"state_mapping\": {}}",
        "{\"code\": \"1\", \"exec_id\": \"m\"}",
        "{\"code\": \"1\", \"exec_id\": \"m\", \"state_mapping\": [\"initial\"]}",
        "{\"code\": \"1\", \"exec_id\": \"m\", \"state_mapping\": {\"a\": 1}}",
        "{\"code\": \"1\", \"exec_id\": \"m\", \"state_mapping\": {}, \"default_state\": 2}"})
    void malformed_multistate_bodies_are_400(String body) {
        assertJsonError(api.post("/multistate_execute", body), 400);
    }

    @Test
    void interrupt_without_exec_id_is_400() {
        assertJsonError(api.post("/interrupt", "{}"), 400);
        assertJsonError(api.post("/interrupt", "not json"), 400);
    }

    @Test
    void unknown_states_and_routes_are_404() {
        assertJsonError(api.get("/states/nope"), 404);
        assertJsonError(api.delete("/states/nope"), 404);
        assertJsonError(api.get("/nowhere"), 404);
    }

    @Test
    void a_wrong_method_is_405() {
        assertJsonError(api.get("/execute"), 405);
        assertJsonError(api.post("/states", "{}"), 405);
    }

    @Test
    void a_body_over_the_limit_is_413() {
        String code = "x = '" + "a".repeat(100 * 1024) + "'";
        assertJsonError(api.post("/execute", "{\"code\": \"" + code
                + "\", \"exec_id\": \"big\", \"state_name\": \"initial\"}"), 413);
    }

    @Test
    void a_foreign_origin_is_403_and_a_loopback_origin_is_allowed() {
        assertJsonError(api.send(api.request("/states").header("Origin", "https://evil.example")),
                403);
        assertJsonError(api.send(api.request("/states").header("Origin", "null")), 403);
        assertEquals(200, api.send(api.request("/states")
                .header("Origin", "http://localhost:3000")).status());
    }

    @Test
    void a_foreign_host_header_is_403_when_bound_to_loopback() throws IOException {
        String response = rawGet("evil.example.com", "/states?token=tok");
        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        assertTrue(response.contains("\"error\""), response);
        assertTrue(rawGet("localhost:" + server.port(), "/states?token=tok")
                .startsWith("HTTP/1.1 200"));
    }

    private static String rawGet(String host, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void errors_never_leak_a_stack_trace_or_html() {
        for (ApiClient.Reply reply : List.of(api.post("/execute", "{bad"), api.get("/nowhere"),
                api.get("/execute"))) {
            assertTrue(!reply.raw().contains("Exception") && !reply.raw().contains("<html"),
                    reply.raw());
        }
    }
}
