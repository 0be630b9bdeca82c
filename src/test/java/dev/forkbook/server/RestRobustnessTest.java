package dev.forkbook.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.jython.JythonKernel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Faults that must never stop the server: stalled listeners, a saturated pool, errors of Jetty's own. */
class RestRobustnessTest {

    private static final int HTTP_THREADS = 10;

    private static JythonKernel kernel;
    private static RestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        kernel = new JythonKernel();
        server = new RestServer(kernel, ServerConfig.loopback(0, "tok"), HTTP_THREADS, 8);
        server.start();
        api = new ApiClient(server.baseUrl(), "tok");
    }

    @AfterAll
    static void stop() {
        Gate.latch.countDown();
        server.close();
        kernel.close();
    }

    @Test
    void a_subscriber_that_stops_reading_is_dropped_and_executions_run_unaffected() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", server.port())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /events?token=tok HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            waitUntil(() -> server.eventSubscribers() == 1, "the subscriber connected");
            // Each result carries ~200 KB: far more than the socket buffers hold, and never read.
            for (int i = 0; i < 40; i++) {
                CompletableFuture<ApiClient.Reply> reply = CompletableFuture.supplyAsync(() ->
                        api.post("/execute", Map.of("code", "print('x' * 200000)\n1 + 1",
                                "exec_id", "stall", "state_name", "initial")));
                ApiClient.Reply answer = reply.get(20, TimeUnit.SECONDS);
                assertEquals(200, answer.status(), answer.raw());
            }
            waitUntil(() -> server.eventSubscribers() == 0, "the stalled subscriber was dropped");
        }
    }

    @Test
    void control_routes_answer_while_more_cells_run_than_the_server_has_threads() throws Exception {
        Gate.latch = new CountDownLatch(1);
        Gate.WAITING.set(0);
        int cells = HTTP_THREADS + 4;
        List<CompletableFuture<ApiClient.Reply>> running = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            String execId = "held" + i;
            running.add(CompletableFuture.supplyAsync(() -> api.post("/execute", Map.of(
                    "code", "from dev.forkbook.server import Gate\nGate.pass()\n'done'",
                    "exec_id", execId, "state_name", "initial"))));
        }
        waitUntil(() -> Gate.WAITING.get() == cells, "every cell is waiting on the gate");
        ApiClient.Reply states = api.get("/states");
        assertEquals(200, states.status());
        assertEquals(200, api.get("/tree").status());
        assertEquals(200, api.get("/states/initial").status());
        ApiClient.Reply interrupted = api.post("/interrupt", Map.of("exec_id", "held0"));
        assertTrue(interrupted.json().get("interrupted").asBoolean(), interrupted.raw());
        assertEquals("KeyboardInterrupt", running.get(0).get(10, TimeUnit.SECONDS).json()
                .get("error").get("ename").asText());
        Gate.latch.countDown();
        for (int i = 1; i < cells; i++) {
            ApiClient.Reply done = running.get(i).get(30, TimeUnit.SECONDS);
            assertEquals("'done'", done.json().get("output").get(0).get("data").get("text/plain")
                    .asText(), done.raw());
        }
    }

    @Test
    void interrupt_answers_while_more_execute_many_requests_run_than_the_server_has_threads()
            throws Exception {
        Gate.latch = new CountDownLatch(1);
        Gate.WAITING.set(0);
        int requests = HTTP_THREADS + 4;
        List<CompletableFuture<ApiClient.Reply>> running = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String execId = "many-held" + i;
            running.add(CompletableFuture.supplyAsync(() -> api.post("/execute_many", Map.of(
                    "code", "from dev.forkbook.server import Gate\nGate.pass()\n'done'",
                    "exec_id", execId, "state_names", List.of("initial", "initial")))));
        }
        waitUntil(() -> Gate.WAITING.get() == 2 * requests, "every branch is waiting on the gate");
        assertEquals(200, api.get("/states").status());
        ApiClient.Reply interrupted = api.post("/interrupt", Map.of("exec_id", "many-held0"));
        assertTrue(interrupted.json().get("interrupted").asBoolean(), interrupted.raw());
        ApiClient.Reply stopped = running.get(0).get(10, TimeUnit.SECONDS);
        for (int branch = 0; branch < 2; branch++) {
            assertEquals("KeyboardInterrupt", stopped.json().get("results").get(branch).get("error")
                    .get("ename").asText(), stopped.raw());
        }
        Gate.latch.countDown();
        for (int i = 1; i < requests; i++) {
            ApiClient.Reply done = running.get(i).get(30, TimeUnit.SECONDS);
            assertEquals("'done'", done.json().get("results").get(1).get("output").get(0)
                    .get("data").get("text/plain").asText(), done.raw());
        }
    }

    @Test
    void errors_raised_by_jetty_itself_are_json() throws Exception {
        String reply = rawRequest(server.port(), "GET /states/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        assertTrue(reply.toLowerCase().contains("content-type: application/json"), reply);
        String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
        assertTrue(ApiClient.JSON.readTree(body).get("error").isTextual(), body);
    }

    @Test
    void an_internal_error_is_json_and_logged_with_its_stack_trace() throws Exception {
        Kernel broken = (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(),
                new Class<?>[] {Kernel.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new IllegalStateException("the kernel is broken");
                });
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (RestServer failing = new RestServer(broken, ServerConfig.loopback(0, "tok"))) {
            failing.start();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ApiClient.Reply reply = new ApiClient(failing.baseUrl(), "tok").get("/states");
            assertEquals(500, reply.status());
            assertTrue(reply.json().get("error").asText().contains("IllegalStateException"),
                    reply.raw());
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("the kernel is broken") && log.contains("\tat "), log);
    }

    static String rawRequest(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
