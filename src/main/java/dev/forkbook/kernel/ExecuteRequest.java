package dev.forkbook.kernel;

import java.util.Objects;

/**
 * One cell execution: run {@code code} from state {@code stateName}; store the result as
 * {@code newStateName}, or under a generated name when that is null. An existing state of that name is
 * replaced, as the seed's clients expect.
 *
 * @param executionCount the count this execution shows ({@code Out[n]}), chosen by the notebook so that
 *     counts stay unique across reopening; null lets the kernel count
 * @param keepFailedState when the code raises a Python exception, store the names it bound before
 *     the exception as a state flagged {@link StateSummary#failed()} (what a Jupyter kernel keeps, and
 *     what {@code run --allow-errors} runs the next cell from); false, the default and the seed's
 *     behaviour, stores nothing for a failed execution. Interrupts and memory errors never store.
 */
public record ExecuteRequest(String code, String execId, String stateName, String newStateName,
        Integer executionCount, boolean keepFailedState) {

    public ExecuteRequest {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(stateName, "stateName");
    }

    /** A request that stores nothing when it fails. */
    public ExecuteRequest(String code, String execId, String stateName, String newStateName,
            Integer executionCount) {
        this(code, execId, stateName, newStateName, executionCount, false);
    }

    /** A request that lets the kernel count. */
    public ExecuteRequest(String code, String execId, String stateName, String newStateName) {
        this(code, execId, stateName, newStateName, null);
    }

    /** A request that lets the kernel name the new state. */
    public static ExecuteRequest of(String code, String execId, String stateName) {
        return new ExecuteRequest(code, execId, stateName, null);
    }

    /** The same request, keeping what a failed execution bound as a failed state. */
    public ExecuteRequest keepingFailedState() {
        return new ExecuteRequest(code, execId, stateName, newStateName, executionCount, true);
    }
}
