package dev.forkbook.kernel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Python kernel that keeps an immutable snapshot of the user namespace after every successful
 * execution, so that any state can be forked by executing code from it.
 *
 * <p>All methods are thread-safe; executions from different (or the same) states run in parallel.
 */
public interface Kernel extends AutoCloseable {

    /** The name of the empty state that exists after start and after {@link #reset()}. */
    String INITIAL_STATE = "initial";

    /**
     * Runs {@code request.code()} from state {@code request.stateName()} and, on success, stores the
     * resulting namespace as a new state. Blocks until the execution has finished.
     */
    ExecutionResult execute(ExecuteRequest request);

    /**
     * Runs code where each alias of {@code stateMapping} names a read-only view of that state's
     * variables and the variables of {@code defaultState} (if any) are plain names. Stores no state.
     */
    ExecutionResult multistateExecute(String code, String execId, Map<String, String> stateMapping,
            String defaultState);

    /** Names of all states in creation order, {@code initial} first. */
    List<String> listStates();

    /** Full description of a state, with its variables, or empty if there is no such state. */
    Optional<StateInfo> getState(String name);

    /** Every state with its lineage but without variables, in creation order. */
    List<StateSummary> tree();

    /** Removes a state; returns whether it existed. Children keep their own snapshots. */
    boolean deleteState(String name);

    /** Drops every state and recreates an empty {@code initial}. */
    void reset();

    /** Asks the running execution {@code execId} to stop; returns whether one was running. */
    boolean interrupt(String execId);

    /**
     * Tab completions for the name or dotted name {@code prefix} against a state's variables and the
     * builtins, sorted; empty for an unknown state.
     */
    List<String> complete(String stateName, String prefix);

    /** Which kernel this is and what it can do; the embedded Jython kernel unless overridden. */
    default KernelDescription description() {
        return KernelDescription.EMBEDDED_JYTHON;
    }

    /**
     * Compares two states' variables without running user code on stored values.
     *
     * @throws UnknownStateException when either state does not exist
     */
    default StateDiff diff(DiffRequest request) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot diff states");
    }

    /**
     * Runs {@code code} once from each of {@code stateNames}, all at the same time, each result stored
     * as a new child of its state; answers in request order. {@link #interrupt(String)} with
     * {@code execId} stops all of them. This default runs {@link #execute} on one thread per state.
     */
    default List<BranchResult> executeMany(String code, String execId, List<String> stateNames) {
        if (stateNames.isEmpty()) {
            return List.of();
        }
        java.util.concurrent.ExecutorService threads =
                java.util.concurrent.Executors.newFixedThreadPool(stateNames.size(), runnable -> {
                    Thread thread = new Thread(runnable, "execute-many-" + execId);
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<ExecutionResult>> futures = new java.util.ArrayList<>();
            for (String state : stateNames) {
                futures.add(threads.submit(() -> execute(ExecuteRequest.of(code, execId, state))));
            }
            List<BranchResult> results = new java.util.ArrayList<>();
            for (int i = 0; i < stateNames.size(); i++) {
                results.add(new BranchResult(stateNames.get(i), awaitBranch(futures.get(i), execId)));
            }
            return results;
        } finally {
            threads.shutdown();
        }
    }

    private ExecutionResult awaitBranch(java.util.concurrent.Future<ExecutionResult> future,
            String execId) {
        boolean callerInterrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The caller gave up: stop every branch, then collect what they gave.
                    callerInterrupted = true;
                    interrupt(execId);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a branch failed outside Python", e.getCause());
                }
            }
        } finally {
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Which execution wrote each variable of a state and what its cell read and wrote; empty for an
     * unknown state or a kernel that does not track it.
     */
    default Optional<Provenance> provenance(String stateName) {
        return Optional.empty();
    }

    /**
     * Whether the kernel can run code now; changes are announced as
     * {@link KernelEvent.StatusChanged}. An in-process interpreter is ready once constructed.
     */
    default KernelStatus status() {
        return KernelStatus.READY;
    }

    /**
     * Replaces the set of states a client wants kept in memory (the desktop's current path): they are
     * never evicted. Unknown names are ignored. Kernels without a memory budget ignore pins.
     */
    default void pin(java.util.Set<String> stateNames) {
    }

    /** Subscribes to kernel events; the returned handle unsubscribes. */
    Subscription subscribe(KernelListener listener);

    /** Stops the kernel's threads. Executions still running are interrupted. */
    @Override
    void close();

    /** A handle that ends a subscription. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
