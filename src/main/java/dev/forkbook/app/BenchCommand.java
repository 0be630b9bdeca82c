package dev.forkbook.app;

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

    @Override
    public Integer call() throws Exception {
        Benchmarks bench = new Benchmarks(quick ? 1 : 5, System.out).withSeed(seed, seedToken);
        List<Benchmarks.Row> rows = ui ? new UiBenchmarks(System.out).run()
                : python ? bench.runPython()
                : rest ? bench.runRoundTrips()
                : bench.runAll();
        System.out.println();
        System.out.println(Benchmarks.table(rows));
        return rows.stream().allMatch(Benchmarks.Row::meetsTarget) ? 0 : 1;
    }
}
