package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 while a process saves in a loop: the file is always one whole version. */
class CrashDuringSaveTest {

    @TempDir
    Path dir;

    @Test
    void a_process_killed_mid_save_leaves_the_old_or_the_new_file() throws Exception {
        Path target = dir.resolve("busy.forkbook");
        byte[] first = ForkbookFormat.write(SaveLoop.version(1));
        byte[] second = ForkbookFormat.write(SaveLoop.version(2));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process saver = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path")
                    + File.pathSeparator, SaveLoop.class.getName(), target.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(target) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300 + round * 170);
            saver.destroyForcibly();
            assertTrue(saver.waitFor(10, TimeUnit.SECONDS));
            byte[] onDisk = Files.readAllBytes(target);
            assertTrue(Arrays.equals(onDisk, first) || Arrays.equals(onDisk, second),
                    "round " + round + ": a partial file of " + onDisk.length + " bytes");
            ForkbookFormat.read(onDisk);
        }
    }
}
