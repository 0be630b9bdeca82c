package dev.forkbook.app;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.jython.JythonKernel;
import dev.forkbook.server.PortInUseException;
import dev.forkbook.server.RestServer;
import dev.forkbook.server.ServerConfig;
import dev.forkbook.ui.MainWindow;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forkbook}: opens the desktop notebook, with the kernel's REST server embedded; the
 * subcommands run headless.
 */
@Command(name = "forkbook", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A Python notebook whose kernel snapshots and forks interpreter state. "
                + "Without a command, opens the desktop notebook.",
        subcommands = {ServeCommand.class, RunCommand.class, BenchCommand.class})
final class ForkbookCommand implements Callable<Integer> {

    /** The desktop's default server port; the next free one is taken when it is busy. */
    static final int DEFAULT_DESKTOP_PORT = 8765;
    private static final int PORTS_TO_TRY = 20;
    /** With this system property set, the desktop prints {@link #FIRST_FRAME_MARK} (for bench). */
    static final String FIRST_FRAME_PROPERTY = "forkbook.reportFirstFrame";
    static final String FIRST_FRAME_MARK = "forkbook: first frame shown";

    @Option(names = "--bind", converter = BindAddress.Converter.class, paramLabel = "HOST:PORT",
            description = "Where the embedded REST server listens (default: 127.0.0.1:8765, or the "
                    + "next free port).")
    BindAddress bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Secret for the REST server (default: a random one); with --connect, the "
                    + "token of the server connected to.")
    String token;

    @Option(names = "--connect", paramLabel = "URL",
            description = "Run on the kernel server at URL (forkbook serve elsewhere, or the "
                    + "snapshot-kernel seed on CPython) instead of the embedded Jython; no REST "
                    + "server is started.")
    String connect;

    @Option(names = "--no-server", description = "Do not start the REST server.")
    boolean noServer;

    @Option(names = "--max-output-chars", paramLabel = "N", defaultValue = "1000000",
            description = "Keep at most N characters of stdout + stderr per cell: the first and last "
                    + "halves with a marker between (default: ${DEFAULT-VALUE}).")
    int maxOutputChars;

    @Option(names = "--memory-budget", paramLabel = "SIZE", converter = ByteSize.Converter.class,
            description = "Bytes of kernel state to keep before evicting the least recently used "
                    + "states, e.g. 2g or 512m (default: half the maximum heap).")
    Long memoryBudget;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "NOTEBOOK",
            description = "A .forkbook notebook to open, or a .ipynb to import.")
    java.nio.file.Path notebook;

    @Override
    public Integer call() throws InterruptedException {
        if (maxOutputChars < 2) {
            System.err.println("--max-output-chars must be at least 2");
            return 2;
        }
        ByteSize.exitOnEscapedOutOfMemory();
        // The window comes first; Jython starts after its first frame, and cells run meanwhile wait.
        KernelStart start = new KernelStart(() -> new JythonKernel(
                dev.forkbook.kernel.KernelOptions.defaults().withMaxOutputChars(maxOutputChars)
                        .withMemoryBudget(memoryBudget == null ? 0 : memoryBudget)));
        java.util.concurrent.atomic.AtomicBoolean framed =
                new java.util.concurrent.atomic.AtomicBoolean();
        KernelConnections connections = new KernelConnections(() -> {
            if (framed.get()) {
                start.begin();
            }
            return start.kernel();
        }, KernelConnections.defaultPreferences());
        Kernel kernel;
        dev.forkbook.kernel.DeferredKernel remote = null;
        if (connect != null) {
            // Like the embedded kernel's start: the window comes at once, the connection behind it.
            remote = connections.connectInBackground(connect, token);
            kernel = remote;
            System.out.println("Forkbook connecting to " + connect);
            remote.whenStarted().whenComplete((connected, failed) -> {
                if (failed == null) {
                    System.out.println("Forkbook on " + connected.description().label());
                } else {
                    System.err.println("Cannot connect to " + connect + ": "
                            + DesktopApp.reason(failed));
                }
            });
        } else {
            kernel = connections.embedded();
        }
        // The REST server starts on its own thread while the toolkit starts (both take a while).
        java.util.concurrent.CompletableFuture<RestServer> serverStart =
                java.util.concurrent.CompletableFuture.completedFuture(null);
        boolean serving = !noServer && connect == null;
        String secret = !serving ? null : token != null ? token : ServeCommand.newToken();
        if (serving) {
            serverStart = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> startServer(kernel, secret), task -> {
                        Thread thread = new Thread(task, "forkbook-server-start");
                        thread.setDaemon(true);
                        thread.start();
                    });
        }
        java.util.concurrent.CompletableFuture<RestServer> serverReady = serverStart;
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<DesktopApp> app = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger exitCode =
                new java.util.concurrent.atomic.AtomicInteger();
        dev.forkbook.kernel.DeferredKernel connecting = remote;
        Platform.setImplicitExit(false);
        quietUnnamedModuleWarning();
        Platform.startup(() -> {
            MainWindow.ServerInfo serverInfo;
            try {
                serverInfo = announce(serverReady.join(), secret);
            } catch (java.util.concurrent.CompletionException e) {
                System.err.println("Cannot start the REST server: " + DesktopApp.reason(e));
                exitCode.set(1);
                closed.countDown();
                return;
            }
            Stage stage = new Stage();
            stage.setOnHidden(e -> closed.countDown());
            DesktopApp desktop = new DesktopApp(kernel, serverInfo, stage, connections,
                    notebook);
            app.set(desktop);
            desktop.show();
            if (connecting != null) {
                desktop.follow(connecting);
            }
            DesktopApp.afterFirstFrame(() -> {
                if (Boolean.getBoolean(FIRST_FRAME_PROPERTY)) {
                    System.out.println(FIRST_FRAME_MARK);
                    System.out.flush();
                }
                framed.set(true);
                if (connections.embeddedIfStarted() != null) {
                    start.begin();
                }
            });
        });
        closed.await();
        if (app.get() != null) {
            app.get().close();
        }
        RestServer server = serverReady.isCompletedExceptionally() ? null : serverReady.join();
        if (server != null) {
            server.close();
        }
        connections.close();
        Platform.exit();
        return exitCode.get();
    }

    /** Prints where the server listens (with its token, as Jupyter does); null without a server. */
    private static MainWindow.ServerInfo announce(RestServer server, String secret) {
        if (server == null) {
            return null;
        }
        MainWindow.ServerInfo info = new MainWindow.ServerInfo(server.baseUrl(),
                server.baseUrl() + "/states?token=" + secret);
        System.out.println("Forkbook REST server on " + server.baseUrl());
        // The URL with its token, to paste into a client.
        System.out.println("    " + info.urlWithToken());
        return info;
    }

    /**
     * JavaFX warns when it is loaded from the class path (a fat jar) rather than as modules; that is
     * how Forkbook ships, so the warning would only alarm users.
     */
    static void quietUnnamedModuleWarning() {
        for (java.util.logging.Logger logger : JAVAFX_LOGGERS) {
            logger.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.List<java.util.logging.Logger> JAVAFX_LOGGERS = java.util.List.of(
            java.util.logging.Logger.getLogger("javafx"),
            java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl"));

    private RestServer startServer(Kernel kernel, String secret) {
        if (bind != null) {
            RestServer server = new RestServer(kernel, new ServerConfig(bind.host(), bind.port(),
                    secret, ServerConfig.DEFAULT_MAX_BODY_BYTES));
            server.start();
            return server;
        }
        PortInUseException last = null;
        for (int port = DEFAULT_DESKTOP_PORT; port < DEFAULT_DESKTOP_PORT + PORTS_TO_TRY; port++) {
            RestServer server = new RestServer(kernel, ServerConfig.loopback(port, secret));
            try {
                server.start();
                if (port != DEFAULT_DESKTOP_PORT) {
                    System.out.println("Port " + DEFAULT_DESKTOP_PORT + " is in use; the REST server "
                            + "takes " + port + " instead.");
                }
                return server;
            } catch (PortInUseException busy) {
                last = busy;
                server.close();
            }
        }
        throw last;
    }
}
