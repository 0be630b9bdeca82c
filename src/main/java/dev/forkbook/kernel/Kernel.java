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
