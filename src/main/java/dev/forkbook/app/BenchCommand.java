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

    @Override
    public Integer call() throws Exception {
        List<Benchmarks.Row> rows = ui ? new UiBenchmarks(System.out).run()
                : python ? new Benchmarks(1, System.out).runPython()
                : new Benchmarks(quick ? 1 : 5, System.out).runAll();
        System.out.println();
        System.out.println(Benchmarks.table(rows));
        return rows.stream().allMatch(Benchmarks.Row::meetsTarget) ? 0 : 1;
    }
}
