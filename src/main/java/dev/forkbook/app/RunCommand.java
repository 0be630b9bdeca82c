package dev.forkbook.app;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.kernel.remote.RemoteKernel;
import dev.forkbook.kernel.remote.RemoteKernelException;
import dev.forkbook.notebook.AtomicFileWriter;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.Ipynb;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookFile;
import dev.forkbook.notebook.NotebookFormatException;
import dev.forkbook.notebook.NotebookRunner;
import dev.forkbook.notebook.NotebookSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forkbook run}: executes a notebook headless and writes its outputs back. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Execute a notebook (.forkbook or .ipynb) without a display, write the outputs "
                + "back, and exit non-zero at the first error (like jupyter nbconvert --execute); "
                + "cells not reached lose their old outputs.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "A .forkbook or .ipynb file.")
    Path notebook;

    @Option(names = "--node", paramLabel = "ID",
            description = "Run only the path from the root to this cell.")
    String node;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the executed notebook here instead of over NOTEBOOK.")
    Path output;

    @Option(names = "--allow-errors",
            description = "Go on after a failing cell (as nbconvert --allow-errors) and exit 0; "
                    + "cells under a failed one run from the last state that succeeded.")
    boolean allowErrors;

    @Option(names = "--export", paramLabel = "FILE.ipynb",
            description = "Also export the path to --node (or the current cell) as .ipynb.")
    Path export;

    @Option(names = "--connect", paramLabel = "URL",
            description = "Run on the kernel server at URL (forkbook serve, or the snapshot-kernel "
                    + "seed on CPython) instead of the embedded Jython.")
    String connect;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The token of the --connect server.")
    String token;

    @Override
    public Integer call() {
        NotebookDocument document;
        try {
            document = NotebookFile.open(notebook, FileOps.SYSTEM).document();
        } catch (IOException e) {
            System.err.println("Cannot read " + notebook + ": " + e.getMessage());
            return 2;
        } catch (NotebookFormatException e) {
            System.err.println("Cannot open " + notebook + ": " + e.getMessage());
            return 2;
        }
        if (node != null && !document.tree().contains(node)) {
            System.err.println("No cell with id " + node + " in " + notebook);
            return 2;
        }
        Kernel kernel;
        try {
            kernel = connect == null ? new JythonKernel() : RemoteKernel.connect(connect, token);
        } catch (RemoteKernelException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (connect != null) {
            System.err.println("Running on " + kernel.description().label());
        } else if (document.kernel() != null) {
            System.err.println("Note: this notebook last ran on a " + document.kernel().kind()
                    + " kernel" + (document.kernel().url() == null ? ""
                            : " at " + document.kernel().url())
                    + "; running it on the embedded Jython (use --connect URL for that one).");
        }
        NotebookRunner.Report report;
        try (kernel; NotebookSession session = new NotebookSession(kernel, document.tree(),
                Runnable::run, Runnable::run)) {
            report = new NotebookRunner(session, System.err).run(node, allowErrors);
        }
        NotebookDocument executed = new NotebookDocument(document.tree(),
                node != null ? node : document.current(), KernelChoices.of(kernel, document.kernel()));
        try {
            Path target = output != null ? output : notebook;
            write(target, executed);
            System.err.println("Wrote " + target);
            if (export != null) {
                new AtomicFileWriter(FileOps.SYSTEM).write(export,
                        Ipynb.export(executed, executed.current()));
                System.err.println("Exported " + export);
            }
        } catch (IOException e) {
            System.err.println("Cannot write the results: " + e.getMessage());
            return 2;
        }
        return report.failed().isEmpty() || allowErrors ? 0 : 1;
    }

    private static void write(Path target, NotebookDocument document) throws IOException {
        boolean ipynb = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb");
        byte[] bytes = ipynb ? Ipynb.export(document, document.current())
                : ForkbookFormat.write(document);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("no such directory: " + parent);
        }
        new AtomicFileWriter(FileOps.SYSTEM).write(target, bytes);
    }
}
