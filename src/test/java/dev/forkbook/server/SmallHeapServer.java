package dev.forkbook.server;

import dev.forkbook.kernel.jython.JythonKernel;

/** A server for {@link OutOfMemoryTest} to run in a JVM of its own with a small heap. */
public final class SmallHeapServer {

    private SmallHeapServer() {
    }

    public static void main(String[] args) throws Exception {
        try (JythonKernel kernel = new JythonKernel();
                RestServer server = new RestServer(kernel, ServerConfig.loopback(0, "tok"))) {
            server.start();
            System.out.println("PORT " + server.port());
            System.out.flush();
            // Runs until the test closes our standard input.
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
