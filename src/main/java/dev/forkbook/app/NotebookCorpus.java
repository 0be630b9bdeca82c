package dev.forkbook.app;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.Ipynb;
import dev.forkbook.notebook.NotebookDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code forkbook bench --corpus DIR}: runs every {@code .ipynb} under a directory on a fresh kernel
 * each (the rule that chose them is docs/corpus/RULE.md) and reports, per notebook, whether it ran to
 * the end or the first failing cell, the cells run and how many cells reproduced their saved text.
 * A cell whose saved outputs hold an error may raise. The same notebooks run in CPython 3 give the
 * denominator: the notebooks that CPython runs to the end.
 */
final class NotebookCorpus {

    /** What one notebook did. {@code failedCell} is 1-based among code cells, 0 when it ran. */
    record Outcome(String name, boolean ranToEnd, int cells, int cellsRun, int failedCell,
            String error, int compared, int matching) {
    }

    private static final Pattern CPYTHON_LINE = Pattern.compile(
            "@@corpus \\{\"ran_to_end\": (true|false), \"cells_run\": (\\d+), \"failed_cell\": (\\d+)");

    private final Supplier<Kernel> kernels;
    private final long timeoutMillis;

    NotebookCorpus(Supplier<Kernel> kernels, long timeoutMillis) {
        this.kernels = kernels;
        this.timeoutMillis = timeoutMillis;
    }

