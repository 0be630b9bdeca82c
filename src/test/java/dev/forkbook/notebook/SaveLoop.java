package dev.forkbook.notebook;

import dev.forkbook.kernel.Output;
import java.nio.file.Path;
import java.util.List;

/** A process that saves two versions of a large notebook over one file, forever, until killed. */
public final class SaveLoop {

    private SaveLoop() {
    }

    static NotebookDocument version(int marker) {
        NotebookTree tree = new NotebookTree();
        String parent = NotebookTree.ROOT_ID;
        for (int i = 0; i < 400; i++) {
            String id = "v" + marker + "c" + i;
            tree.add(new CellNode(id, parent, CellKind.CODE, "x = " + i + "  # version " + marker,
                    CellStatus.OK, List.of(new Output.Stream("stdout", ("line " + i + "\n").repeat(40))),
                    null, i, null, null, 0, false));
            parent = id;
        }
        return new NotebookDocument(tree, parent);
    }

    public static void main(String[] args) throws Exception {
        NotebookFile file = NotebookFile.create(Path.of(args[0]), FileOps.SYSTEM);
        NotebookDocument[] versions = {version(1), version(2)};
        for (int i = 0; ; i++) {
            file.save(versions[i % 2], true);
        }
    }
}
