package dev.forkbook.kernel.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The seed ({@code python3 -m snapshot_kernel.main}) as a child process on a free loopback port with
 * a fresh token: what "Python 3 (local)" runs. The seed cannot bind port 0 and report the port, so a
 * free port is picked first and the start is retried when another program takes it meanwhile.
 */
public final class SeedProcess implements AutoCloseable {

    /** The Debian packages for DataFrames and figures next to the seed. */
    public static final String SCIENTIFIC_PACKAGES =
            "python3-numpy python3-pandas python3-matplotlib";

    private static final int ATTEMPTS = 5;
    private static final int KEPT_OUTPUT = 16 * 1024;

    private final Process process;
    private final String url;
    private final String token;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private SeedProcess(Process process, String url, String token) {
        this.process = process;
        this.url = url;
        this.token = token;
        this.reader = drain(process.getInputStream(), output);
    }

    /** Why the seed did not start, in words that say what to install. */
    public static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;

        StartException(String message) {
            super(message);
        }
    }

    /**
     * Starts the seed and waits until it answers.
     *
     * @param python the interpreter, such as {@code python3} or {@code /usr/bin/python3}
     * @param moduleDir a directory holding the {@code snapshot_kernel} package, added to
     *     {@code PYTHONPATH}; null when it is installed
     */
    public static SeedProcess start(String python, Path moduleDir, Duration readyTimeout)
            throws StartException {
        String token = newToken();
        String lastOutput = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(python, "-u", "-m",
                    "snapshot_kernel.main", "--bind", "127.0.0.1:" + port, "--token", token));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (moduleDir != null) {
                String existing = builder.environment().get("PYTHONPATH");
                builder.environment().put("PYTHONPATH", moduleDir.toAbsolutePath()
                        + (existing == null || existing.isEmpty() ? "" : ":" + existing));
            }
            builder.environment().put("MPLBACKEND", "Agg");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new StartException("Cannot run " + python + " (" + e.getMessage() + "). "
                        + "Install Python 3 (Debian: apt-get install python3) or set the "
                        + "interpreter in the preferences.");
            }
            SeedProcess seed = new SeedProcess(process, "http://127.0.0.1:" + port, token);
            if (seed.awaitReady(readyTimeout)) {
                return seed;
            }
            seed.close();
            lastOutput = seed.output();
            if (!lastOutput.contains("Address already in use") && !lastOutput.contains("Errno 98")) {
                throw new StartException(diagnose(python, lastOutput));
            }
        }
        throw new StartException("The Python 3 kernel could not bind a free port after " + ATTEMPTS
                + " attempts:\n" + lastOutput);
    }

    /** What to install, from what Python printed when it failed. */
    static String diagnose(String python, String output) {
        if (output.contains("No module named snapshot_kernel")
                || output.contains("No module named 'snapshot_kernel'")) {
            return "Python 3 (" + python + ") has no snapshot_kernel module. Install it with\n"
                    + "    " + python + " -m pip install snapshot-kernel\n"
                    + "and its dependencies (Debian: apt-get install python3-bottle python3-cheroot).";
        }
        for (String module : List.of("bottle", "cheroot")) {
            if (output.contains("No module named '" + module + "'")
                    || output.contains("No module named " + module)) {
                return "Python 3 (" + python + ") lacks the module '" + module + "' that the "
                        + "kernel needs. Install it with\n    apt-get install python3-" + module
                        + "\n(or: " + python + " -m pip install " + module + ").";
            }
        }
        return "The Python 3 kernel did not start:\n" + output.strip();
    }

    private boolean awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/states?token=" + token))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static Thread drain(InputStream stream, StringBuilder output) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (stream) {
                for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                    synchronized (output) {
                        output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        if (output.length() > KEPT_OUTPUT) {
                            output.delete(0, output.length() - KEPT_OUTPUT);
                        }
                    }
                }
            } catch (IOException ended) {
                // The process ended.
            }
        }, "forkbook-seed-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static int freePort() throws StartException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartException("No free loopback port: " + e.getMessage());
        }
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the process printed (its last 16 KB). */
    public String output() {
        if (!process.isAlive()) {
            // Let the reader catch up with a process that just ended.
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (output) {
            return output.toString();
        }
    }

    /** Kills the process at once, as a crash would (for tests of a server that dies). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the seed (and every state it holds). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
