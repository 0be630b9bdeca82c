package dev.forkbook.kernel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * A {@link Kernel} that is not ready yet: the one seam for a kernel that starts in the background
 * (the embedded interpreter) or connects somewhere (a remote kernel). Until the future kernel is
 * there, state queries answer from an empty {@code initial}, completions are empty, and executions
 * wait (queued) and then run on it. Status changes are published as {@link KernelEvent.StatusChanged};
 * every event of the real kernel is forwarded to this kernel's subscribers.
 */
public final class DeferredKernel implements Kernel {

    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Kernel> gate = new CompletableFuture<>();
    private final Map<String, Set<CompletableFuture<Void>>> queued = new ConcurrentHashMap<>();
    private final StateSummary initial;
    private final KernelDescription placeholder;
    private volatile Kernel kernel;
    private volatile String failure;
    private volatile boolean closed;
    private volatile Subscription forwarding;

    /** Wraps a kernel that {@code starting} will deliver; a failed stage makes this kernel FAILED. */
    public DeferredKernel(CompletionStage<? extends Kernel> starting) {
        this(starting, null);
    }

    /**
     * @param placeholder what {@link #description()} says until the kernel is there (a remote
     *     kernel's URL while connecting); null for the embedded Jython
     */
    public DeferredKernel(CompletionStage<? extends Kernel> starting, KernelDescription placeholder) {
        this.initial = new StateSummary(INITIAL_STATE, null, "", null, Instant.now(), 0, 0);
        this.placeholder = placeholder;
        starting.whenComplete(this::started);
    }

    /** Completes with the kernel once it is there; fails when it could not start or was closed. */
    public CompletionStage<Kernel> whenStarted() {
        return gate.minimalCompletionStage();
    }

    /** Why the kernel is not there (start or connection failed), or null. */
    public String failure() {
        return failure;
    }

    private void started(Kernel started, Throwable error) {
        if (error != null || started == null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException
                    && error.getCause() != null ? error.getCause() : error;
            failure = cause == null ? "no kernel" : cause.getMessage() != null ? cause.getMessage()
                    : cause.toString();
            gate.completeExceptionally(cause == null ? new IllegalStateException(failure) : cause);
            publish(new KernelEvent.StatusChanged(KernelStatus.FAILED, failure));
            return;
        }
        synchronized (this) {
            if (closed) {
                started.close();
                return;
            }
            forwarding = started.subscribe(this::publish);
            kernel = started;
        }
        publish(new KernelEvent.StatusChanged(KernelStatus.READY, ""));
        gate.complete(started);
    }

    @Override
    public KernelStatus status() {
        if (kernel != null) {
            return KernelStatus.READY;
        }
        return failure != null ? KernelStatus.FAILED : KernelStatus.STARTING;
    }

    @Override
    public ExecutionResult execute(ExecuteRequest request) {
        return whenReady(request.execId(), k -> k.execute(request));
    }

    @Override
    public ExecutionResult multistateExecute(String code, String execId,
            Map<String, String> stateMapping, String defaultState) {
        return whenReady(execId, k -> k.multistateExecute(code, execId, stateMapping, defaultState));
    }

    @Override
    public List<String> listStates() {
        Kernel ready = kernel;
        return ready != null ? ready.listStates() : List.of(INITIAL_STATE);
    }

    @Override
    public Optional<StateInfo> getState(String name) {
        Kernel ready = kernel;
        if (ready != null) {
            return ready.getState(name);
        }
        return INITIAL_STATE.equals(name) ? Optional.of(new StateInfo(initial, Map.of()))
                : Optional.empty();
    }

    @Override
    public List<StateSummary> tree() {
        Kernel ready = kernel;
        return ready != null ? ready.tree() : List.of(initial);
    }

    @Override
    public boolean deleteState(String name) {
        Kernel ready = kernel;
        if (ready != null) {
            return ready.deleteState(name);
        }
        // Only initial exists before the start; deleting it waits so it happens on the real kernel.
        return INITIAL_STATE.equals(name) && awaitKernel().map(k -> k.deleteState(name))
                .orElse(false);
    }

