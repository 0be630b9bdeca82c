package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client written for the seed's server, run unchanged against {@code forkbook serve} started as a
 * separate process with the seed's flags: token as a query parameter, the seed's bodies, a chain of
 * cells re-using state names, variables, delete, reset and interrupt.
 */
class SeedClientCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process server;
    private static String base;

    @BeforeAll
    static void startServe() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path")
                + File.pathSeparator, Launcher.class.getName(), "serve", "--bind",
                "127.0.0.1:" + port, "--token", "SECRET").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        assertTrue(line != null && line.contains("listening on http://127.0.0.1:" + port), line);
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stopServe() throws InterruptedException {
        server.destroy();
        assertTrue(server.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }

    private static JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + "?token=SECRET"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode execute(String code, String from, String to) throws Exception {
        return call("POST", "/execute", JSON.writeValueAsString(java.util.Map.of("code", code,
                "exec_id", "seed-" + System.nanoTime(), "state_name", from, "new_state_name", to)));
    }

    @Test
    void a_seed_client_session_works_unchanged() throws Exception {
        assertEquals("[\"initial\"]", call("GET", "/states", null).get("states").toString());

        // A chain that keeps re-using the same state name, as the seed's clients do.
        execute("x = 1", "initial", "current");
        execute("x = x + 1", "current", "current");
        JsonNode result = execute("x * 10", "current", "current");
        assertEquals("20", result.get("output").get(0).get("data").get("text/plain").asText());

        JsonNode state = call("GET", "/states/current", null);
        assertEquals("current", state.get("name").asText());
        assertEquals("int", state.get("variables").get("x").get("type").asText());
        assertEquals("2", state.get("variables").get("x").get("repr").asText());

        execute("y = 'fork'", "current", "other");
        assertEquals("other", call("DELETE", "/states/other", null).get("deleted").asText());

        CompletableFuture<JsonNode> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return call("POST", "/execute", "{\"code\": \"import time\\ntime.sleep(60)\", "
                        + "\"exec_id\": \"sleepy\", \"state_name\": \"current\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        boolean interrupted = false;
        for (int i = 0; i < 400 && !interrupted; i++) {
            Thread.sleep(25);
            interrupted = call("POST", "/interrupt", "{\"exec_id\": \"sleepy\"}")
                    .get("interrupted").asBoolean();
        }
        assertTrue(interrupted);
        assertEquals("KeyboardInterrupt",
                sleeping.get(10, TimeUnit.SECONDS).get("error").get("ename").asText());

        assertEquals("ok", call("POST", "/reset", null).get("status").asText());
        assertEquals("[\"initial\"]", call("GET", "/states", null).get("states").toString());
    }
}
