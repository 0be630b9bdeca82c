package dev.forkbook.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code forkbook}: the top-level command; its subcommands do the work. */
@Command(name = "forkbook", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A Python notebook whose kernel snapshots and forks interpreter state.",
        subcommands = {ServeCommand.class, BenchCommand.class})
final class ForkbookCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
