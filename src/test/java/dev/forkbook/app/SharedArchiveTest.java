package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedArchiveTest {

    @TempDir
    Path dir;

    @Test
    void theDesktopServeAndRunEachHaveTheirOwnArchiveAndBenchOrHelpRunWithoutOne() {
        assertEquals(Optional.of("desktop"), SharedArchive.kindOf(new String[0]));
        assertEquals(Optional.of("desktop"), SharedArchive.kindOf(new String[] {"--no-server",
                "notes.forkbook"}));
        assertEquals(Optional.of("serve"), SharedArchive.kindOf(new String[] {"serve", "--bind",
                "127.0.0.1:9"}));
        assertEquals(Optional.of("run"), SharedArchive.kindOf(new String[] {"run", "x.forkbook"}));
        assertEquals(Optional.empty(), SharedArchive.kindOf(new String[] {"bench", "--ui"}));
        assertEquals(Optional.empty(), SharedArchive.kindOf(new String[] {"serve", "--help"}));
        assertEquals(Optional.empty(), SharedArchive.kindOf(new String[] {"--version"}));
    }

    @Test
    void theChildKeepsTheLaunchersJvmOptionsButNotItsClassPathOrArchiveOptions() {
        assertEquals(List.of("-Xmx2g", "-Duser.home=/h", "--add-opens", "java.base/java.lang=ALL-UNNAMED"),
                SharedArchive.jvmOptions(List.of("-Xmx2g", "-Duser.home=/h", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED", "-XX:SharedArchiveFile=/old.jsa", "-jar",
                        "forkbook.jar", "--no-server")));
        assertEquals(List.of("-Dx=1"), SharedArchive.jvmOptions(List.of("-Dx=1", "-cp", "a.jar",
                "dev.forkbook.app.Launcher", "-Dnot=jvm")));
    }

    @Test
    void aFirstRunWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        Path jar = Files.write(dir.resolve("forkbook.jar"), new byte[] {1, 2, 3});
        SharedArchive shared = new SharedArchive(jar, dir, "desktop");
        Path archive = shared.archive();
        Path part = dir.resolve("desktop-1.jsa.part");
        List<String> first = shared.childCommand("java", List.of("-Dx=1", "-jar", jar.toString()),
                new String[] {"nb.forkbook"}, archive, part);
        assertTrue(first.contains("-XX:ArchiveClassesAtExit=" + part), first.toString());
        assertEquals(List.of("-jar", jar.toString(), "nb.forkbook"),
                first.subList(first.size() - 3, first.size()));
        assertTrue(first.contains("-Dx=1") && first.contains("-Dforkbook.cds.child=true"));

        Files.write(part, new byte[] {42});
        shared.adopt(part, archive);
        assertFalse(Files.exists(part));
        List<String> later = shared.childCommand("java", List.of("-jar", jar.toString()),
                new String[0], archive, part);
        assertTrue(later.contains("-XX:SharedArchiveFile=" + archive), later.toString());
    }

    @Test
    void theDesktopChildDelaysC2AndTheUsersOwnOptionsComeLaterToOverrideIt() throws Exception {
        Path jar = Files.write(dir.resolve("forkbook.jar"), new byte[] {1});
        SharedArchive desktop = new SharedArchive(jar, dir, "desktop");
        List<String> command = desktop.childCommand("java", List.of(
                "-XX:Tier4InvocationThreshold=7", "-jar", jar.toString()), new String[0],
                desktop.archive(), dir.resolve("part"));
        assertTrue(command.containsAll(SharedArchive.DESKTOP_JIT), command.toString());
        assertTrue(command.indexOf("-XX:Tier4InvocationThreshold=7")
                > command.indexOf("-XX:Tier4InvocationThreshold=50000"), command.toString());
        SharedArchive serve = new SharedArchive(jar, dir, "serve");
        List<String> served = serve.childCommand("java", List.of("-jar", jar.toString()),
                new String[] {"serve"}, serve.archive(), dir.resolve("part"));
        assertFalse(served.stream().anyMatch(SharedArchive.DESKTOP_JIT::contains), served.toString());
    }

    @Test
    void aRebuiltJarGetsANewArchiveAndTheOldOneIsDeleted() throws Exception {
        Path jar = Files.write(dir.resolve("forkbook.jar"), new byte[] {1, 2, 3});
        SharedArchive shared = new SharedArchive(jar, dir, "serve");
        Path old = shared.archive();
        Files.write(old, new byte[] {1});
        Path otherKind = Files.write(dir.resolve("desktop-abc.jsa"), new byte[] {1});
        Files.write(jar, new byte[] {1, 2, 3, 4});
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(old)
                .toMillis() + 5000));
        Path rebuilt = shared.archive();
        assertNotEquals(old, rebuilt);
        Path part = Files.write(dir.resolve("serve-7.jsa.part"), new byte[] {9});
        shared.adopt(part, rebuilt);
        assertTrue(Files.exists(rebuilt));
        assertFalse(Files.exists(old), "the archive of the old jar is removed");
        assertTrue(Files.exists(otherKind), "other kinds keep theirs");
    }

    @Test
    void anEmptyDumpIsNotAdopted() throws Exception {
        Path jar = Files.write(dir.resolve("forkbook.jar"), new byte[] {1});
        SharedArchive shared = new SharedArchive(jar, dir, "run");
        Path part = Files.write(dir.resolve("run-3.jsa.part"), new byte[0]);
        shared.adopt(part, shared.archive());
        assertFalse(Files.exists(shared.archive()));
        assertFalse(Files.exists(part));
    }
}
