package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookFile;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.testing.KernelServer;
import dev.forkbook.testing.OutputText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forkbook run NOTEBOOK --connect URL --token T} against real servers in other processes. */
class RunConnectTest {

    @TempDir
    Path dir;

    /** A fork: two branches from one cell. Python 2 and 3 print the same for each. */
    private Path forked() throws Exception {
        NotebookTree tree = new NotebookTree();
        tree.add(CellNode.fresh("load", "initial", CellKind.CODE, "data = [3, 1, 2]",
                CellStatus.NOT_LIVE, null));
        tree.add(CellNode.fresh("sorted", "load", CellKind.CODE, "print(sorted(data))",
                CellStatus.NOT_LIVE, null));
        tree.add(CellNode.fresh("total", "load", CellKind.CODE, "sum(data)", CellStatus.NOT_LIVE,
                null));
        Path path = dir.resolve("forked.forkbook");
        Files.write(path, ForkbookFormat.write(new NotebookDocument(tree, "sorted")));
        return path;
    }

    private void runsTheForkOn(KernelServer server, String kind) throws Exception {
        Path path = forked();
        assertEquals(0, Launcher.commandLine().execute("run", path.toString(), "--connect",
                server.url(), "--token", server.token()));
        NotebookDocument done = NotebookFile.open(path, FileOps.SYSTEM).document();
        assertEquals("[1, 2, 3]\n", OutputText.of(done.tree().get("sorted").outputs()));
        assertEquals("6", OutputText.of(done.tree().get("total").outputs()));
        assertEquals(kind, done.kernel().kind());
        assertEquals(server.url(), done.kernel().url());
        assertFalse(new String(Files.readAllBytes(path), StandardCharsets.UTF_8)
                .contains(server.token()), "the token is never written to the file");
    }

    @Test
    void run_connect_executes_a_forked_notebook_on_a_forkbook_server() throws Exception {
        try (KernelServer server = KernelServer.forkbook()) {
            runsTheForkOn(server, KernelDescription.FORKBOOK);
        }
    }

    @Test
    void run_connect_executes_a_forked_notebook_on_the_seed() throws Exception {
        try (KernelServer server = KernelServer.seed()) {
            runsTheForkOn(server, KernelDescription.SEED);
        }
    }

    @Test
    void run_connect_with_a_wrong_token_says_so_and_leaves_the_file_alone() throws Exception {
        Path path = forked();
        byte[] before = Files.readAllBytes(path);
        try (KernelServer server = KernelServer.forkbook()) {
            assertEquals(2, Launcher.commandLine().execute("run", path.toString(), "--connect",
                    server.url(), "--token", "wrong"));
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(path)));
    }
}
