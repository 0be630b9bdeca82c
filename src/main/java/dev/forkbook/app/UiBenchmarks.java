package dev.forkbook.app;

import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.MainWindow;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.theme.ThemeSwitcher;
import dev.forkbook.ui.notebook.NotebookViewModel;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.stage.Stage;

/**
 * The desktop numbers: how long a click on a node takes to show a 200-cell path, and a scroll step
 * over it. Needs a display (run under Xvfb on a server).
 */
final class UiBenchmarks {

    private static final int CELLS = 200;

    private final PrintStream log;

    UiBenchmarks(PrintStream log) {
        this.log = log;
    }

    /** Only the big and live output rows ({@link OutputBenchmarks}). */
    List<Benchmarks.Row> runOutputs() throws Exception {
        Platform.setImplicitExit(false);
        ForkbookCommand.quietUnnamedModuleWarning();
        Platform.startup(() -> { });
        try {
            onFx(() -> {
                new ThemeSwitcher(null, () -> false).applySaved();
                return null;
            });
            return new OutputBenchmarks(log).run();
        } finally {
            Platform.exit();
        }
    }

    List<Benchmarks.Row> run() throws Exception {
        Benchmarks.Row windowRow = windowVisible();
        Platform.setImplicitExit(false);
        ForkbookCommand.quietUnnamedModuleWarning();
        Platform.startup(() -> { });
        ExecutorService background = Executors.newCachedThreadPool();
        try (JythonKernel kernel = new JythonKernel()) {
            FxThread fx = new FxThread();
            NotebookSession session = new NotebookSession(kernel, new NotebookTree(), fx, background);
            NotebookViewModel model = new NotebookViewModel(session);
            String last = buildPath(session);
            // The window is made after the path exists, so the first click builds every cell view.
            MainWindow window = onFx(() -> {
                new ThemeSwitcher(null, () -> false).applySaved();
                MainWindow created = new MainWindow(model, null, link -> { }, background, fx);
                created.show(new Stage(), "bench");
                return created;
            });
            Parent root = window.root();
            double[] opens = new double[10];
            for (int i = 0; i < opens.length; i++) {
                onFx(() -> {
                    model.select(NotebookTree.ROOT_ID);
                    root.applyCss();
                    root.layout();
                    return null;
                });
                opens[i] = onFx(() -> {
                    long started = System.nanoTime();
                    model.select(last);
                    root.applyCss();
                    root.layout();
                    long laidOut = System.nanoTime();
                    return (laidOut - started) / 1e6;
                });
            }
            double firstOpen = opens[0];
            double[] again = Arrays.copyOfRange(opens, 1, opens.length);
            Arrays.sort(again);
            double scroll = onFx(() -> {
                long started = System.nanoTime();
                for (int step = 0; step <= 50; step++) {
                    window.notebook().scrollTo(step * 4);
                    root.applyCss();
                    root.layout();
                }
                return (System.nanoTime() - started) / 1e6 / 51;
            });
            log.printf("open a %d-cell path: first %.1f ms, again %.1f ms; scroll step %.1f ms%n",
                    CELLS, firstOpen, again[again.length / 2], scroll);
            double[] bigTree = onFx(() -> {
                long started = System.nanoTime();
                String deepest = addBranches(model.tree(), 1000);
                root.applyCss();
                root.layout();
                double added = (System.nanoTime() - started) / 1e6;
                started = System.nanoTime();
                model.select(deepest);
                root.applyCss();
                root.layout();
                return new double[] {added, (System.nanoTime() - started) / 1e6};
            });
            log.printf("1000-node tree: added in %.1f ms, select a deep node %.1f ms%n", bigTree[0],
                    bigTree[1]);
            double[] graph = onFx(() -> graphOfAThousand(model, root));
            log.printf("graph of 1000 nodes: select a node %.1f ms, add a node %.2f ms (FX time; "
                    + "%.2f ms of FX thread CPU; medians)%n", graph[0], graph[1], graph[2]);
            onFx(() -> {
                window.root().getScene().getWindow().hide();
                return null;
            });
            List<Benchmarks.Row> outputs = new OutputBenchmarks(log).run();
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(windowRow,
                    new Benchmarks.Row("click a node: show its 200-cell path (first time)", firstOpen,
                            "ms", "-", "<= 300 ms", firstOpen <= 300),
                    new Benchmarks.Row("click a node: show its 200-cell path (again)",
                            again[again.length / 2], "ms", "-", "<= 300 ms",
                            again[again.length / 2] <= 300),
                    new Benchmarks.Row("scroll step over that path (layout + lazy views)", scroll,
                            "ms", "-", "<= 16 ms", scroll <= 16),
                    new Benchmarks.Row("fork tree: add 1000 nodes (10 branches) and lay out",
                            bigTree[0], "ms", "-", "<= 1000 ms", bigTree[0] <= 1000),
                    new Benchmarks.Row("fork tree of 1200 nodes: select a node 100 deep",
                            bigTree[1], "ms", "-", "<= 300 ms", bigTree[1] <= 300),
                    new Benchmarks.Row("graph of 1,000 nodes: select a node", graph[0], "ms", "-",
                            "<= 300 ms", graph[0] <= 300),
                    new Benchmarks.Row("add a node to a 1,000-node graph (FX time)", graph[1], "ms",
                            "-", "<= 16 ms", graph[1] <= 16),
                    new Benchmarks.Row("add a node to a 1,000-node graph (FX thread CPU)", graph[2],
                            "ms", "-", "<= 16 ms", graph[2] <= 16)),
                    outputs.stream()).toList();
        } finally {
            background.shutdownNow();
            Platform.exit();
        }
    }

    /**
     * {@code java -jar} to the first painted frame of the window reopening a saved 50-cell notebook
     * with outputs (median of three new JVMs, started from the class path this bench runs from).
     */
    private Benchmarks.Row windowVisible() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("forkbook-bench", ".forkbook");
        try {
            NotebookTree tree = new NotebookTree();
            String parent = NotebookTree.ROOT_ID;
            for (int i = 0; i < 50; i++) {
                String id = "c" + i;
                tree.add(new CellNode(id, parent, dev.forkbook.notebook.CellKind.CODE,
                        "v%d = %d\nprint('cell', v%d)".formatted(i, i, i),
                        dev.forkbook.notebook.CellStatus.NOT_LIVE,
                        List.of(new dev.forkbook.kernel.Output.Stream("stdout", "cell " + i + "\n")),
                        null, i + 1, null, java.time.Instant.now(), 1, false));
                parent = id;
            }
            java.nio.file.Files.write(file, dev.forkbook.notebook.ForkbookFormat.write(
                    new dev.forkbook.notebook.NotebookDocument(tree, parent)));
            double[] seconds = new double[3];
            // One untimed start first: it writes the class-data-sharing archive if there is none.
            for (int i = -1; i < seconds.length; i++) {
                seconds[Math.max(i, 0)] = Benchmarks.timeNewJvmUntil(List.of("-D"
                        + ForkbookCommand.FIRST_FRAME_PROPERTY + "=true"), List.of("--no-server",
                        file.toString()), ForkbookCommand.FIRST_FRAME_MARK);
            }
            Arrays.sort(seconds);
            double median = seconds[1];
            log.printf("window visible (reopening a 50-cell notebook): %.2f s%n", median);
            return new Benchmarks.Row("window visible (`java -jar` to first frame, 50-cell notebook)",
                    median, "s", "-", "<= 1.5 s", median <= 1.5);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /**
     * On a fresh 1,000-node tree (ten 100-cell branches from the root): the median of selecting
     * nodes across branches, and of adding one node under a mid-graph node, each laid out.
     */
    private static double[] graphOfAThousand(NotebookViewModel model, Parent root) {
        NotebookTree tree = model.tree();
        for (CellNode child : tree.children(NotebookTree.ROOT_ID)) {
            tree.removeSubtree(child.id());
        }
        addBranches(tree, 1000);
        root.applyCss();
        root.layout();
        double[] selects = new double[20];
        for (int i = 0; i < selects.length; i++) {
            String target = "b" + (i % 10) + "n" + (i * 37 % 100);
            long started = System.nanoTime();
            model.select(target);
            root.applyCss();
            root.layout();
            selects[i] = (System.nanoTime() - started) / 1e6;
        }
        double[] adds = new double[20];
        double[] cpu = new double[adds.length];
        java.lang.management.ThreadMXBean threads =
                java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < adds.length; i++) {
            String parent = "b" + (i % 10) + "n50";
            CellNode node = new CellNode("added" + i, parent, dev.forkbook.notebook.CellKind.CODE,
                    "y = " + i, dev.forkbook.notebook.CellStatus.OK, List.of(), null, i, null,
                    java.time.Instant.now(), 1, false);
            long cpuStarted = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            tree.add(node);
            root.applyCss();
            root.layout();
            adds[i] = (System.nanoTime() - started) / 1e6;
            // The FX thread's own CPU time: on a loaded machine wall time also counts waiting.
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e6;
        }
        Arrays.sort(selects);
        Arrays.sort(adds);
        Arrays.sort(cpu);
        return new double[] {selects[selects.length / 2], adds[adds.length / 2],
            cpu[cpu.length / 2]};
    }

    /** 200 cells in one chain, each with output; every tenth shows an HTML table. */
    private static String buildPath(NotebookSession session) throws Exception {
        String parent = NotebookTree.ROOT_ID;
        for (int i = 0; i < CELLS; i++) {
            String code = i % 10 == 0
                    ? "class T%d(object):\n    def _repr_html_(self):\n        return "
                            .formatted(i) + "'<table><tr><td>%d</td></tr></table>'\nT%d()"
                            .formatted(i, i)
                    : "v%d = %d\nprint('cell', v%d)".formatted(i, i, i);
            String from = parent;
            CompletableFuture<CellNode> done = onFx(() -> session.run(from, code));
            parent = done.get().id();
        }
        return parent;
    }

    /** Ten branches of {@code count / 10} cells each, forking from the root; returns a deep node. */
    private static String addBranches(NotebookTree tree, int count) {
        String deepest = null;
        for (int branch = 0; branch < 10; branch++) {
            String parent = NotebookTree.ROOT_ID;
            for (int i = 0; i < count / 10; i++) {
                String id = "b" + branch + "n" + i;
                tree.add(new CellNode(id, parent, dev.forkbook.notebook.CellKind.CODE,
                        "x = " + i + "\nprint(x)", dev.forkbook.notebook.CellStatus.OK,
                        List.of(new dev.forkbook.kernel.Output.Stream("stdout", i + "\n")), null,
                        i, null, java.time.Instant.now(), 1, false));
                parent = id;
            }
            deepest = parent;
        }
        return deepest;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        new FxThread().execute(task);
        return task.get();
    }
}
