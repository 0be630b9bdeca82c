package dev.forkbook.app;

import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.ui.MainWindow;
import dev.forkbook.ui.fx.FxThread;
import dev.forkbook.ui.notebook.NotebookViewModel;
import dev.forkbook.ui.output.FullTextView;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * Desktop numbers for big and live outputs: 200,000 printed lines (longest FX-thread stall when its
 * node is selected and when Show all opens, a scroll step of the full view, heap growth) and the
 * delay from a print to its line on screen. Needs the FX toolkit started and a display.
 */
final class OutputBenchmarks {

    private static final int LINES = 200_000;
    /** Large enough to hold all 200,000 lines (about 1.3 million characters) uncapped. */
    private static final int CAP = 4_000_000;

    private final PrintStream log;

    OutputBenchmarks(PrintStream log) {
        this.log = log;
    }

    List<Benchmarks.Row> run() throws Exception {
        ExecutorService background = Executors.newCachedThreadPool();
        try (JythonKernel kernel = new JythonKernel(
                KernelOptions.defaults().withMaxOutputChars(CAP))) {
            FxThread fx = new FxThread();
            NotebookSession session = new NotebookSession(kernel, new NotebookTree(), fx, background);
            session.followKernel();
            NotebookViewModel model = new NotebookViewModel(session, fx);
            MainWindow window = onFx(() -> {
                MainWindow created = new MainWindow(model, null, link -> { }, background, fx);
                created.show(new Stage(), "bench");
                return created;
            });
            Parent root = window.root();
            long heapBefore = usedHeap();
            String big = runAndWait(model, "for i in range(%d): print(i)".formatted(LINES));
            String small = runAndWait(model, "x = 1");
            onFx(() -> {
                model.select(small);
                return null;
            });
            double select = longestStall(() -> {
                model.select(big);
                root.applyCss();
                root.layout();
            });
            String text = ((Output.Stream) model.tree().get(big).outputs().get(0)).text();
            FullTextView[] full = new FullTextView[1];
            Stage[] fullStage = new Stage[1];
            double showAll = longestStall(() -> {
                fullStage[0] = FullTextView.open(root.getScene().getWindow(), "output", text);
                full[0] = (FullTextView) fullStage[0].getScene().getRoot();
            });
            full[0].ready().get(1, TimeUnit.MINUTES);
            double scroll = onFx(() -> {
                var lines = full[0].lines();
                long started = System.nanoTime();
                for (int step = 1; step <= 50; step++) {
                    lines.scrollTo(step * (LINES / 50) - 1);
                    lines.applyCss();
                    lines.layout();
                }
                double step = (System.nanoTime() - started) / 1e6 / 50;
                if (lines.drawnLines().isEmpty() || lines.firstVisible() < LINES - 100) {
                    throw new IllegalStateException("the full view did not scroll to the end");
                }
                return step;
            });
            double heapMb = (usedHeap() - heapBefore) / 1e6;
            onFx(() -> {
                fullStage[0].close();
                return null;
            });
            log.printf("200k lines (%,d chars): select %.1f ms, show all %.1f ms, scroll %.2f ms, "
                    + "heap +%.0f MB%n", text.length(), select, showAll, scroll, heapMb);
            double firstLine = firstLineOnScreen(model, root);
            log.printf("print every 100 ms: first line on screen after %.1f ms%n", firstLine);
            onFx(() -> {
                root.getScene().getWindow().hide();
                return null;
            });
            session.close();
            return List.of(
                    new Benchmarks.Row("200k printed lines: longest FX stall selecting its node",
                            select, "ms", "-", "< 50 ms", select < 50),
                    new Benchmarks.Row("200k printed lines: longest FX stall opening Show all",
                            showAll, "ms", "-", "< 50 ms", showAll < 50),
                    new Benchmarks.Row("200k printed lines: scroll step of the full view", scroll,
                            "ms", "-", "<= 16 ms", scroll <= 16),
                    new Benchmarks.Row("200k printed lines: heap growth (run, select, Show all)",
                            heapMb, "MB", "-", "<= 200 MB", heapMb <= 200),
                    new Benchmarks.Row("print every 100 ms for 3 s: first line on screen after",
                            firstLine, "ms", "-", "<= 200 ms", firstLine <= 200));
        } finally {
            background.shutdownNow();
        }
    }

    /** Runs a new cell below the current one and waits until it has finished; its id. */
    private static String runAndWait(NotebookViewModel model, String code) throws Exception {
        String id = onFx(() -> {
            model.runNew(CellKind.CODE, code);
            return model.current();
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (onFx(() -> model.tree().get(id).status()) == CellStatus.RUNNING
                || onFx(() -> model.tree().get(id).status()) == CellStatus.PENDING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cell did not finish: " + code);
            }
            Thread.sleep(20);
        }
        return onFx(model::current);
    }

    /**
     * The longest the FX thread stays busy from {@code action} until a second after it: the action
     * itself, then a heartbeat posted to the FX thread every 2 ms (pulses, layouts, lazy views).
     */
    private static double longestStall(Runnable action) throws Exception {
        double longest = onFx(() -> {
            long started = System.nanoTime();
            action.run();
            return (System.nanoTime() - started) / 1e6;
        });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < until) {
            long posted = System.nanoTime();
            CountDownLatch ran = new CountDownLatch(1);
            new FxThread().execute(ran::countDown);
            ran.await();
            longest = Math.max(longest, (System.nanoTime() - posted) / 1e6);
            Thread.sleep(2);
        }
        return longest;
    }

    /** Runs a cell printing a timestamped line every 100 ms; ms from the first print to screen. */
    private static double firstLineOnScreen(NotebookViewModel model, Parent root) throws Exception {
        AtomicLong seenAt = new AtomicLong();
        AnimationTimer watch = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (seenAt.get() == 0 && shows(root, "tick 0 ")) {
                    seenAt.set(System.currentTimeMillis());
                }
            }
        };
        onFx(() -> {
            watch.start();
            return null;
        });
        String id = runAndWait(model, "import time\nfor k in range(30):\n"
                + "    print('tick %d %d' % (k, int(time.time() * 1000)))\n    time.sleep(0.1)");
        onFx(() -> {
            watch.stop();
            return null;
        });
        String text = ((Output.Stream) model.tree().get(id).outputs().get(0)).text();
        long printedAt = Long.parseLong(text.lines().findFirst().orElseThrow().split(" ")[2]);
        if (seenAt.get() == 0) {
            return Double.NaN;
        }
        return seenAt.get() - printedAt;
    }

    private static boolean shows(Node node, String text) {
        if (node instanceof Labeled labeled && labeled.getText() != null
                && labeled.getText().contains(text)) {
            return true;
        }
        if (node instanceof javafx.scene.text.Text shape && shape.getText() != null
                && shape.getText().contains(text)) {
            return true;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (shows(child, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        new FxThread().execute(task);
        return task.get();
    }
}