    @Override
    public void reset() {
        awaitKernel().ifPresent(Kernel::reset);
    }

    @Override
    public boolean interrupt(String execId) {
        Kernel ready = kernel;
        if (ready != null) {
            return ready.interrupt(execId);
        }
        Set<CompletableFuture<Void>> waiting = queued.get(execId);
        if (waiting == null || waiting.isEmpty()) {
            return false;
        }
        waiting.forEach(signal -> signal.complete(null));
        return true;
    }

    /** Pins given before the start apply to the kernel once it is up (the latest pins win). */
    @Override
    public void pin(Set<String> stateNames) {
        Kernel ready = kernel;
        if (ready != null) {
            ready.pin(stateNames);
        } else {
            gate.thenAccept(started -> started.pin(stateNames));
        }
    }

    @Override
    public List<String> complete(String stateName, String prefix) {
        Kernel ready = kernel;
        return ready != null ? ready.complete(stateName, prefix) : List.of();
    }

    /** Waits for the kernel (there is nothing to compare before it is up). */
    @Override
    public StateDiff diff(DiffRequest request) {
        Kernel ready = kernel;
        if (ready == null) {
            ready = awaitKernel().orElse(null);
        }
        return ready != null ? ready.diff(request) : Kernel.super.diff(request);
    }

    /** Queued like {@link #execute}, then run by the kernel's own {@code executeMany}. */
    @Override
    public List<BranchResult> executeMany(String code, String execId, List<String> stateNames) {
        Kernel ready = kernel;
        if (ready == null) {
            ready = awaitKernel().orElse(null);
        }
        return ready != null ? ready.executeMany(code, execId, stateNames)
                : Kernel.super.executeMany(code, execId, stateNames);
    }

    @Override
    public Optional<Provenance> provenance(String stateName) {
        Kernel ready = kernel;
        return ready != null ? ready.provenance(stateName) : Optional.empty();
    }

    /** The started kernel's description; the placeholder (or the embedded Jython) until then. */
    @Override
    public KernelDescription description() {
        Kernel ready = kernel;
        return ready != null ? ready.description()
                : placeholder != null ? placeholder : Kernel.super.description();
    }

    @Override
    public Subscription subscribe(KernelListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        Kernel ready;
        synchronized (this) {
            closed = true;
            ready = kernel;
        }
        gate.completeExceptionally(new IllegalStateException("the kernel was closed"));
        if (ready != null) {
            if (forwarding != null) {
                forwarding.close();
            }
            ready.close();
        }
    }

    /** Runs {@code call} on the kernel once it is there; a queued execution can be interrupted. */
    private ExecutionResult whenReady(String execId, Function<Kernel, ExecutionResult> call) {
        Kernel ready = kernel;
        if (ready != null) {
            return call.apply(ready);
        }
        CompletableFuture<Void> interrupted = new CompletableFuture<>();
        queued.computeIfAbsent(execId, id -> ConcurrentHashMap.newKeySet()).add(interrupted);
        try {
            CompletableFuture.anyOf(gate, interrupted).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(new ExecutionError("KeyboardInterrupt", "", List.of("KeyboardInterrupt")));
        } catch (ExecutionException e) {
            return failed(new ExecutionError(ExecutionError.KERNEL_FAILED,
                    "The kernel could not start: " + (failure != null ? failure
                            : e.getCause().getMessage()), List.of()));
        } finally {
            queued.computeIfPresent(execId, (id, set) -> {
                set.remove(interrupted);
                return set.isEmpty() ? null : set;
            });
        }
        if (interrupted.isDone() && kernel == null) {
            return failed(new ExecutionError("KeyboardInterrupt", "", List.of("KeyboardInterrupt")));
        }
        return call.apply(kernel);
    }

    /** Waits for the kernel; empty when it failed to start or was closed. */
    private Optional<Kernel> awaitKernel() {
        try {
            return Optional.of(gate.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    private static ExecutionResult failed(ExecutionError error) {
        return new ExecutionResult(List.of(), null, error, 0);
    }

    private void publish(KernelEvent event) {
        for (KernelListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // A failing listener must not break the kernel or the other listeners.
            }
        }
    }
}