    /** Every .ipynb under {@code dir}, in path order. */
    static List<Path> notebooks(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".ipynb") && !p.toString().contains(".ipynb_checkpoints"))
                    .sorted().toList();
        }
    }

    /** Runs one notebook on a fresh kernel, with its directory as the working directory. */
    Outcome run(Path notebook, String name) {
        List<CellNode> cells;
        try {
            NotebookDocument document = Ipynb.read(Files.readAllBytes(notebook));
            cells = document.tree().pathTo(document.current()).stream()
                    .filter(c -> c.kind() == CellKind.CODE).toList();
        } catch (IOException | RuntimeException e) {
            return new Outcome(name, false, 0, 0, 1, "cannot import: " + e.getMessage(), 0, 0);
        }
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "corpus-runner");
            thread.setDaemon(true);
            return thread;
        });
        try (Kernel kernel = kernels.get()) {
            try {
                String dir = notebook.toAbsolutePath().getParent().toString();
                ExecutionResult setup = kernel.execute(ExecuteRequest.of("import os as _corpus_os\n"
                        + "_corpus_os.chdir(" + pythonString(dir) + ")\ndel _corpus_os", "setup",
                        Kernel.INITIAL_STATE));
                String state = setup.succeeded() ? setup.stateName() : Kernel.INITIAL_STATE;
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                int run = 0;
                int compared = 0;
                int matching = 0;
                for (CellNode cell : cells) {
                    String execId = "cell-" + (run + 1);
                    String from = state;
                    // As in one Jupyter kernel, a cell that raises on purpose keeps what it bound.
                    Future<ExecutionResult> pending = runner.submit(() -> kernel.execute(
                            ExecuteRequest.of(cell.source(), execId, from).keepingFailedState()));
                    ExecutionResult result;
                    try {
                        result = pending.get(Math.max(1, deadline - System.nanoTime()),
                                TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        kernel.interrupt(execId);
                        return new Outcome(name, false, cells.size(), run, run + 1,
                                "timeout after " + timeoutMillis / 1000 + " s", compared, matching);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Outcome(name, false, cells.size(), run, run + 1, "interrupted",
                                compared, matching);
                    } catch (java.util.concurrent.ExecutionException e) {
                        return new Outcome(name, false, cells.size(), run, run + 1,
                                String.valueOf(e.getCause()), compared, matching);
                    }
                    run++;
                    String saved = text(cell.outputs());
                    String replayed = text(result.outputs());
                    if (!saved.isEmpty() || !replayed.isEmpty()) {
                        compared++;
                        if (saved.equals(replayed)) {
                            matching++;
                        }
                    }
                    if (!result.succeeded() && cell.error() == null) {
                        return new Outcome(name, false, cells.size(), run, run,
                                result.error().ename() + ": " + result.error().evalue(),
                                compared, matching);
                    }
                    if (result.stateName() != null) {
                        state = result.stateName();
                    }
                }
                return new Outcome(name, true, cells.size(), run, 0, "", compared, matching);
            } finally {
                // Jython's working directory is one per JVM: give the next kernel the one it had.
                kernel.execute(ExecuteRequest.of("import os as _corpus_os\n_corpus_os.chdir("
                        + pythonString(System.getProperty("user.dir")) + ")\ndel _corpus_os",
                        "teardown", Kernel.INITIAL_STATE));
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /**
     * A cell's text as compared: blocks of consecutive stream text and the {@code text/plain} of
     * results and displays, in order, each line's trailing whitespace and each block's trailing
     * newlines removed, one newline between blocks.
     */
    static String text(List<Output> outputs) {
        List<String> blocks = new ArrayList<>();
        StringBuilder streams = null;
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream) {
                if (streams == null) {
                    streams = new StringBuilder();
                }
                streams.append(stream.text());
                continue;
            }
            if (streams != null) {
                blocks.add(normalized(streams.toString()));
                streams = null;
            }
            Object plain = output instanceof Output.ExecuteResult result
                    ? result.data().get("text/plain")
                    : output instanceof Output.DisplayData display ? display.data().get("text/plain")
                    : null;
            if (plain != null) {
                blocks.add(normalized(plain.toString()));
            }
        }
        if (streams != null) {
            blocks.add(normalized(streams.toString()));
        }
        return String.join("\n", blocks);
    }

    private static String normalized(String text) {
        StringBuilder normalized = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            normalized.append(line.stripTrailing()).append('\n');
        }
        return normalized.toString().stripTrailing();
    }

    private static String pythonString(String value) {
        return "u'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * Runs the notebook in CPython 3 (a script shipped in the jar) and says whether it ran to the
     * end; null when that interpreter cannot be started.
     */
    static Boolean cpythonRunsToEnd(String python, Path notebook, long timeoutMillis)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("forkbook-corpus", ".py");
        try (InputStream in = NotebookCorpus.class.getResourceAsStream("corpus_cpython.py")) {
            Files.write(script, in.readAllBytes());
            Process process;
            try {
                process = new ProcessBuilder(python, script.toString(),
                        notebook.getFileName().toString())
                        .directory(notebook.toAbsolutePath().getParent().toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                return null;
            }
            process.getOutputStream().close();
            Path out = Files.createTempFile("forkbook-corpus", ".out");
            try {
                Thread copier = new Thread(() -> {
                    try (InputStream stdout = process.getInputStream()) {
                        Files.copy(stdout, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    } catch (IOException ignored) {
                        // the process was killed; what it printed so far is enough
                    }
                });
                copier.start();
                if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    copier.join();
                    return false;
                }
                copier.join();
                Matcher line = CPYTHON_LINE.matcher(Files.readString(out, StandardCharsets.UTF_8));
                return line.find() && line.group(1).equals("true");
            } finally {
                Files.deleteIfExists(out);
            }
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * "N of M run to the end (of those CPython 3 runs), cells run, outputs matching"; with
     * {@code cpythonRuns} null (no CPython) M is the whole corpus.
     */
    static String summary(List<Outcome> outcomes, Set<String> cpythonRuns) {
        List<Outcome> counted = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (cpythonRuns == null || cpythonRuns.contains(outcome.name())) {
                counted.add(outcome);
            }
        }
        long ran = counted.stream().filter(Outcome::ranToEnd).count();
        int cells = counted.stream().mapToInt(Outcome::cells).sum();
        int cellsRun = counted.stream().mapToInt(Outcome::cellsRun).sum();
        int compared = counted.stream().mapToInt(Outcome::compared).sum();
        int matching = counted.stream().mapToInt(Outcome::matching).sum();
        long allRan = outcomes.stream().filter(Outcome::ranToEnd).count();
        return String.format(Locale.ROOT, "%d of %d run to the end (%s), %d of %d cells run, "
                + "%d of %d outputs matching; all %d notebooks: %d run to the end", ran,
                counted.size(), cpythonRuns == null ? "CPython 3 not measured"
                        : "of those CPython 3 runs", cellsRun, cells, matching, compared,
                outcomes.size(), allRan);
    }

    /** Runs the corpus and prints a line per notebook and the summary. */
    static List<Outcome> runAll(Path dir, Supplier<Kernel> kernels, long timeoutMillis,
            String python, PrintStream out) throws IOException, InterruptedException {
        NotebookCorpus corpus = new NotebookCorpus(kernels, timeoutMillis);
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> cpythonRuns = python == null ? null : new java.util.TreeSet<>();
        for (Path notebook : notebooks(dir)) {
            String name = dir.relativize(notebook).toString();
            Outcome outcome = corpus.run(notebook, name);
            outcomes.add(outcome);
            String cpython = "";
            if (cpythonRuns != null) {
                Boolean runs = cpythonRunsToEnd(python, notebook, timeoutMillis);
                if (runs == null) {
                    out.println("Cannot start " + python + "; CPython 3 not measured.");
                    cpythonRuns = null;
                } else {
                    cpython = runs ? "  [CPython: end]" : "  [CPython: fails]";
                    if (runs) {
                        cpythonRuns.add(name);
                    }
                }
            }
            out.printf(Locale.ROOT, "%-60s %s  %d/%d cells, %d/%d outputs match%s%n", name,
                    outcome.ranToEnd() ? "END " : "FAIL at cell " + outcome.failedCell() + ": "
                            + abbreviate(outcome.error()),
                    outcome.cellsRun(), outcome.cells(), outcome.matching(), outcome.compared(),
                    cpython);
        }
        out.println();
        out.println(summary(outcomes, cpythonRuns));
        return outcomes;
    }

    private static String abbreviate(String error) {
        String line = error.replace('\n', ' ');
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }
}
