package dev.forkbook.server;

import dev.forkbook.kernel.jython.JythonKernel;
import org.junit.jupiter.api.AfterAll;

/** A kernel behind a real server on a free loopback port, one per test class. */
abstract class ServerTestBase {

    static JythonKernel kernel;
    static RestServer server;
    static ApiClient api;

    static void startServer(ServerConfig config) {
        kernel = new JythonKernel();
        server = new RestServer(kernel, config);
        server.start();
        api = new ApiClient(server.baseUrl(), config.token());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        kernel.close();
    }
}
