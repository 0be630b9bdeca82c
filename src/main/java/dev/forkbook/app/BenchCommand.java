package dev.forkbook.app;

import dev.forkbook.kernel.jython.JythonKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forkbook bench}: the performance numbers the README reports, measured on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measure round trip, fork cost, memory, parallelism, interrupt latency and "
                + "start-up time against the targets.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer repetitions (a rough reading in seconds).")
    boolean quick;

    @Option(names = "--ui", description = "Measure the desktop notebook instead (needs a display).")
    boolean ui;

    @Option(names = "--outputs", description = "With --ui: only the big and live output rows "
            + "(200,000 printed lines, Show all, streaming).")
    boolean outputs;

    @Option(names = "--python", description = "Only pure-Python speed: cells vs a plain Jython "
            + "script.")
    boolean python;

    @Option(names = "--rest", description = "Only the REST round trips.")
    boolean rest;

    @Option(names = "--seed", paramLabel = "URL", description = "Base URL of a running seed server "
            + "(snapshot-kernel) to measure its round trip beside Forkbook's.")
    String seed;

    @Option(names = "--seed-token", paramLabel = "TOKEN", defaultValue = "T",
            description = "The seed server's token (default: ${DEFAULT-VALUE}).")
    String seedToken;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Run every .ipynb under DIR on a "
            + "fresh kernel each and report how many run to the end (docs/corpus/RULE.md).")
    Path corpus;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "With --corpus: the time one notebook may take (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--cpython", paramLabel = "PYTHON3", defaultValue = "/usr/bin/python3",
            description = "With --corpus: the CPython 3 that gives the denominator, or 'none' "
                    + "(default ${DEFAULT-VALUE}).")
    String cpython;

    @Override
    public Integer call() throws Exception {
        if (corpus != null) {
            if (!Files.isDirectory(corpus)) {
                System.err.println("No such directory: " + corpus);
                return 2;
            }
            NotebookCorpus.runAll(corpus, JythonKernel::new, timeoutSeconds * 1000,
                    cpython.equals("none") ? null : cpython, System.out);
            return 0;
        }
        Benchmarks bench = new Benchmarks(quick ? 1 : 5, System.out).withSeed(seed, seedToken);
        List<Benchmarks.Row> rows = ui && outputs ? new UiBenchmarks(System.out).runOutputs()
                : ui ? new UiBenchmarks(System.out).run()
                : python ? bench.runPython()
                : rest ? bench.runRoundTrips()
                : bench.runAll();
        System.out.println();
        System.out.println(Benchmarks.table(rows));
        return rows.stream().allMatch(Benchmarks.Row::meetsTarget) ? 0 : 1;
    }
}
