package dev.forkbook.kernel.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.testing.KernelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the seed as "Python 3 (local)" does: what it says when it cannot, and its port retry. */
class SeedProcessTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void an_interpreter_that_does_not_exist_is_named_with_what_to_install() {
        SeedProcess.StartException error = assertThrows(SeedProcess.StartException.class,
                () -> SeedProcess.start(dir.resolve("no-python").toString(), null,
                        Duration.ofSeconds(5)));
        assertTrue(error.getMessage().startsWith("Cannot run " + dir.resolve("no-python")),
                error.getMessage());
    }

    @Test
    void a_missing_module_is_reported_with_the_command_that_installs_it() throws Exception {
        Path python = script("python-without-bottle", "echo \"ModuleNotFoundError: No module named "
                + "'bottle'\" >&2\nexit 1\n");
        SeedProcess.StartException error = assertThrows(SeedProcess.StartException.class,
                () -> SeedProcess.start(python.toString(), null, Duration.ofSeconds(10)));
        assertTrue(error.getMessage().contains("lacks the module 'bottle'"), error.getMessage());
        assertTrue(error.getMessage().contains("apt-get install python3-bottle"), error.getMessage());
    }

    @Test
    void a_port_taken_meanwhile_is_retried_on_another_one() throws Exception {
        String seedDir = System.getenv(KernelServer.SEED_DIR_VARIABLE);
        Assumptions.assumeTrue(seedDir != null && !seedDir.isBlank(),
                KernelServer.SEED_DIR_VARIABLE + " is not set");
        String realPython = System.getenv().getOrDefault(KernelServer.SEED_PYTHON_VARIABLE,
                "/usr/bin/python3");
        Path marker = dir.resolve("first-attempt-done");
        // The first start loses the race for its port, as when another program binds it meanwhile.
        Path python = script("python-losing-a-race", "if [ ! -e '" + marker + "' ]; then\n"
                + "  touch '" + marker + "'\n"
                + "  echo 'OSError: [Errno 98] Address already in use' >&2\n  exit 1\nfi\n"
                + "exec '" + realPython + "' \"$@\"\n");
        try (SeedProcess seed = SeedProcess.start(python.toString(), Path.of(seedDir),
                Duration.ofSeconds(30))) {
            assertTrue(Files.exists(marker), "the first attempt ran");
            try (RemoteKernel kernel = RemoteKernel.connect(seed.url(), seed.token())) {
                assertEquals("seed", kernel.description().kind());
            }
        }
    }
}
