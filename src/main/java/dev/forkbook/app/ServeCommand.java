package dev.forkbook.app;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.server.RestServer;
import dev.forkbook.server.ServerConfig;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forkbook serve}: the kernel over REST, a drop-in for the seed's server. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Serve a snapshot kernel over the REST API (compatible with snapshot-kernel).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--bind", converter = BindAddress.Converter.class, paramLabel = "HOST:PORT",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).",
            defaultValue = "127.0.0.1:8080")
    BindAddress bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Secret every request must carry. Generated and printed once if omitted.")
    String token;

    @Option(names = "--max-repr-size", paramLabel = "N", defaultValue = "1000000",
            description = "Drop rich outputs longer than N characters; cut text/plain to N "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxReprSize;

    @Option(names = "--max-output-chars", paramLabel = "N", defaultValue = "1000000",
            description = "Keep at most N characters of stdout + stderr per execution: the first and "
                    + "last halves with a marker between (default: ${DEFAULT-VALUE}).")
    int maxOutputChars;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "16777216",
            description = "Refuse request bodies larger than N bytes (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--memory-budget", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Bytes of kernel state to keep before evicting the least recently used "
                    + "states, e.g. 2g or 512m (default: half the maximum heap).")
    Long memoryBudget;

    @Override
    public Integer call() {
        if (maxReprSize < 1) {
            System.err.println("--max-repr-size must be positive");
            return 2;
        }
        if (maxOutputChars < 2) {
            System.err.println("--max-output-chars must be at least 2");
            return 2;
        }
        boolean generated = token == null;
        String secret = generated ? newToken() : token;
        ByteSize.exitOnEscapedOutOfMemory();
        // The server answers first; the interpreter starts behind it and executions wait for it.
        KernelStart start = new KernelStart(() -> new JythonKernel(
                KernelOptions.defaults().withMaxReprSize(maxReprSize)
                        .withMaxOutputChars(maxOutputChars)
                        .withMemoryBudget(memoryBudget == null ? 0 : memoryBudget)));
        DeferredKernel kernel = start.kernel();
        RestServer server = new RestServer(kernel,
                new ServerConfig(bind.host(), bind.port(), secret, maxBodyBytes));
        try {
            server.start();
        } catch (RuntimeException e) {
            kernel.close();
            System.err.println("Cannot listen on " + bind.host() + ":" + bind.port() + ": "
                    + rootMessage(e));
            return 1;
        }
        start.begin();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            kernel.close();
            stopped.countDown();
        }, "forkbook-shutdown"));
        announce(System.out, server.baseUrl(), secret, generated);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void announce(PrintStream out, String baseUrl, String token, boolean generated) {
        out.println("Forkbook kernel server listening on " + baseUrl);
        if (generated) {
            // Printed once, Jupyter-style, so the user can copy the URL; never logged anywhere else.
            out.println("    " + baseUrl + "/states?token=" + token);
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
