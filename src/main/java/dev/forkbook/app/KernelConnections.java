package dev.forkbook.app;

import dev.forkbook.kernel.DeferredKernel;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.remote.RemoteKernel;
import dev.forkbook.kernel.remote.RemoteKernelException;
import dev.forkbook.kernel.remote.SeedProcess;
import dev.forkbook.notebook.KernelChoice;
import dev.forkbook.ui.files.KernelConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

/**
 * The desktop's kernels: the embedded Jython (made on first use), remote servers, and CPython seeds
 * it starts itself, each stopped when the window stops using it or closes.
 */
final class KernelConnections implements KernelConnector, AutoCloseable {

    /**
     * A directory holding the seed's {@code snapshot_kernel} package, put on {@code PYTHONPATH} for
     * "Python 3 (local)" when the package is not installed (the tests and {@code .ci/run} set it).
     */
    static final String SEED_DIR_VARIABLE = "FORKBOOK_SEED_DIR";
    private static final String PYTHON_PREFERENCE = "python.interpreter";

    private final Supplier<Kernel> embeddedFactory;
    private final Preferences preferences;
    private final Map<Kernel, SeedProcess> localSeeds = new ConcurrentHashMap<>();
    private final Map<Kernel, Boolean> remotes = new ConcurrentHashMap<>();
    private Kernel embedded;

    KernelConnections(Supplier<Kernel> embeddedFactory, Preferences preferences) {
        this.embeddedFactory = embeddedFactory;
        this.preferences = preferences;
    }

    static Preferences defaultPreferences() {
        return Preferences.userRoot().node("dev/forkbook");
    }

    @Override
    public synchronized Kernel embedded() {
        if (embedded == null) {
            embedded = embeddedFactory.get();
        }
        return embedded;
    }

    /** The embedded kernel if one was made (to close at exit). */
    synchronized Kernel embeddedIfStarted() {
        return embedded;
    }

    @Override
    public Kernel connect(String url, String token) throws Unavailable {
        try {
            RemoteKernel kernel = RemoteKernel.connect(url, token);
            remotes.put(kernel, Boolean.TRUE);
            return kernel;
        } catch (RemoteKernelException | IllegalArgumentException e) {
            throw new Unavailable(e.getMessage());
        }
    }

    /**
     * The kernel server at {@code url} behind a {@link DeferredKernel}: returned at once (the window
     * need not wait for the network), connected on a background thread; executions wait for the
     * connection, and a failed one makes the kernel FAILED with the reason.
     */
    DeferredKernel connectInBackground(String url, String token) {
        CompletableFuture<Kernel> connected = new CompletableFuture<>();
        DeferredKernel kernel = new DeferredKernel(connected, new KernelDescription(
                KernelDescription.FORKBOOK, "kernel at " + url, url, false));
        remotes.put(kernel, Boolean.TRUE);
        Thread connecting = new Thread(() -> {
            try {
                connected.complete(RemoteKernel.connect(url, token));
            } catch (RemoteKernelException | IllegalArgumentException e) {
                connected.completeExceptionally(new Unavailable(e.getMessage()));
            } catch (RuntimeException e) {
                connected.completeExceptionally(e);
            }
        }, "forkbook-connect");
        connecting.setDaemon(true);
        connecting.start();
        return kernel;
    }

    @Override
    public Kernel startLocalPython() throws Unavailable {
        String dir = System.getenv(SEED_DIR_VARIABLE);
        SeedProcess seed;
        try {
            seed = SeedProcess.start(pythonInterpreter(),
                    dir == null || dir.isBlank() ? null : Path.of(dir), Duration.ofSeconds(30));
        } catch (SeedProcess.StartException e) {
            throw new Unavailable(e.getMessage() + "\n\nFor DataFrames and figures also install (Debian): "
                    + SeedProcess.SCIENTIFIC_PACKAGES);
        }
        try {
            RemoteKernel kernel = RemoteKernel.connect(seed.url(), seed.token());
            localSeeds.put(kernel, seed);
            return kernel;
        } catch (RemoteKernelException e) {
            seed.close();
            throw new Unavailable(e.getMessage());
        }
    }

    @Override
    public KernelChoice choiceFor(Kernel kernel) {
        if (localSeeds.containsKey(kernel)) {
            return new KernelChoice(KernelChoice.LOCAL_PYTHON, null);
        }
        KernelDescription description = kernel.description();
        return description.remote() ? new KernelChoice(description.kind(), description.url()) : null;
    }

    @Override
    public void release(Kernel kernel) {
        if (remotes.remove(kernel) != null) {
            kernel.close();
        }
        SeedProcess seed = localSeeds.remove(kernel);
        if (seed != null) {
            kernel.close();
            seed.close();
        }
    }

    @Override
    public String pythonInterpreter() {
        return preferences.get(PYTHON_PREFERENCE, "python3");
    }

    @Override
    public void setPythonInterpreter(String interpreter) {
        preferences.put(PYTHON_PREFERENCE, interpreter);
    }

    /** Closes every connection and stops every local Python; the embedded kernel too. */
    @Override
    public void close() {
        for (Kernel kernel : java.util.List.copyOf(remotes.keySet())) {
            release(kernel);
        }
        for (Kernel kernel : java.util.List.copyOf(localSeeds.keySet())) {
            release(kernel);
        }
        Kernel made = embeddedIfStarted();
        if (made != null) {
            made.close();
        }
    }
}
