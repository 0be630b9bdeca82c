package dev.forkbook.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.forkbook.kernel.remote.SeedProcess;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A kernel server running as a separate process on loopback, for integration tests: {@code forkbook
 * serve} from the built classes, or the seed under CPython.
 *
 * <p>The seed is found through {@link #SEED_DIR_VARIABLE} (a directory holding the
 * {@code snapshot_kernel} package; {@code .ci/run} sets it to {@code ../shared/seed/snapshot-kernel-0.1.4})
 * and runs under {@link #SEED_PYTHON_VARIABLE} (default {@code /usr/bin/python3}). When the directory
 * variable is unset the seed tests are skipped, so a machine without Python still builds; when it is
 * set and the seed cannot start, they fail.
 */
public interface KernelServer extends AutoCloseable {

    String SEED_DIR_VARIABLE = "FORKBOOK_SEED_DIR";
    String SEED_PYTHON_VARIABLE = "FORKBOOK_SEED_PYTHON";

    String url();

    String token();

    /** Kills the process at once, as a crash would. */
    void kill();

    @Override
    void close();

    /** {@code forkbook serve --bind 127.0.0.1:PORT --token TOKEN} in a new JVM on a free port. */
    static KernelServer forkbook() {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return forkbook(port);
    }

    /** {@code forkbook serve} on {@code port} (to restart a server where it was). */
    static KernelServer forkbook(int port) {
        String token = "test-token-" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process;
        try {
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path")
                    + File.pathSeparator, "dev.forkbook.app.Launcher", "serve", "--bind",
                    "127.0.0.1:" + port, "--token", token).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("forkbook serve did not start", e);
        }
        assertTrue(line != null && line.contains("listening on http://127.0.0.1:" + port), line);
        // Keep reading so the process never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ended) {
                // The process ended.
            }
        });
        drain.setDaemon(true);
        drain.start();
        String url = "http://127.0.0.1:" + port;
        return new KernelServer() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public String token() {
                return token;
            }

            @Override
            public void kill() {
                process.destroyForcibly();
                waitFor(process);
            }

            @Override
            public void close() {
                process.destroy();
                waitFor(process);
            }
        };
    }

    /** The seed under CPython; skipped when {@link #SEED_DIR_VARIABLE} is unset, failing if it is set. */
    static KernelServer seed() {
        String dir = System.getenv(SEED_DIR_VARIABLE);
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), SEED_DIR_VARIABLE
                + " is not set, so the seed tests do not run (.ci/run sets it).");
        Path seedDir = Path.of(dir);
        if (!Files.isDirectory(seedDir.resolve("snapshot_kernel"))) {
            fail(SEED_DIR_VARIABLE + "=" + dir + " holds no snapshot_kernel package.");
        }
        String python = System.getenv().getOrDefault(SEED_PYTHON_VARIABLE, "/usr/bin/python3");
        SeedProcess seed;
        try {
            seed = SeedProcess.start(python, seedDir, Duration.ofSeconds(30));
        } catch (SeedProcess.StartException e) {
            throw new AssertionError("The seed did not start (" + SEED_DIR_VARIABLE + "=" + dir
                    + ", python " + python + "): " + e.getMessage(), e);
        }
        return new KernelServer() {
            @Override
            public String url() {
                return seed.url();
            }

            @Override
            public String token() {
                return seed.token();
            }

            @Override
            public void kill() {
                seed.kill();
            }

            @Override
            public void close() {
                seed.close();
            }
        };
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
